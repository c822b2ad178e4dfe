import Analysis
import Statistics
import StudyModel

/// A chart of the published document: what to draw, free of language and format (the SVG writer of
/// `Reporting` draws it).
public struct ChartFigure: Sendable, Equatable {
    /// One bar: a percentage with its 95% interval (in percent), or a hidden or empty value.
    public struct Bar: Sendable, Equatable {
        public var percent: Double?
        public var lower: Double?
        public var upper: Double?
        public var suppressed: Bool

        public init(percent: Double?, suppressed: Bool) {
            self.percent = suppressed ? nil : percent
            self.suppressed = suppressed
        }

        public init(_ cell: TableCell) {
            suppressed = cell.suppressed
            percent = cell.suppressed ? nil : cell.percent
            lower = cell.interval.map { $0.lower * 100 }
            upper = cell.interval.map { $0.upper * 100 }
        }
    }

    public enum Drawing: Sendable, Equatable {
        /// One group of bars per category, one bar per series; categories marked as headings stand as a
        /// bold line over the rows that follow (a factor category over its barriers).
        case groupedBars(categories: [Text], series: [Text], bars: [[Bar]], axisLabel: Text, headings: [Bool])
        /// A shaded cell per row and column.
        case heatMap(rows: [Text], columns: [Text], bars: [[Bar]], legend: Text)
        /// A shaded cell per row and column of an index from 0 to 1 (a Jaccard index), carried as a
        /// percentage (`percent` = 100 · index) on the heat map's scale.
        case indexMatrix(rows: [Text], columns: [Text], cells: [[Bar]], legend: Text)
        /// κ per code against the threshold; `missing` says why a code has none; headings by row index.
        case agreementBars(labels: [Text], values: [Double?], flagged: [Bool], threshold: Double, missing: [Text], headings: [Int: Text])
    }

    public var kind: ChartKind
    public var title: Text
    public var caption: Text
    public var drawing: Drawing
}

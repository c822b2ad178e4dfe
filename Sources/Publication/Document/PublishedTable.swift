import Analysis
import StudyModel

/// One published table of the document: its layout, its tidy records, its charts and, for the JSON
/// file, the published result itself.
public struct PublishedTable: Sendable {
    public var id: String
    public var title: Text
    /// Title, notes and grids, for text, Markdown, HTML and notebooks.
    public var blocks: [DocumentBlock]
    /// One record per cell (the table's CSV).
    public var cells: TidyTable
    /// One record per test (the table's tests CSV), or `nil` when the table has no tests.
    public var tests: TidyTable?
    /// The charts its spec declares that it has something to draw for, in the spec's order.
    public var charts: [ChartFigure]
    /// The published result (hidden counts zeroed and flagged, withheld statistics removed).
    public var result: TableResult

    /// The table laid out; `charts` are the kinds its spec declares.
    public init(_ result: TableResult, charts: [ChartKind] = []) {
        id = result.id
        title = TableLayout.title(of: result)
        blocks = TableLayout.blocks(result)
        cells = TidyCells.records(for: result)
        tests = TidyTests.records(for: result)
        self.charts = charts.compactMap { ChartLayout.figure($0, of: result) }
        self.result = result
    }
}

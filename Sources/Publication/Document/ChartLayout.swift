import Analysis
import StudyModel

/// The charts a table's spec declares (``ChartKind``), laid out from the published table.
public enum ChartLayout {
    /// The chart `kind` of `table`, or `nil` when the table has nothing to draw (no participant coded
    /// twice, say) or is not of a kind that draws it.
    public static func figure(_ kind: ChartKind, of table: TableResult) -> ChartFigure? {
        switch (kind, table) {
        case (.groupedBars, .crosstab(let table)):
            // Codes under their factor category (or activity type), which stands as a heading.
            return ChartFigure(
                kind: kind, title: .phrase(.chartBarriersByCountry, [:]), caption: .phrase(.captionBarriersByCountry, [:]),
                drawing: .groupedBars(
                    categories: table.rows.map(Text.row), series: table.columns.map(Text.column),
                    bars: table.rows.indices.map { row in table.rows[row].kind == .code ? table.cells[row].map(ChartFigure.Bar.init) : [] },
                    axisLabel: .phrase(.axisMentioning, [:]), headings: table.rows.map { $0.kind != .code }))
        case (.pairedBars, .comparison(let table)):
            let groups = table.comparison.groups
            let series = table.strata.flatMap { stratum in groups.map { Text.level(stratum) + ": " + .level($0) } }
            return ChartFigure(
                kind: kind, title: .phrase(.chartFathersMothers, [:]), caption: .phrase(.captionFathersMothers, [:]),
                drawing: .groupedBars(
                    categories: table.rows.map { .row($0.row) }, series: series,
                    bars: table.rows.map { row in
                        row.row.kind == .code ? row.strata.flatMap { [ChartFigure.Bar($0.first), ChartFigure.Bar($0.second)] } : []
                    },
                    axisLabel: .phrase(.axisMentioning, [:]), headings: table.rows.map { $0.row.kind != .code }))
        case (.heatMap, .crosstab(let table)):
            // Its codes; a table of group rows only (factor categories) draws those.
            let codes = table.rows.indices.filter { table.rows[$0].kind == .code }
            let rows = codes.isEmpty ? Array(table.rows.indices) : codes
            return ChartFigure(
                kind: kind, title: .phrase(.chartHeatMap, [:]), caption: .phrase(.captionHeatMap, [:]),
                drawing: .heatMap(
                    rows: rows.map { .row(table.rows[$0]) }, columns: table.columns.map(Text.column),
                    bars: rows.map { row in table.cells[row].map(ChartFigure.Bar.init) }, legend: .phrase(.heatLegend, [:])))
        case (.heatMap, .cooccurrence(let table)):
            // One matrix of codes per column group, stacked: a cell is the pair's participant-level
            // Jaccard index; the diagonal is empty.
            var rows: [Text] = []
            var cells: [[ChartFigure.Bar]] = []
            var index: [Int: ChartFigure.Bar] = [:]
            for (column, group) in table.columns.enumerated() {
                for pair in table.pairs {
                    let cell = pair.cells[column]
                    let bar = ChartFigure.Bar(percent: cell.jaccard.map { $0 * 100 }, suppressed: group.suppressed || cell.jaccardWithheld)
                    index[pair.first * table.codes.count + pair.second] = bar
                    index[pair.second * table.codes.count + pair.first] = bar
                }
                for (row, code) in table.codes.enumerated() {
                    rows.append(table.columns.count > 1 ? .column(group) + ": " + .row(code.row) : .row(code.row))
                    cells.append(table.codes.indices.map { index[row * table.codes.count + $0] ?? ChartFigure.Bar(percent: nil, suppressed: false) })
                }
            }
            return ChartFigure(
                kind: kind, title: .phrase(.chartCooccurrence, ["codes": .rowSet(table.codeSet)]), caption: .phrase(.captionCooccurrence, [:]),
                drawing: .indexMatrix(
                    rows: rows, columns: table.codes.map { .row($0.row) }, cells: cells, legend: .phrase(.jaccardLegend, [:])))
        case (.agreementBars, .agreement(let table)) where table.participants > 0:
            return ChartFigure(
                kind: kind, title: .phrase(.chartAgreement, [:]),
                caption: .phrase(.captionAgreementFlag, [
                    "pair": .plain(table.coders.joined(separator: " — ")), "n": "\(table.participants)",
                    "t": .number(NumberFormat.fixed(table.threshold)),
                ]),
                drawing: .agreementBars(
                    labels: table.codes.map { .label($0.label) }, values: table.codes.map(\.kappa), flagged: table.codes.map(\.flagged),
                    threshold: table.threshold,
                    missing: table.codes.map { .phrase($0.withheld ? .agreementWithheld : .notObserved, [:]) },
                    headings: categoryHeadings(table.codes)))
        default:
            return nil
        }
    }

    /// The row before which each code category begins, with its name (barriers, involvement roles, activities,
    /// uncategorised codes).
    private static func categoryHeadings(_ codes: [CodeAgreement]) -> [Int: Text] {
        var headings: [Int: Text] = [:]
        var previous: CodeCategory?
        for (index, code) in codes.enumerated() where code.category != nil && code.category != previous {
            previous = code.category
            let rows: RowSet = switch code.category! {
            case .barrier: .barriers
            case .involvementRole: .involvementRoles
            case .activity: .activities
            case .uncategorised: .uncategorisedCodes
            }
            headings[index] = .rowSet(rows)
        }
        return headings
    }
}

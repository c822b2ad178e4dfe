import Analysis
import Statistics
import StudyModel

/// Renders a multiple-response crosstab and, beside it, the tests of its rows.
struct CrosstabRenderer {
    let vocabulary: Vocabulary

    func title(of table: CrosstabResult) -> String {
        var title = vocabulary.title(rows: table.rowSet, columns: table.columnVariables)
        if let filter = table.filter, !filter.isEmpty {
            let condition = filter.keys.sorted().map { variable in
                "\(vocabulary.variable(variable)): " + filter[variable]!.map(vocabulary.level).joined(separator: ", ")
            }
            title += " (" + condition.joined(separator: "; ") + ")"
        }
        return title
    }

    func blocks(_ table: CrosstabResult) -> [ReportBlock] {
        let withIntervals = table.columns.count <= 4
        let note = table.rowSet == .sample
            ? "Cells: participants (% of the column's participants); seg = analysed coded segments."
            : "Cells: participants with at least one analysed segment of the row's codes (% of all participants "
                + "of the column, including those with no segment"
                + (withIntervals ? "; 95% Wilson interval" : "; 95% Wilson intervals in the tidy CSV")
                + "); seg = analysed segments."
        var header = [[""] + table.columns.flatMap { [vocabulary.columnLabel($0)] + Array(repeating: "", count: withIntervals ? 3 : 2) }]
        header.append([""] + table.columns.flatMap { _ in withIntervals ? ["n", "%", "95% CI", "seg"] : ["n", "%", "seg"] })
        var rows: [[String]] = []
        for (row, cells) in zip(table.rows, table.cells) {
            rows.append([vocabulary.rowLabel(row)] + cells.flatMap { cell -> [String] in
                guard !cell.suppressed else { return Array(repeating: "*", count: withIntervals ? 4 : 3) }
                let percent = Proportion(count: cell.participants, base: cell.base).percentText() ?? "—"
                return withIntervals
                    ? [String(cell.participants), percent, NumberFormat.percentInterval(cell.interval), String(cell.segments)]
                    : [String(cell.participants), percent, String(cell.segments)]
            })
        }
        rows.append(["Base (participants)"] + table.columns.flatMap { [$0.suppressed ? "*" : String($0.base)] + Array(repeating: "", count: withIntervals ? 3 : 2) })
        var blocks: [ReportBlock] = [
            .title(id: table.id, text: title(of: table)), .note(note),
            .grid(header: header, rows: rows, indents: table.rows.map(\.depth)),
        ]
        blocks += testBlocks(table)
        return blocks
    }

    private func testBlocks(_ table: CrosstabResult) -> [ReportBlock] {
        guard !table.tests.isEmpty else {
            return [.note(table.rowSet == .sample
                ? "No test: the sample table describes who was interviewed."
                : "No test: fewer than two column groups have participants.")]
        }
        let twoGroups = table.tests.first?.groups == 2
        var header = [["", "Fisher p", "method", "χ²", "df", "p", "G²", "V", "min E", "E<5", "adj. p"]]
        if twoGroups { header[0] += ["OR (95% CI)", "RD"] }
        let rows = zip(table.rows, table.tests).map { row, test -> [String] in
            guard !test.withheld else {
                return [vocabulary.rowLabel(row), "withheld"] + Array(repeating: "", count: twoGroups ? 11 : 9)
            }
            let chi = test.chiSquare
            var cells = [
                vocabulary.rowLabel(row), NumberFormat.p(test.fisher?.p), NumberFormat.method(test.fisher?.method),
                NumberFormat.fixed(chi?.pearson), chi.map { String($0.degreesOfFreedom) } ?? "—", NumberFormat.p(chi?.pearsonP),
                NumberFormat.fixed(chi?.likelihoodRatio), NumberFormat.fixed(chi?.cramersV),
                NumberFormat.fixed(chi?.minimumExpected), chi.map { "\($0.cellsBelowFive)/\($0.cellCount)" } ?? "—",
                NumberFormat.p(test.adjustedP),
            ]
            if twoGroups {
                cells += [NumberFormat.oddsRatio(test.oddsRatio), NumberFormat.fixed(test.oddsRatio?.riskDifference, 3)]
            }
            return cells
        }
        let families = Array(Set(table.tests.filter { $0.familySize > 0 }.map { "\($0.family) (\($0.familySize) tests)" })).sorted()
        var notes = "Tests per row (mentioned / not mentioned × the \(table.tests.first?.groups ?? 0) groups with participants): "
            + "Fisher's exact test (two-sided as in R; MC = seeded Monte Carlo with that many draws where exact "
            + "enumeration is infeasible), Pearson's χ² and the likelihood ratio G² without continuity correction, "
            + "Cramér's V; min E = smallest expected count, E<5 = cells with expected count below 5. "
            + "adj. p = Fisher p adjusted with Benjamini–Hochberg within: " + families.joined(separator: "; ") + "."
        if table.tests.contains(where: \.withheld) {
            notes += " withheld = the row has a suppressed cell, which a test or an effect size could give away."
        }
        if twoGroups {
            notes += " OR = odds ratio of mentioning in the first group against the second (Woolf interval; † = 0.5 added "
                + "to every cell because one was 0); RD = risk difference, first minus second."
        }
        return [.grid(header: header, rows: rows, indents: table.rows.map(\.depth)), .note(notes)]
    }
}

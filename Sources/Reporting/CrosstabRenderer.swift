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

    private var say: Phrasebook { Phrasebook(language: vocabulary.language) }

    func blocks(_ table: CrosstabResult) -> [ReportBlock] {
        let withIntervals = table.columns.count <= 4
        let note = table.rowSet == .sample
            ? say(.cellsSample)
            : say(.cellsParticipants, ["intervals": say(withIntervals ? .intervalsShown : .intervalsInCSV)])
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
        rows.append([say(.baseParticipants)] + table.columns.flatMap { [$0.suppressed ? "*" : String($0.base)] + Array(repeating: "", count: withIntervals ? 3 : 2) })
        var blocks: [ReportBlock] = [
            .title(id: table.id, text: title(of: table)), .note(note),
            .grid(header: header, rows: rows, indents: table.rows.map(\.depth)),
        ]
        blocks += testBlocks(table)
        return blocks
    }

    private func testBlocks(_ table: CrosstabResult) -> [ReportBlock] {
        guard !table.tests.isEmpty else {
            return [.note(say(table.rowSet == .sample ? .noTestSample : .noTestGroups))]
        }
        let twoGroups = table.tests.first?.groups == 2
        var header = [["", "Fisher p", say(.method), "χ²", "df", "p", "G²", "V", "min E", "E<5", "adj. p"]]
        if twoGroups { header[0] += ["OR (95% CI)", "RD"] }
        let rows = zip(table.rows, table.tests).map { row, test -> [String] in
            guard !test.withheld else {
                return [vocabulary.rowLabel(row), say(.withheld)] + Array(repeating: "", count: twoGroups ? 11 : 9)
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
        var notes = say(.testsNote, ["groups": String(table.tests.first?.groups ?? 0), "families": families.joined(separator: "; ")])
        if table.tests.contains(where: \.withheld) { notes += say(.withheldNote) }
        if twoGroups { notes += say(.oddsRatioNote) }
        return [.grid(header: header, rows: rows, indents: table.rows.map(\.depth)), .note(notes)]
    }
}

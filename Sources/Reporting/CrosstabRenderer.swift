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

    private var say: Phrasebook { Phrasebook(vocabulary) }

    func blocks(_ table: CrosstabResult) -> [ReportBlock] {
        let withIntervals = table.columns.count <= 4
        let segments = table.segmentsPublished
        let cellsNote = table.rowSet == .sample
            ? say(.cellsSample)
            : say(.cellsParticipants, ["intervals": say(withIntervals ? .intervalsShown : .intervalsInCSV)])
        let note = cellsNote + (segments ? say(.segNote) : "")
        let subheader = ["n", "%"] + (withIntervals ? [say(.ci95)] : []) + (segments ? ["seg"] : [])
        var header = [[""] + table.columns.flatMap { [vocabulary.columnLabel($0)] + Array(repeating: "", count: subheader.count - 1) }]
        header.append([""] + table.columns.flatMap { _ in subheader })
        var rows: [[String]] = []
        for (row, cells) in zip(table.rows, table.cells) {
            rows.append([vocabulary.rowLabel(row)] + cells.flatMap { cell -> [String] in
                guard !cell.suppressed else { return Array(repeating: "*", count: subheader.count) }
                let percent = Proportion(count: cell.participants, base: cell.base).percentText() ?? "—"
                return [String(cell.participants), percent] + (withIntervals ? [NumberFormat.percentInterval(cell.interval)] : [])
                    + (segments ? [cell.segments.map(String.init) ?? ""] : [])
            })
        }
        rows.append([say(.baseParticipants)] + table.columns.flatMap { [$0.suppressed ? "*" : String($0.base)] + Array(repeating: "", count: subheader.count - 1) })
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
        let groupsWithParticipants = table.testableColumns.count
        let twoGroups = groupsWithParticipants == 2
        let subsets = table.tests.contains { $0.testedColumns != nil }
        var header = [[""] + (subsets ? [say(.groupsTested)] : []) + ["Fisher p", say(.method), "χ²", "df", "p", "G²", "V", "min E", "E<5", say(.adjustedP)]]
        if twoGroups { header[0] += [say(.oddsRatioCI), "RD"] }
        let rows = zip(table.rows, table.tests).map { row, test -> [String] in
            guard !test.withheld else {
                return [vocabulary.rowLabel(row)] + (subsets ? [""] : []) + [say(.withheld)]
                    + Array(repeating: "", count: twoGroups ? 11 : 9)
            }
            let chi = test.chiSquare
            var cells = [vocabulary.rowLabel(row)]
            if subsets { cells.append("\(test.groups)/\(groupsWithParticipants)") }
            cells += [
                NumberFormat.p(test.fisher?.p), NumberFormat.method(test.fisher?.method),
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
        let families = Array(Set(table.tests.filter { $0.familySize > 0 }.map {
            say(.family, ["rows": vocabulary.rowKindName($0.rowKind), "table": table.id, "n": String($0.familySize)])
        })).sorted()
        var notes = say(.testsNote, ["groups": String(groupsWithParticipants), "families": families.joined(separator: "; ")])
        if subsets { notes += say(.groupsTestedNote) }
        if !table.untestedColumns.isEmpty {
            notes += say(.untestedNote, ["list": table.untestedColumns.map { vocabulary.columnLabel(table.columns[$0]) }.joined(separator: ", ")])
        }
        if table.tests.contains(where: \.withheld) { notes += say(.withheldNote) }
        if twoGroups { notes += say(.oddsRatioNote) }
        return [.grid(header: header, rows: rows, indents: table.rows.map(\.depth)), .note(notes)]
    }
}

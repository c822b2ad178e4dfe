import Analysis
import Statistics
import StudyModel

/// Lays out a multiple-response crosstab and, beside it, the tests of its rows.
struct CrosstabLayout {
    static func title(of table: CrosstabResult) -> Text {
        .title(rows: table.rowSet, columns: table.columnVariables) + condition(table.filter)
    }

    /// " (role: Mothers, Fathers)" for a table's `where` filter; empty without one.
    static func condition(_ filter: [String: [String]]?) -> Text {
        guard let filter, !filter.isEmpty else { return .empty }
        let parts = filter.keys.sorted().map { variable -> Text in
            .variable(variable) + ": " + filter[variable]!.map { Text.level($0) }.joined(separator: ", ")
        }
        return " (" + parts.joined(separator: "; ") + ")"
    }

    static func blocks(_ table: CrosstabResult) -> [DocumentBlock] {
        let withIntervals = table.columns.count <= 4
        let segments = table.segmentsPublished
        let cellsNote: Text = table.rowSet == .sample
            ? .phrase(.cellsSample, [:])
            : .phrase(.cellsParticipants, ["intervals": .phrase(withIntervals ? .intervalsShown : .intervalsInCSV, [:])])
        let note = cellsNote + (segments ? .phrase(.segNote, [:]) : .empty)
        let subheader: [Text] = ["n", "%"] + (withIntervals ? [.phrase(.ci95, [:])] : []) + (segments ? ["seg"] : [])
        var header: [[Text]] = [[""] + table.columns.flatMap { [Text.column($0)] + Array(repeating: "", count: subheader.count - 1) }]
        header.append([""] + table.columns.flatMap { _ in subheader })
        var rows: [[Text]] = []
        for (row, cells) in zip(table.rows, table.cells) {
            rows.append([Text.row(row)] + cells.flatMap { cell -> [Text] in
                guard !cell.suppressed else { return Array(repeating: .hidden, count: subheader.count) }
                let percent = Proportion(count: cell.participants, base: cell.base).percentText() ?? "—"
                return [.count(cell.participants), .number(percent)]
                    + (withIntervals ? [.number(NumberFormat.percentInterval(cell.interval))] : [])
                    + (segments ? [cell.segments.map(Text.count) ?? ""] : [])
            })
        }
        rows.append([.phrase(.baseParticipants, [:])] + table.columns.flatMap {
            [$0.suppressed ? Text.hidden : .count($0.base)] + Array(repeating: "", count: subheader.count - 1)
        })
        var blocks: [DocumentBlock] = [
            .title(id: table.id, text: title(of: table)), .note(note),
            .grid(header: header, rows: rows, indents: table.rows.map(\.depth)),
        ]
        blocks += testBlocks(table)
        return blocks
    }

    private static func testBlocks(_ table: CrosstabResult) -> [DocumentBlock] {
        guard !table.tests.isEmpty else {
            return [.note(.phrase(table.rowSet == .sample ? .noTestSample : .noTestGroups, [:]))]
        }
        let groupsWithParticipants = table.testableColumns.count
        let twoGroups = groupsWithParticipants == 2
        let subsets = table.tests.contains { $0.testedColumns != nil }
        var header: [[Text]] = [
            [""] + (subsets ? [.phrase(.groupsTested, [:])] : [])
                + [.phrase(.fisherP, [:]), .phrase(.method, [:]), "χ²", "df", "p", "G²", "V", "min E", "E<5", .phrase(.adjustedP, [:])]
        ]
        if twoGroups { header[0] += [.phrase(.oddsRatioCI, [:]), .phrase(.riskDifference, [:])] }
        let rows = zip(table.rows, table.tests).map { row, test -> [Text] in
            guard !test.withheld else {
                return [Text.row(row)] + (subsets ? [""] : []) + [.phrase(.withheld, [:])]
                    + Array(repeating: "", count: twoGroups ? 11 : 9)
            }
            let chi = test.chiSquare
            var cells = [Text.row(row)]
            if subsets { cells.append("\(test.groups)/\(groupsWithParticipants)") }
            cells += [
                NumberFormat.p(test.fisher?.p), NumberFormat.method(test.fisher?.method),
                NumberFormat.fixed(chi?.pearson), chi.map { String($0.degreesOfFreedom) } ?? "—", NumberFormat.p(chi?.pearsonP),
                NumberFormat.fixed(chi?.likelihoodRatio), NumberFormat.fixed(chi?.cramersV),
                NumberFormat.fixed(chi?.minimumExpected), chi.map { "\($0.cellsBelowFive)/\($0.cellCount)" } ?? "—",
                NumberFormat.p(test.adjustedP),
            ].map(Text.number)
            if twoGroups {
                cells += [NumberFormat.oddsRatio(test.oddsRatio), NumberFormat.fixed(test.oddsRatio?.riskDifference, 3)].map(Text.number)
            }
            return cells
        }
        let families = table.tests.filter { $0.familySize > 0 }.map { test -> Text in
            .phrase(.family, ["rows": .rowKind(test.rowKind), "table": .plain(table.id), "n": "\(test.familySize)"])
        }
        var notes: Text = .phrase(.testsNote, [
            "groups": "\(groupsWithParticipants)", "families": .sortedJoined(families, separator: "; "),
        ])
        if subsets { notes += .phrase(.groupsTestedNote, [:]) }
        if !table.untestedColumns.isEmpty {
            notes += .phrase(.untestedNote, ["list": table.untestedColumns.map { Text.column(table.columns[$0]) }.joined(separator: ", ")])
        }
        if table.tests.contains(where: \.withheld) { notes += .phrase(.withheldNote, [:]) }
        if twoGroups { notes += .phrase(.oddsRatioNote, [:]) }
        return [.grid(header: header, rows: rows, indents: table.rows.map(\.depth)), .note(notes)]
    }
}

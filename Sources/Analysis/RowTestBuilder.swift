import Statistics
import StudyModel

/// Tests every row of a multiple-response crosstab on its own and adjusts across rows.
///
/// For each row: the 2 × k table of participants who mentioned the row's codes and those who did not,
/// over the column groups with a non-empty base; Fisher's exact test (exact by enumeration or the network
/// algorithm; seeded Monte Carlo with its standard error only beyond the network's work bound), Pearson's χ² and G² with the expected-count diagnostics, Cramér's V, and for two
/// groups the odds ratio with its interval and the risk difference. The Fisher p-values are adjusted
/// with Benjamini–Hochberg within each family: the group rows (factor categories, activity types) and
/// the code rows of the table are two families.
extension CrosstabResult {
    /// The column groups a row may be tested on: those with participants, not kept out of tests.
    public var testableColumns: [Int] {
        columns.indices.filter { columns[$0].base > 0 && !untestedColumns.contains($0) }
    }
}

public enum RowTestBuilder {
    static func tests(for table: CrosstabResult) -> [RowTest] {
        let tested = table.testableColumns
        guard table.rowSet != .sample, tested.count >= 2 else { return [] }
        // Rows are independent (each Monte Carlo draw is seeded on its own): test them on all cores.
        // A row whose Fisher test another thread is computing (the same row of another table over the
        // same groups, started at the same time) would wait for it: the other rows are tested first.
        let first = ConcurrentMap.map(table.rows.indices) { rowIndex -> RowTest? in
            FisherExactTest.isBeingComputed(contingency(of: table, row: rowIndex, columns: tested))
                ? nil : test(of: table, row: rowIndex, columns: tested)
        }
        var tests = ConcurrentMap.map(table.rows.indices) { rowIndex -> RowTest in
            first[rowIndex] ?? test(of: table, row: rowIndex, columns: tested)
        }
        adjust(&tests, table: table.id)
        return tests
    }

    /// The tests of one row of a table on some of its column groups (indices into `table.columns`, each
    /// with participants): the publication stage tests a row on the groups whose counts it publishes.
    public static func test(of table: CrosstabResult, row rowIndex: Int, columns tested: [Int]) -> RowTest {
        let row = table.rows[rowIndex]
        let cells = tested.map { table.cells[rowIndex][$0] }
        let contingency = contingency(of: table, row: rowIndex, columns: tested)
        let mentionedFirst = ContingencyTable(cells.map { [$0.participants, $0.base - $0.participants] })
        var test = RowTest(
            rowKind: row.kind, row: row.id, groups: tested.count, fisher: FisherExactTest(contingency),
            chiSquare: ChiSquareTest(contingency),
            oddsRatio: tested.count == 2 ? OddsRatio(mentionedFirst) : nil,
            adjustedP: nil, family: "", familySize: 0)
        if tested.count < table.testableColumns.count { test.testedColumns = tested }
        return test
    }

    /// The 2 × k table of a row's participants who mentioned it and those who did not, over the column
    /// groups `tested`.
    private static func contingency(of table: CrosstabResult, row rowIndex: Int, columns tested: [Int]) -> ContingencyTable {
        let cells = tested.map { table.cells[rowIndex][$0] }
        return ContingencyTable([cells.map(\.participants), cells.map { $0.base - $0.participants }])
    }

    /// Adjusts the Fisher p-values of the tests with Benjamini–Hochberg within each family (the group
    /// rows and the code rows of the table); tests without a Fisher p (withheld) are in no family.
    public static func adjust(_ tests: inout [RowTest], table: String) {
        for index in tests.indices {
            tests[index].adjustedP = nil
            tests[index].family = ""
            tests[index].familySize = 0
        }
        for kind in [RowKind.factorCategory, .activityType, .code] {
            let members = tests.indices.filter { tests[$0].rowKind == kind && tests[$0].fisher != nil }
            guard !members.isEmpty else { continue }
            let adjusted = BenjaminiHochberg.adjusted(members.map { tests[$0].fisher!.p })
            let family = "\(familyName(kind)) of \(table)"
            for (member, value) in zip(members, adjusted) {
                tests[member].adjustedP = value
                tests[member].family = family
                tests[member].familySize = members.count
            }
        }
    }

    private static func familyName(_ kind: RowKind) -> String {
        switch kind {
        case .factorCategory: "factor-category rows"
        case .activityType: "activity-type rows"
        case .code: "code rows"
        case .role: "role rows"
        }
    }
}

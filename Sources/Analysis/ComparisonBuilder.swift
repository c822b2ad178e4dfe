import Statistics
import StudyModel

/// Compares two groups of participants row by row (fathers against mothers): within each stratum with
/// Fisher's exact test and the odds ratio, and pooled over the strata with the exact conditional test
/// (the asymptotic Cochran–Mantel–Haenszel test beside it, and alone only beyond the exact test's work
/// limit) and Breslow–Day's test of a common odds ratio; the pooled p-values are adjusted with
/// Benjamini–Hochberg within the code rows and within the group rows.
///
/// The pooled cells count the participants of the strata only, as the stratified tests do: a participant
/// with no stratum level (no country) is in neither.
public struct ComparisonBuilder {
    let crosstabs: CrosstabBuilder

    func build(_ spec: TableSpec, comparison: GroupComparison) throws -> GroupComparisonResult {
        let data = crosstabs.data
        let included = try crosstabs.participantsPassing(spec.filter, table: spec.id)
        let publishedVariable = crosstabs.publishedValues(of: comparison.variable)
        let publishedWithin = crosstabs.publishedValues(of: comparison.within)
        let strata = crosstabs.manifest.publishedLevels(of: comparison.within)
            ?? Array(Set(included.compactMap(publishedWithin))).sorted()
        // Country and role by their numbers: whether each level is in the group and the stratum, decided once.
        let manifest = crosstabs.manifest
        let raw = data.participants.numberedValues(of: comparison.variable) { $0 }
        let shown = data.participants.numberedValues(of: comparison.variable) { manifest.publishedLevel($0, of: comparison.variable) }
        let within = data.participants.numberedValues(of: comparison.within) { manifest.publishedLevel($0, of: comparison.within) }
        func members(_ group: String, _ stratum: String?) -> [Int] {
            if let raw, let shown, let within {
                let inGroup = zip(raw.values, shown.values).map { $0 == group || $1 == group }
                let inStratum = within.values.map { value in value.map { level in stratum.map { $0 == level } ?? strata.contains(level) } == true }
                return included.filter { inGroup[raw.number($0)] && inStratum[within.number($0)] }
            }
            return included.filter { index in
                let value = data.participants.value(of: comparison.variable, at: index)
                return (value == group || publishedVariable(index) == group)
                    && publishedWithin(index).map { level in
                        stratum.map { $0 == level } ?? strata.contains(level)
                    } == true
            }
        }
        let cell: (RowMembership, [Int]) -> TableCell = CrosstabBuilder.cell
        func table(_ first: TableCell, _ second: TableCell) -> ContingencyTable {
            ContingencyTable([
                [first.participants, first.base - first.participants], [second.participants, second.base - second.participants],
            ])
        }

        // The two groups' members, per stratum and pooled: the same for every row.
        let stratumMembers = strata.map { stratum in (members(comparison.groups[0], stratum), members(comparison.groups[1], stratum)) }
        let pooledMembers = (members(comparison.groups[0], nil), members(comparison.groups[1], nil))

        // Every row's cells over the groups: each stratum's two, then the pooled two.
        let groups = stratumMembers.flatMap { [$0.0, $0.1] } + [pooledMembers.0, pooledMembers.1]
        let definitions = crosstabs.rowDefinitions(spec.rows)
        let cells = RowMembership.cells(definitions.map(\.1), over: groups, data: crosstabs.data)
            ?? definitions.map { _, membership in groups.map { cell(membership, $0) } }
        var rows: [ComparisonRow] = zip(definitions, cells).map { definition, cells in
            let row = definition.0
            let perStratum = strata.enumerated().map { index, stratum -> StratumComparison in
                let first = cells[2 * index]
                let second = cells[2 * index + 1]
                let contingency = table(first, second)
                return StratumComparison(
                    stratum: stratum, first: first, second: second, fisher: FisherExactTest(contingency),
                    oddsRatio: OddsRatio(contingency))
            }
            let pooledFirst = cells[2 * strata.count]
            let pooledSecond = cells[2 * strata.count + 1]
            let pooled = table(pooledFirst, pooledSecond)
            let stratumTables = perStratum.map { table($0.first, $0.second) }
            var result = ComparisonRow(
                row: row, strata: perStratum, pooledFirst: pooledFirst, pooledSecond: pooledSecond,
                cochranMantelHaenszel: CochranMantelHaenszelTest(strata: stratumTables),
                adjustedP: nil, family: "", familySize: 0)
            result.exactCMH = ExactConditionalCMHTest(strata: stratumTables)
            result.breslowDay = BreslowDayTest(strata: stratumTables)
            result.pooledFisher = FisherExactTest(pooled)
            result.pooledOddsRatio = OddsRatio(pooled)
            result.pooledTest = Self.stratifiedTest(result)
            return result
        }
        Self.adjust(&rows, table: spec.id)
        return GroupComparisonResult(id: spec.id, rowSet: spec.rows, comparison: comparison, strata: strata, rows: rows)
    }

    /// The stratified test of a row: the exact conditional test where it was computed, else the
    /// asymptotic CMH test; `nil` when neither was.
    public static func stratifiedTest(_ row: ComparisonRow) -> PooledTest? {
        row.exactCMH != nil ? .exactConditional : row.cochranMantelHaenszel != nil ? .cochranMantelHaenszel : nil
    }

    /// The p-value of the row's pooled test (``ComparisonRow/pooledTest``).
    public static func pooledP(_ row: ComparisonRow) -> Double? {
        switch row.pooledTest {
        case .exactConditional: row.exactCMH?.p
        case .cochranMantelHaenszel: row.cochranMantelHaenszel?.p
        case .fisherPooled: row.pooledFisher?.p
        case nil: nil
        }
    }

    /// Adjusts each row's pooled test (``ComparisonRow/pooledTest``: CMH, or Fisher's test of the pooled
    /// counts) with Benjamini–Hochberg within the code rows and within the group rows; rows without a
    /// pooled test are in no family.
    public static func adjust(_ rows: inout [ComparisonRow], table: String) {
        let p = pooledP
        for index in rows.indices {
            rows[index].adjustedP = nil
            rows[index].family = ""
            rows[index].familySize = 0
        }
        for kind in [RowKind.factorCategory, .activityType, .code] {
            let family = rows.indices.filter { rows[$0].row.kind == kind && p(rows[$0]) != nil }
            guard !family.isEmpty else { continue }
            let adjusted = BenjaminiHochberg.adjusted(family.map { p(rows[$0])! })
            let methods = Set(family.map { rows[$0].pooledTest! })
            let label = methods.sorted { $0.rawValue < $1.rawValue }.map { method in
                switch method {
                case .exactConditional: "exact conditional p"
                case .cochranMantelHaenszel: "CMH p"
                case .fisherPooled: "pooled Fisher p"
                }
            }.joined(separator: ", or ")
            for (index, value) in zip(family, adjusted) {
                rows[index].adjustedP = value
                rows[index].family = "\(kind == .code ? "code" : "group") rows of \(table) (\(label))"
                rows[index].familySize = family.count
            }
        }
    }
}

import Statistics
import StudyModel

/// Compares two groups of participants row by row (fathers against mothers): within each stratum with
/// Fisher's exact test and the odds ratio, and pooled with the Cochran–Mantel–Haenszel test stratified
/// by the strata, whose p-values are adjusted with Benjamini–Hochberg within the code rows and within
/// the group rows.
public struct ComparisonBuilder {
    let crosstabs: CrosstabBuilder

    func build(_ spec: TableSpec, comparison: GroupComparison) throws -> GroupComparisonResult {
        let data = crosstabs.data
        let included = try crosstabs.participantsPassing(spec.filter, table: spec.id)
        let strata = crosstabs.manifest.publishedLevels(of: comparison.within)
            ?? Array(Set(included.compactMap { crosstabs.published(data.participants[$0], comparison.within) })).sorted()
        func members(_ group: String, _ stratum: String?) -> [Int] {
            included.filter { index in
                let participant = data.participants[index]
                let value = participant.value(of: comparison.variable)
                return (value == group || crosstabs.published(participant, comparison.variable) == group)
                    && (stratum == nil || crosstabs.published(participant, comparison.within) == stratum)
            }
        }
        let cell = CrosstabBuilder.cell
        func table(_ first: TableCell, _ second: TableCell) -> ContingencyTable {
            ContingencyTable([
                [first.participants, first.base - first.participants], [second.participants, second.base - second.participants],
            ])
        }

        var rows: [ComparisonRow] = crosstabs.rowDefinitions(spec.rows).map { row, membership in
            let perStratum = strata.map { stratum -> StratumComparison in
                let first = cell(membership, members(comparison.groups[0], stratum))
                let second = cell(membership, members(comparison.groups[1], stratum))
                let contingency = table(first, second)
                return StratumComparison(
                    stratum: stratum, first: first, second: second, fisher: FisherExactTest(contingency),
                    oddsRatio: OddsRatio(contingency))
            }
            let pooledFirst = cell(membership, members(comparison.groups[0], nil))
            let pooledSecond = cell(membership, members(comparison.groups[1], nil))
            let pooled = table(pooledFirst, pooledSecond)
            var result = ComparisonRow(
                row: row, strata: perStratum, pooledFirst: pooledFirst, pooledSecond: pooledSecond,
                cochranMantelHaenszel: CochranMantelHaenszelTest(strata: perStratum.map { table($0.first, $0.second) }),
                adjustedP: nil, family: "", familySize: 0)
            result.pooledFisher = FisherExactTest(pooled)
            result.pooledOddsRatio = OddsRatio(pooled)
            result.pooledTest = result.cochranMantelHaenszel == nil ? nil : .cochranMantelHaenszel
            return result
        }
        Self.adjust(&rows, table: spec.id)
        return GroupComparisonResult(id: spec.id, rowSet: spec.rows, comparison: comparison, strata: strata, rows: rows)
    }

    /// Adjusts each row's pooled test (``ComparisonRow/pooledTest``: CMH, or Fisher's test of the pooled
    /// counts) with Benjamini–Hochberg within the code rows and within the group rows; rows without a
    /// pooled test are in no family.
    public static func adjust(_ rows: inout [ComparisonRow], table: String) {
        func p(_ row: ComparisonRow) -> Double? {
            switch row.pooledTest {
            case .cochranMantelHaenszel: row.cochranMantelHaenszel?.p
            case .fisherPooled: row.pooledFisher?.p
            case nil: nil
            }
        }
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
            let label = methods == [.cochranMantelHaenszel] ? "CMH p" : methods == [.fisherPooled] ? "pooled Fisher p"
                : "CMH p, or pooled Fisher p where a stratum is hidden"
            for (index, value) in zip(family, adjusted) {
                rows[index].adjustedP = value
                rows[index].family = "\(kind == .code ? "code" : "group") rows of \(table) (\(label))"
                rows[index].familySize = family.count
            }
        }
    }
}

import Statistics
import StudyModel

/// Compares two groups of participants row by row (fathers against mothers): within each stratum with
/// Fisher's exact test and the odds ratio, and pooled with the Cochran–Mantel–Haenszel test stratified
/// by the strata, whose p-values are adjusted with Benjamini–Hochberg within the code rows and within
/// the group rows.
struct ComparisonBuilder {
    let crosstabs: CrosstabBuilder

    func build(_ spec: TableSpec, comparison: GroupComparison) throws -> GroupComparisonResult {
        let data = crosstabs.data
        let included = try crosstabs.participantsPassing(spec.filter, table: spec.id)
        let strata = crosstabs.manifest.declaredLevels(of: comparison.within)
            ?? Array(Set(included.compactMap { data.participants[$0].value(of: comparison.within) })).sorted()
        func members(_ group: String, _ stratum: String?) -> [Int] {
            included.filter { index in
                let participant = data.participants[index]
                return participant.value(of: comparison.variable) == group
                    && (stratum == nil || participant.value(of: comparison.within) == stratum)
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
            return ComparisonRow(
                row: row, strata: perStratum,
                pooledFirst: cell(membership, members(comparison.groups[0], nil)),
                pooledSecond: cell(membership, members(comparison.groups[1], nil)),
                cochranMantelHaenszel: CochranMantelHaenszelTest(strata: perStratum.map { table($0.first, $0.second) }),
                adjustedP: nil, family: "", familySize: 0)
        }
        for kind in [RowKind.factorCategory, .activityType, .code] {
            let family = rows.indices.filter { rows[$0].row.kind == kind && rows[$0].cochranMantelHaenszel != nil }
            guard !family.isEmpty else { continue }
            let adjusted = BenjaminiHochberg.adjusted(family.map { rows[$0].cochranMantelHaenszel!.p })
            for (index, value) in zip(family, adjusted) {
                rows[index].adjustedP = value
                rows[index].family = "\(kind == .code ? "code" : "group") rows of \(spec.id) (CMH p)"
                rows[index].familySize = family.count
            }
        }
        return GroupComparisonResult(id: spec.id, rowSet: spec.rows, comparison: comparison, strata: strata, rows: rows)
    }
}

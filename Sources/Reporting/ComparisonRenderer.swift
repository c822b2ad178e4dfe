import Foundation
import Analysis
import Statistics
import StudyModel

/// Renders a two-group comparison (fathers against mothers) within strata and pooled.
struct ComparisonRenderer {
    let vocabulary: Vocabulary

    func title(of table: GroupComparisonResult) -> String {
        let groups = table.comparison.groups.map(vocabulary.level).joined(separator: " — ")
        let rows = vocabulary.rowSetName(table.rowSet)
        return Phrasebook(vocabulary)(.comparisonTitle, [
            "rows": rows, "groups": groups, "within": vocabulary.variable(table.comparison.within),
        ])
    }

    func blocks(_ table: GroupComparisonResult) -> [ReportBlock] {
        let say = Phrasebook(vocabulary)
        let groups = table.comparison.groups.map(vocabulary.level)
        var top: [String] = [""]
        var second: [String] = [""]
        for stratum in table.strata {
            top += [vocabulary.level(stratum), "", "", ""]
            second += [groups[0], groups[1], say(.oddsRatioCI), "Fisher p"]
        }
        top += [say(.pooled), "", "", "", "", ""]
        second += [groups[0], groups[1], say(.pooledTest), "p", say(.adjustedP), say(.oddsRatioCI)]
        let header = [top, second]
        let rows = table.rows.map { row -> [String] in
            var cells: [String] = [vocabulary.rowLabel(row.row)]
            for stratum in row.strata {
                cells.append(share(stratum.first))
                cells.append(share(stratum.second))
                cells.append(stratum.withheld ? say(.withheld) : NumberFormat.oddsRatio(stratum.oddsRatio))
                cells.append(stratum.withheld ? "" : NumberFormat.p(stratum.fisher?.p))
            }
            cells.append(share(row.pooledFirst))
            cells.append(share(row.pooledSecond))
            switch row.pooledTest {
            case .cochranMantelHaenszel?:
                let pooled = row.cochranMantelHaenszel
                cells += [
                    say(.pooledCMH, ["x": NumberFormat.fixed(pooled?.statistic)]), NumberFormat.p(pooled?.p),
                    NumberFormat.p(row.adjustedP), mantelHaenszel(pooled),
                ]
            case .fisherPooled?:
                cells += [
                    say(.pooledFisher), NumberFormat.p(row.pooledFisher?.p), NumberFormat.p(row.adjustedP),
                    NumberFormat.oddsRatio(row.pooledOddsRatio),
                ]
            case nil:
                cells += [say(.withheld), "", "", ""]
            }
            return cells
        }
        let families = Array(Set(table.rows.filter { $0.familySize > 0 }.map { row in
            let methods = Set(table.rows.filter { $0.row.kind == row.row.kind }.compactMap(\.pooledTest))
            let method = methods.sorted { $0.rawValue < $1.rawValue }
                .map { $0 == .cochranMantelHaenszel ? "CMH p" : say(.pooledFisher) }.joined(separator: " / ")
            return say(.family, ["rows": vocabulary.rowKindName(row.row.kind), "table": table.id, "n": String(row.familySize)])
                + " (" + method + ")"
        })).sorted()
        let within = vocabulary.variable(table.comparison.within)
        let note = Phrasebook(vocabulary)(.comparisonNote, [
            "within": within, "group0": groups[0].lowercased(), "group1": groups[1].lowercased(),
            "families": families.joined(separator: "; "),
        ])
        return [
            .title(id: table.id, text: title(of: table)),
            .note(note),
            .grid(header: header, rows: rows, indents: table.rows.map(\.row.depth)),
        ]
    }

    private func share(_ cell: TableCell) -> String {
        guard !cell.suppressed else { return "*" }
        return "\(cell.participants)/\(cell.base) (\(Proportion(count: cell.participants, base: cell.base).percentText() ?? "—")%)"
    }

    private func mantelHaenszel(_ test: CochranMantelHaenszelTest?) -> String {
        guard let test, let estimate = test.oddsRatio else { return "—" }
        return NumberFormat.fixed(estimate) + " (" + NumberFormat.fixed(test.lower) + "–" + NumberFormat.fixed(test.upper) + ")"
    }
}

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
        return Phrasebook(language: vocabulary.language)(.comparisonTitle, [
            "rows": rows, "groups": groups, "within": vocabulary.variable(table.comparison.within),
        ])
    }

    func blocks(_ table: GroupComparisonResult) -> [ReportBlock] {
        let groups = table.comparison.groups.map(vocabulary.level)
        var top: [String] = [""]
        var second: [String] = [""]
        for stratum in table.strata {
            top += [vocabulary.level(stratum), "", "", ""]
            second += [groups[0], groups[1], "OR (95% CI)", "Fisher p"]
        }
        top += [Phrasebook(language: vocabulary.language)(.pooled), "", "", ""]
        second += ["χ²", "p", "adj. p", "MH OR (95% CI)"]
        let header = [top, second]
        let rows = table.rows.map { row -> [String] in
            var cells: [String] = [vocabulary.rowLabel(row.row)]
            for stratum in row.strata {
                cells.append(share(stratum.first))
                cells.append(share(stratum.second))
                cells.append(stratum.withheld ? "withheld" : NumberFormat.oddsRatio(stratum.oddsRatio))
                cells.append(stratum.withheld ? "" : NumberFormat.p(stratum.fisher?.p))
            }
            let pooled = row.cochranMantelHaenszel
            if row.withheld {
                cells += ["withheld", "", "", ""]
            } else {
                cells.append(NumberFormat.fixed(pooled?.statistic))
                cells.append(NumberFormat.p(pooled?.p))
                cells.append(NumberFormat.p(row.adjustedP))
                cells.append(mantelHaenszel(pooled))
            }
            return cells
        }
        let families = Array(Set(table.rows.filter { $0.familySize > 0 }.map { "\($0.family), \($0.familySize) tests" })).sorted()
        let within = vocabulary.variable(table.comparison.within)
        let note = Phrasebook(language: vocabulary.language)(.comparisonNote, [
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

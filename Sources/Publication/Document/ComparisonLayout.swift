import Analysis
import Statistics
import StudyModel

/// Lays out a two-group comparison (fathers against mothers) within strata and pooled.
struct ComparisonLayout {
    static func title(of table: GroupComparisonResult) -> Text {
        .phrase(.comparisonTitle, [
            "rows": .rowSet(table.rowSet), "groups": table.comparison.groups.map { Text.level($0) }.joined(separator: " — "),
            "within": .variable(table.comparison.within),
        ])
    }

    static func blocks(_ table: GroupComparisonResult) -> [DocumentBlock] {
        let groups = table.comparison.groups.map { Text.level($0) }
        var top: [Text] = [""]
        var second: [Text] = [""]
        for stratum in table.strata {
            top += [.level(stratum), "", "", ""]
            second += [groups[0], groups[1], .phrase(.oddsRatioCI, [:]), .phrase(.fisherP, [:])]
        }
        top += [.phrase(.pooled, [:]), "", "", "", "", "", "", ""]
        second += [
            groups[0], groups[1], .phrase(.pooledTest, [:]), "p", .phrase(.adjustedP, [:]), .phrase(.oddsRatioCI, [:]),
            .phrase(.asymptoticCMH, [:]), .phrase(.homogeneityP, [:]),
        ]
        let rows = table.rows.map { row -> [Text] in
            var cells: [Text] = [.row(row.row)]
            for stratum in row.strata {
                cells.append(share(stratum.first))
                cells.append(share(stratum.second))
                cells.append(stratum.withheld ? .phrase(.withheld, [:]) : .number(NumberFormat.oddsRatio(stratum.oddsRatio)))
                cells.append(stratum.withheld ? "" : .number(NumberFormat.p(stratum.fisher?.p)))
            }
            cells.append(share(row.pooledFirst))
            cells.append(share(row.pooledSecond))
            switch row.pooledTest {
            case .exactConditional?:
                let exact = row.exactCMH
                cells += [
                    .phrase(.pooledExact, [:]), .number(NumberFormat.p(exact?.p)), .number(NumberFormat.p(row.adjustedP)),
                    .number(conditional(exact)),
                ]
            case .cochranMantelHaenszel?:
                let pooled = row.cochranMantelHaenszel
                cells += [
                    .phrase(.pooledCMH, ["x": .number(NumberFormat.fixed(pooled?.statistic))]), .number(NumberFormat.p(pooled?.p)),
                    .number(NumberFormat.p(row.adjustedP)), .number(mantelHaenszel(pooled)),
                ]
            case .fisherPooled?:
                cells += [
                    .phrase(.pooledFisher, [:]), .number(NumberFormat.p(row.pooledFisher?.p)), .number(NumberFormat.p(row.adjustedP)),
                    .number(NumberFormat.oddsRatio(row.pooledOddsRatio)),
                ]
            case nil:
                cells += [.phrase(.withheld, [:]), "", "", ""]
            }
            // The asymptotic test beside the exact one, and the homogeneity of the strata's odds ratios.
            let asymptotic = row.pooledTest == .exactConditional ? row.cochranMantelHaenszel : nil
            cells.append(.number(asymptotic.map { NumberFormat.fixed($0.statistic) + " (" + NumberFormat.p($0.p) + ")" } ?? ""))
            cells.append(.number(row.breslowDay.map { NumberFormat.p($0.p) } ?? ""))
            return cells
        }
        let families = table.rows.filter { $0.familySize > 0 }.map { row -> Text in
            let methods = Set(table.rows.filter { $0.row.kind == row.row.kind }.compactMap(\.pooledTest))
            let method = methods.sorted { $0.rawValue < $1.rawValue }
                .map { method -> Text in
                    switch method {
                    case .exactConditional: .phrase(.pooledExact, [:])
                    case .cochranMantelHaenszel: "CMH p"
                    case .fisherPooled: .phrase(.pooledFisher, [:])
                    }
                }.joined(separator: " / ")
            return .phrase(.family, ["rows": .rowKind(row.row.kind), "table": .plain(table.id), "n": "\(row.familySize)"])
                + " (" + method + ")"
        }
        let note: Text = .phrase(.comparisonNote, [
            "within": .variable(table.comparison.within), "group0": groups[0].lowercased(), "group1": groups[1].lowercased(),
            "families": .sortedJoined(families, separator: "; "),
        ])
        return [
            .title(id: table.id, text: title(of: table)),
            .note(note),
            .grid(header: [top, second], rows: rows, indents: table.rows.map(\.row.depth)),
        ]
    }

    private static func share(_ cell: TableCell) -> Text {
        guard !cell.suppressed else { return .hidden }
        return "\(cell.participants)/\(cell.base) (\(Proportion(count: cell.participants, base: cell.base).percentText() ?? "—")%)"
    }

    /// The conditional MLE of the common odds ratio with its exact interval ("∞" for an unbounded end).
    private static func conditional(_ test: ExactConditionalCMHTest?) -> String {
        guard let test else { return "—" }
        func value(_ x: Double?) -> String { x.map { NumberFormat.fixed($0) } ?? "∞" }
        return value(test.estimate) + " (" + value(test.lower) + "–" + value(test.upper) + ")"
    }

    private static func mantelHaenszel(_ test: CochranMantelHaenszelTest?) -> String {
        guard let test, let estimate = test.oddsRatio else { return "—" }
        return NumberFormat.fixed(estimate) + " (" + NumberFormat.fixed(test.lower) + "–" + NumberFormat.fixed(test.upper) + ")"
    }
}

import Analysis
import Statistics
import StudyModel

/// Lays out survey item distributions with each item's χ² test, adjusted residuals and ordinal
/// comparisons (Mann–Whitney, Kruskal–Wallis; within strata in a table of two variables), every p with its
/// Benjamini–Hochberg adjustment over the instrument's items, and each scale's Cronbach's α.
struct SurveyLayout {
    static func title(of table: SurveyTableResult) -> Text {
        .title(rows: .surveyItems, columns: table.columnVariables)
    }

    static func blocks(_ table: SurveyTableResult) -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [.title(id: table.id, text: title(of: table)), .note(.phrase(.surveyNote, [:]))]
        for instrument in table.instruments {
            blocks.append(.heading(.label(instrument.title) + " (\(instrument.instrumentID))"))
            for item in instrument.items {
                var rows: [[Text]] = []
                for (valueIndex, value) in item.scale.values.enumerated() {
                    rows.append(["\(value.value) " + .label(value.label)] + instrument.columns.indices.map { column -> Text in
                        if item.suppressedCounts?[column][valueIndex] == true { return .hidden }
                        let count = item.counts[column][valueIndex]
                        // Percentages need the number who answered; where it is hidden, counts stand alone.
                        let percent = item.answeredHidden?[column] == true
                            ? "" : " (\(Proportion(count: count, base: item.answered[column]).percentText() ?? "—")%)"
                        let residual = item.chiSquareColumns == nil || item.chiSquareColumns?.contains(column) == true
                            ? item.chiSquare?.adjustedResiduals[valueIndex][item.chiSquareColumns?.firstIndex(of: column) ?? column] : nil
                        return .number("\(count)\(percent)" + (residual.map { " [" + NumberFormat.fixed($0) + "]" } ?? ""))
                    })
                }
                rows.append([.phrase(.answered, [:])] + instrument.columns.indices.map {
                    item.answeredHidden?[$0] == true ? .hidden : .count(item.answered[$0])
                })
                rows.append([.phrase(.noAnswer, [:])] + instrument.columns.indices.map {
                    item.suppressedMissing?[$0] == true ? .hidden : .count(item.missing[$0])
                })
                let header: [[Text]] = [[""] + instrument.columns.map { Text.column($0) + " (N = \($0.suppressed ? "*" : String($0.base)))" }]
                blocks.append(.note("\n\(item.itemID). " + .label(item.text)))
                blocks.append(.grid(header: header, rows: rows, indents: []))
                blocks.append(.note(testLine(item)))
            }
            if !instrument.scales.isEmpty { blocks += scaleBlocks(instrument) }
        }
        return blocks
    }

    private static func testLine(_ item: SurveyItemDistribution) -> Text {
        var parts: [Text] = []
        if let chi = item.chiSquare {
            let subset: Text = item.chiSquareColumns.map { .phrase(.itemChiSubset, ["n": "\($0.count)"]) } ?? .empty
            let adjusted: Text = item.chiSquareAdjustedP.map {
                "; " + .phrase(.itemChiAdjusted, ["adjusted": .number(NumberFormat.pClause($0)), "k": "\(item.chiSquareFamilySize)"])
            } ?? .empty
            parts.append(subset + .phrase(.itemChiSquare, [
                "df": "\(chi.degreesOfFreedom)", "x": .number(NumberFormat.fixed(chi.pearson)), "p": .number(NumberFormat.pClause(chi.pearsonP)),
                "v": .number(NumberFormat.fixed(chi.cramersV)), "k": "\(chi.cellsBelowFive)", "n": "\(chi.cellCount)",
                "m": .number(NumberFormat.fixed(chi.minimumExpected)),
            ]) + adjusted)
        } else {
            parts.append(.phrase(item.testsWithheld ? .itemChiWithheld : .itemChiNone, [:]))
        }
        for comparison in item.comparisons {
            let compared = comparison.groups.map { Text.level($0) }.joined(separator: " — ")
            let groups = comparison.stratum.map { Text.level($0) + ": " + compared } ?? compared
            if let test = comparison.linearByLinear {
                parts.append(.phrase(.itemLinearByLinear, [
                    "groups": groups, "ns": .plain(comparison.answered.map(String.init).joined(separator: ", ")),
                    "m": .number(NumberFormat.fixed(test.statistic)), "p": .number(NumberFormat.pClause(test.p)),
                    "r": .number(NumberFormat.fixed(test.correlation)),
                    "adjusted": .number(NumberFormat.pClause(comparison.adjustedP)), "k": "\(comparison.familySize)",
                ]))
            } else if comparison.trend {
                parts.append(.phrase(.itemLinearByLinearWithheld, ["groups": groups]))
            } else if let test = comparison.kruskalWallis {
                parts.append(.phrase(.itemKruskalWallis, [
                    "groups": groups, "ns": .plain(comparison.answered.map(String.init).joined(separator: ", ")),
                    "df": "\(test.degreesOfFreedom)", "h": .number(NumberFormat.fixed(test.statistic)),
                    "p": .number(NumberFormat.pClause(test.p)), "adjusted": .number(NumberFormat.pClause(comparison.adjustedP)),
                    "k": "\(comparison.familySize)",
                ]))
            } else if comparison.withheld && comparison.groups.count > 2 {
                parts.append(.phrase(.itemKruskalWallisWithheld, ["groups": groups]))
            } else if let test = comparison.test {
                parts.append(.phrase(.itemMannWhitney, [
                    "groups": groups, "ns": .plain(comparison.answered.map(String.init).joined(separator: ", ")),
                    "w": .number(NumberFormat.fixed(test.w, 1)), "p": .number(NumberFormat.pClause(test.p)),
                    "adjusted": .number(NumberFormat.pClause(comparison.adjustedP)), "k": "\(comparison.familySize)",
                    "method": .phrase(test.method == .exact ? .exact : .normalCC, [:]), "r": .number(NumberFormat.fixed(test.rankBiserial)),
                ]))
            } else {
                parts.append(.phrase(comparison.withheld ? .itemMannWhitneyWithheld : .itemMannWhitneyNone, ["groups": groups]))
            }
        }
        return parts.joined(separator: ". ") + "."
    }

    private static func scaleBlocks(_ instrument: InstrumentDistribution) -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [.note("\n" + .phrase(.scalesNote, [:]))]
        for scale in instrument.scales {
            let label: Text = .label(scale.label)
            guard let alpha = scale.cronbach else {
                blocks.append(.note(.phrase(scale.withheld ? .scaleWithheld : .scaleNone, ["label": label])))
                continue
            }
            let reversed: Text = scale.reversedItems.isEmpty
                ? .empty : .phrase(.scaleReversed, ["items": .plain(scale.reversedItems.joined(separator: ", "))])
            blocks.append(.note(.phrase(.scaleLine, [
                "label": label, "k": "\(scale.items.count)", "n": "\(alpha.respondents)", "reversed": reversed,
                "alpha": .number(NumberFormat.fixed(alpha.alpha, 3)),
            ])))
            let rows = scale.items.indices.map { index -> [Text] in
                [
                    .plain(scale.items[index]), .number(NumberFormat.fixed(alpha.itemRestCorrelations[index], 3)),
                    .number(NumberFormat.fixed(alpha.alphaIfDeleted[index], 3)),
                ]
            }
            blocks.append(.grid(
                header: [[.phrase(.item, [:]), .phrase(.itemRest, [:]), .phrase(.alphaIfDeleted, [:])]], rows: rows,
                indents: Array(repeating: 1, count: rows.count)))
        }
        return blocks
    }
}

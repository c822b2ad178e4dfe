import Analysis
import Statistics
import StudyModel

/// Renders survey item distributions with each item's χ² test, adjusted residuals and Mann–Whitney
/// comparisons, and each scale's Cronbach's α.
struct SurveyRenderer {
    let vocabulary: Vocabulary

    func title(of table: SurveyTableResult) -> String {
        vocabulary.title(rows: .surveyItems, columns: table.columnVariables)
    }

    func blocks(_ table: SurveyTableResult) -> [ReportBlock] {
        let language = vocabulary.language
        var blocks: [ReportBlock] = [
            .title(id: table.id, text: title(of: table)),
            .note(Phrasebook(vocabulary)(.surveyNote)),
        ]
        for instrument in table.instruments {
            blocks.append(.heading("\(instrument.title[language]) (\(instrument.instrumentID))"))
            for item in instrument.items {
                var rows: [[String]] = []
                for (valueIndex, value) in item.scale.values.enumerated() {
                    rows.append(["\(value.value) \(value.label[language])"] + instrument.columns.indices.map { column in
                        if item.suppressedCounts?[column][valueIndex] == true { return "*" }
                        let count = item.counts[column][valueIndex]
                        // Percentages need the number who answered; where it is hidden, counts stand alone.
                        let percent = item.answeredHidden?[column] == true
                            ? "" : " (\(Proportion(count: count, base: item.answered[column]).percentText() ?? "—")%)"
                        let residual = item.chiSquareColumns == nil || item.chiSquareColumns?.contains(column) == true
                            ? item.chiSquare?.adjustedResiduals[valueIndex][item.chiSquareColumns?.firstIndex(of: column) ?? column] : nil
                        return "\(count)\(percent)" + (residual.map { " [" + NumberFormat.fixed($0) + "]" } ?? "")
                    })
                }
                rows.append([Phrasebook(vocabulary)(.answered)] + instrument.columns.indices.map {
                    item.answeredHidden?[$0] == true ? "*" : String(item.answered[$0])
                })
                rows.append([Phrasebook(vocabulary)(.noAnswer)] + instrument.columns.indices.map {
                    item.suppressedMissing?[$0] == true ? "*" : String(item.missing[$0])
                })
                let header = [[""] + instrument.columns.map { "\(vocabulary.columnLabel($0)) (N = \($0.suppressed ? "*" : String($0.base)))" }]
                blocks.append(.note("\n\(item.itemID). \(item.text[language])"))
                blocks.append(.grid(header: header, rows: rows, indents: []))
                blocks.append(.note(testLine(item)))
            }
            if !instrument.scales.isEmpty { blocks += scaleBlocks(instrument) }
        }
        return blocks
    }

    private func testLine(_ item: SurveyItemDistribution) -> String {
        let say = Phrasebook(vocabulary)
        var parts: [String] = []
        if let chi = item.chiSquare {
            let subset = item.chiSquareColumns.map { say(.itemChiSubset, ["n": String($0.count)]) } ?? ""
            parts.append(subset + say(.itemChiSquare, [
                "df": String(chi.degreesOfFreedom), "x": NumberFormat.fixed(chi.pearson), "p": NumberFormat.pClause(chi.pearsonP),
                "v": NumberFormat.fixed(chi.cramersV), "k": String(chi.cellsBelowFive), "n": String(chi.cellCount),
                "m": NumberFormat.fixed(chi.minimumExpected),
            ]))
        } else {
            parts.append(say(item.testsWithheld ? .itemChiWithheld : .itemChiNone))
        }
        for comparison in item.comparisons {
            let groups = comparison.groups.map(vocabulary.level).joined(separator: " — ")
            if let test = comparison.test {
                parts.append(say(.itemMannWhitney, [
                    "groups": groups, "ns": comparison.answered.map(String.init).joined(separator: ", "),
                    "w": NumberFormat.fixed(test.w, 1), "p": NumberFormat.pClause(test.p),
                    "adjusted": NumberFormat.pClause(comparison.adjustedP), "k": String(comparison.familySize),
                    "method": say(test.method == .exact ? .exact : .normalCC), "r": NumberFormat.fixed(test.rankBiserial),
                ]))
            } else {
                parts.append(say(comparison.withheld ? .itemMannWhitneyWithheld : .itemMannWhitneyNone, ["groups": groups]))
            }
        }
        return parts.joined(separator: ". ") + "."
    }

    private func scaleBlocks(_ instrument: InstrumentDistribution) -> [ReportBlock] {
        let say = Phrasebook(vocabulary)
        var blocks: [ReportBlock] = [.note("\n" + say(.scalesNote))]
        for scale in instrument.scales {
            let label = scale.label[vocabulary.language]
            guard let alpha = scale.cronbach else {
                blocks.append(.note(say(scale.withheld ? .scaleWithheld : .scaleNone, ["label": label])))
                continue
            }
            let reversed = scale.reversedItems.isEmpty ? "" : say(.scaleReversed, ["items": scale.reversedItems.joined(separator: ", ")])
            blocks.append(.note(say(.scaleLine, [
                "label": label, "k": String(scale.items.count), "n": String(alpha.respondents), "reversed": reversed,
                "alpha": NumberFormat.fixed(alpha.alpha, 3),
            ])))
            let rows = scale.items.indices.map { index in
                [scale.items[index], NumberFormat.fixed(alpha.itemRestCorrelations[index], 3), NumberFormat.fixed(alpha.alphaIfDeleted[index], 3)]
            }
            blocks.append(.grid(
                header: [[say(.item), say(.itemRest), say(.alphaIfDeleted)]], rows: rows, indents: Array(repeating: 1, count: rows.count)))
        }
        return blocks
    }
}

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
            .note(Phrasebook(language: language)(.surveyNote)),
        ]
        for instrument in table.instruments {
            blocks.append(.heading("\(instrument.title[language]) (\(instrument.instrumentID))"))
            for item in instrument.items {
                var rows: [[String]] = []
                for (valueIndex, value) in item.scale.values.enumerated() {
                    rows.append(["\(value.value) \(value.label[language])"] + instrument.columns.indices.map { column in
                        if item.suppressedCounts?[column][valueIndex] == true { return "*" }
                        let answered = item.answered[column]
                        let count = item.counts[column][valueIndex]
                        let residual = item.chiSquare?.adjustedResiduals[valueIndex][column]
                        return "\(count) (\(Proportion(count: count, base: answered).percentText() ?? "—")%)"
                            + (residual.map { " [" + NumberFormat.fixed($0) + "]" } ?? "")
                    })
                }
                rows.append([Phrasebook(language: language)(.answered)] + instrument.columns.indices.map {
                    instrument.columns[$0].suppressed ? "*" : String(item.answered[$0])
                })
                rows.append([Phrasebook(language: language)(.noAnswer)] + instrument.columns.indices.map {
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
        var parts: [String] = []
        if let chi = item.chiSquare {
            parts.append("χ²(\(chi.degreesOfFreedom)) = \(NumberFormat.fixed(chi.pearson)), \(NumberFormat.pClause(chi.pearsonP)), "
                + "V = \(NumberFormat.fixed(chi.cramersV)); \(chi.cellsBelowFive) of \(chi.cellCount) cells expected < 5 "
                + "(minimum \(NumberFormat.fixed(chi.minimumExpected)))")
        } else if item.testsWithheld {
            parts.append("χ²: withheld (a suppressed count could be recovered from it)")
        } else {
            parts.append("χ²: not computed (fewer than two groups or responses observed)")
        }
        for comparison in item.comparisons {
            let groups = comparison.groups.map(vocabulary.level).joined(separator: " vs ")
            if let test = comparison.test {
                parts.append("\(groups) (n = \(comparison.answered.map(String.init).joined(separator: ", "))): "
                    + "W = \(NumberFormat.fixed(test.w, 1)), \(NumberFormat.pClause(test.p)) (\(test.method == .exact ? "exact" : "normal, cc")), "
                    + "r = \(NumberFormat.fixed(test.rankBiserial))")
            } else {
                parts.append("\(groups): not computed (a group has no answer)")
            }
        }
        return parts.joined(separator: ". ") + "."
    }

    private func scaleBlocks(_ instrument: InstrumentDistribution) -> [ReportBlock] {
        var blocks: [ReportBlock] = [.note("\nScales (Cronbach's α over respondents who answered every item; reversed items reversed first):")]
        for scale in instrument.scales {
            guard let alpha = scale.cronbach else {
                blocks.append(.note("\(scale.label[vocabulary.language]): α not computed (fewer than two complete respondents)."))
                continue
            }
            let reversed = scale.reversedItems.isEmpty ? "" : "; reversed: " + scale.reversedItems.joined(separator: ", ")
            blocks.append(.note("\(scale.label[vocabulary.language]) (\(scale.items.count) items, n = \(alpha.respondents)\(reversed)): "
                + "α = \(NumberFormat.fixed(alpha.alpha, 3))"))
            let rows = scale.items.indices.map { index in
                [scale.items[index], NumberFormat.fixed(alpha.itemRestCorrelations[index], 3), NumberFormat.fixed(alpha.alphaIfDeleted[index], 3)]
            }
            blocks.append(.grid(header: [["item", "item–rest r", "α if deleted"]], rows: rows, indents: Array(repeating: 1, count: rows.count)))
        }
        return blocks
    }
}

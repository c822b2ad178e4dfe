import Statistics
import Storage
import StudyModel

/// Computes the response distribution of every survey item over column groups of respondents.
///
/// A cell counts the respondents of the column group who gave the response; its base is the column's
/// respondents who answered the item (missing answers are counted apart, in `missing`).
public struct SurveyDistributionBuilder {
    let data: StudyData
    let manifest: StudyManifest

    /// - Throws: ``StatisticsInputError`` only if answers were not whole numbers of one row per respondent
    ///   (the store holds nothing else).
    func build(_ spec: TableSpec) throws -> SurveyTableResult {
        let instruments = try data.surveys.map { instrument, respondents in
            let units = respondents.map { respondent in
                spec.columns.map { variable -> String? in
                    manifest.publishedLevel(variable == "country" ? respondent.country : respondent.role, of: variable)
                }
            }
            let groups = ColumnGroups(variables: spec.columns, units: units, declaredLevels: manifest.publishedLevels(of:))
            let items = try instrument.items.enumerated().map { itemIndex, item in
                let scale = instrument.scale(of: item)!
                let valueIndex = Dictionary(uniqueKeysWithValues: scale.values.enumerated().map { ($1.value, $0) })
                var counts = Array(repeating: Array(repeating: 0, count: scale.values.count), count: groups.columns.count)
                var missing = Array(repeating: 0, count: groups.columns.count)
                for (column, members) in groups.members.enumerated() {
                    for member in members {
                        if let answer = respondents[member].answers[itemIndex], let value = valueIndex[answer] {
                            counts[column][value] += 1
                        } else {
                            missing[column] += 1
                        }
                    }
                }
                let byValue = ContingencyTable(scale.values.indices.map { value in counts.map { $0[value] } })
                return SurveyItemDistribution(
                    itemID: item.id, text: item.text, scale: scale, counts: counts, missing: missing,
                    chiSquare: ChiSquareTest(byValue),
                    comparisons: scale.level == .ordinal ? try comparisons(itemIndex, respondents) : [])
            }
            var distribution = InstrumentDistribution(
                instrumentID: instrument.id, title: instrument.title, columns: groups.columns, items: items,
                scales: try reliabilities(instrument, respondents))
            Self.adjustComparisons(&distribution)
            return distribution
        }
        return SurveyTableResult(id: spec.id, columnVariables: spec.columns, instruments: instruments)
    }

    /// Adjusts the Mann–Whitney p-values of an instrument with Benjamini–Hochberg, one family per
    /// compared variable (countries; fathers against mothers) over the items with a test; the
    /// publication stage adjusts again over the tests it publishes.
    public static func adjustComparisons(_ instrument: inout InstrumentDistribution) {
        let variables = Array(Set(instrument.items.flatMap { $0.comparisons.map(\.variable) })).sorted()
        for variable in variables {
            var members: [(item: Int, comparison: Int)] = []
            for (itemIndex, item) in instrument.items.enumerated() {
                for (index, comparison) in item.comparisons.enumerated() where comparison.variable == variable {
                    instrument.items[itemIndex].comparisons[index].adjustedP = nil
                    instrument.items[itemIndex].comparisons[index].familySize = 0
                    if comparison.test != nil { members.append((itemIndex, index)) }
                }
            }
            let adjusted = BenjaminiHochberg.adjusted(members.map { instrument.items[$0.item].comparisons[$0.comparison].test!.p })
            for (member, value) in zip(members, adjusted) {
                instrument.items[member.item].comparisons[member.comparison].adjustedP = value
                instrument.items[member.item].comparisons[member.comparison].familySize = members.count
            }
        }
    }

    /// Mann–Whitney tests of an ordinal item: the first two declared countries, and fathers against mothers
    /// where the instrument has respondents of both.
    private func comparisons(_ item: Int, _ respondents: [SurveyRespondent]) throws -> [SurveyComparison] {
        var pairs: [(String, [String])] = []
        if manifest.countries.count >= 2 { pairs.append(("country", Array(manifest.countries.prefix(2)))) }
        if manifest.roles.contains("father") && manifest.roles.contains("mother") { pairs.append(("role", ["father", "mother"])) }
        return try pairs.compactMap { variable, groups in
            let members = groups.map { group in respondents.filter { (variable == "country" ? $0.country : $0.role) == group } }
            // A comparison of groups the instrument was not given to (fathers in a teacher survey) is left out.
            guard members.allSatisfy({ !$0.isEmpty }) else { return nil }
            let samples = members.map { $0.compactMap { $0.answers[item].map(Double.init) } }
            return SurveyComparison(
                variable: variable, groups: groups, answered: samples.map(\.count),
                test: try MannWhitneyUTest(samples[0], samples[1]))
        }
    }

    /// Cronbach's α of each subscale, reverse-coded items reversed on their scale first.
    private func reliabilities(_ instrument: Instrument, _ respondents: [SurveyRespondent]) throws -> [ScaleReliability] {
        try (instrument.subscales ?? []).map { subscale in
            let members = instrument.items.enumerated().filter { $0.element.subscale == subscale.id }
            let scores = respondents.map { respondent in
                members.map { index, item -> Double? in
                    guard let value = respondent.answers[index] else { return nil }
                    guard item.reverse == true, let values = instrument.scale(of: item)?.values.map(\.value),
                        let low = values.min(), let high = values.max()
                    else { return Double(value) }
                    return Double(low + high - value)
                }
            }
            return ScaleReliability(
                subscale: subscale.id, label: subscale.label, items: members.map(\.element.id),
                reversedItems: members.filter { $0.element.reverse == true }.map(\.element.id),
                cronbach: try CronbachAlpha(scores))
        }
    }
}

extension SurveyItemDistribution {
    /// Pearson's χ² of responses × the given column groups (indices into the instrument's columns): the
    /// publication stage tests an item on the groups whose counts it publishes.
    public func chiSquare(over columns: [Int]) -> ChiSquareTest? {
        ChiSquareTest(ContingencyTable(scale.values.indices.map { value in columns.map { counts[$0][value] } }))
    }
}

extension SurveyItemDistribution {
    /// The 95% Wilson interval of the share of a column's answers that gave the `value`-th answer
    /// (over those who answered); `nil` for an empty base.
    public func interval(column: Int, value: Int) -> WilsonScoreInterval? {
        WilsonScoreInterval(count: counts[column][value], total: answered[column])
    }

    /// The 95% Wilson interval of a column's share of "no answer" over all its `respondents`.
    public func missingInterval(column: Int, respondents: Int) -> WilsonScoreInterval? {
        WilsonScoreInterval(count: missing[column], total: respondents)
    }
}

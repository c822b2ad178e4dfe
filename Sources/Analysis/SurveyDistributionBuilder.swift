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
                    comparisons: scale.level == .ordinal ? try comparisons(itemIndex, respondents, units: units, spec: spec, scale: scale) : [])
            }
            var distribution = InstrumentDistribution(
                instrumentID: instrument.id, title: instrument.title, columns: groups.columns, items: items,
                scales: try reliabilities(instrument, respondents))
            Self.adjustComparisons(&distribution)
            return distribution
        }
        return SurveyTableResult(id: spec.id, columnVariables: spec.columns, instruments: instruments)
    }

    /// Adjusts the p-values of an instrument's tests with Benjamini–Hochberg over its items: each ordinal
    /// comparison within its family (the same groups compared in the same stratum, ``SurveyComparison/family``),
    /// and the χ² tests of the items together. The publication stage adjusts again over the tests it publishes.
    public static func adjustComparisons(_ instrument: inout InstrumentDistribution) {
        var families: [String] = []
        for item in instrument.items {
            for comparison in item.comparisons where !families.contains(comparison.family) { families.append(comparison.family) }
        }
        for family in families {
            var members: [(item: Int, comparison: Int)] = []
            for (itemIndex, item) in instrument.items.enumerated() {
                for (index, comparison) in item.comparisons.enumerated() where comparison.family == family {
                    instrument.items[itemIndex].comparisons[index].adjustedP = nil
                    instrument.items[itemIndex].comparisons[index].familySize = 0
                    if comparison.p != nil { members.append((itemIndex, index)) }
                }
            }
            let adjusted = BenjaminiHochberg.adjusted(members.map { instrument.items[$0.item].comparisons[$0.comparison].p! })
            for (member, value) in zip(members, adjusted) {
                instrument.items[member.item].comparisons[member.comparison].adjustedP = value
                instrument.items[member.item].comparisons[member.comparison].familySize = members.count
            }
        }
        let tested = instrument.items.indices.filter { instrument.items[$0].chiSquare != nil }
        let adjusted = BenjaminiHochberg.adjusted(tested.map { instrument.items[$0].chiSquare!.pearsonP })
        for index in instrument.items.indices {
            instrument.items[index].chiSquareAdjustedP = nil
            instrument.items[index].chiSquareFamilySize = 0
        }
        for (index, value) in zip(tested, adjusted) {
            instrument.items[index].chiSquareAdjustedP = value
            instrument.items[index].chiSquareFamilySize = tested.count
        }
    }

    /// The ordinal tests of an item for a table's column variables (Mann–Whitney for two groups,
    /// Kruskal–Wallis for more, over the variable's tested levels):
    /// - one variable: its levels over all respondents; for roles, also fathers against mothers;
    /// - two variables (`[role, country]`): the inner variable's levels within each level of the outer one
    ///   (the countries among mothers, among fathers, …: the stratified comparison).
    /// A level no respondent of the instrument has (fathers in a teacher survey) is left out.
    /// `units[respondent][position]`: the respondent's published level of `spec.columns[position]`.
    private func comparisons(
        _ item: Int, _ respondents: [SurveyRespondent], units: [[String?]], spec: TableSpec, scale: ResponseScale
    ) throws -> [SurveyComparison] {
        let columns = spec.columns
        let known = ["country", "role"]
        guard (1...2).contains(columns.count), columns.allSatisfy(known.contains), let variable = columns.last else { return [] }
        // Respondents by position; a level read from `units` (looked up once per table, not per item and group).
        let inner = columns.count - 1
        func level(_ respondent: Int, _ position: Int) -> String { units[respondent][position]! }
        func compare(_ groups: [String], among members: [Int], stratum: (String, String)?) throws -> SurveyComparison? {
            let present = groups.filter { group in members.contains { level($0, inner) == group } }
            guard present.count >= 2 else { return nil }
            let samples = present.map { group in
                members.filter { level($0, inner) == group }.compactMap { respondents[$0].answers[item].map(Double.init) }
            }
            var comparison = SurveyComparison(variable: variable, groups: present, answered: samples.map(\.count), test: nil)
            comparison.stratumVariable = stratum?.0
            comparison.stratum = stratum?.1
            if present.count == 2 {
                comparison.test = try MannWhitneyUTest(samples[0], samples[1])
            } else {
                comparison.kruskalWallis = try KruskalWallisTest(samples)
            }
            return comparison
        }
        let untested = Set(manifest.untestedLevels[variable] ?? [])
        let tested = (manifest.publishedLevels(of: variable) ?? []).filter { !untested.contains($0) }
        var result: [SurveyComparison] = []
        if columns.count == 2 {
            let outer = columns[0]
            for stratum in manifest.publishedLevels(of: outer) ?? [] {
                let members = respondents.indices.filter { level($0, 0) == stratum }
                if let within = try compare(tested, among: members, stratum: (outer, stratum)) { result.append(within) }
            }
            return result
        }
        if let all = try compare(tested, among: Array(respondents.indices), stratum: nil) { result.append(all) }
        if spec.ordered == true, let all = result.first {
            // The groups in their declared order, scored 1, 2, …; the answers scored by their values.
            let values = scale.values.map(\.value)
            let counts = all.groups.map { group in
                values.map { value in
                    respondents.indices.filter { level($0, inner) == group && respondents[$0].answers[item] == value }.count
                }
            }
            var trend = SurveyComparison(variable: variable, groups: all.groups, answered: counts.map { $0.reduce(0, +) }, test: nil)
            trend.trend = true
            trend.linearByLinear = LinearByLinearTest(
                ContingencyTable(counts), rowScores: all.groups.indices.map { Double($0 + 1) }, columnScores: values.map(Double.init))
            result.append(trend)
        }
        if variable == "role", tested.contains("father"), tested.contains("mother"), result.first?.groups != ["father", "mother"],
            let pair = try compare(["father", "mother"], among: Array(respondents.indices), stratum: nil)
        {
            result.append(pair)
        }
        return result
    }

    /// Cronbach's α of each subscale, reverse-coded items reversed on their scale first.
    private func reliabilities(_ instrument: Instrument, _ respondents: [SurveyRespondent]) throws -> [ScaleReliability] {
        try (instrument.subscales ?? []).map { subscale in
            let members = instrument.items.enumerated().filter { $0.element.subscale == subscale.id }
            // A reverse-coded item's answer v becomes low + high − v on its scale (the scale looked up once per item).
            let reversal = members.map { _, item -> Int? in
                guard item.reverse == true, let values = instrument.scale(of: item)?.values.map(\.value),
                    let low = values.min(), let high = values.max()
                else { return nil }
                return low + high
            }
            let scores = respondents.map { respondent in
                members.indices.map { member -> Double? in
                    guard let value = respondent.answers[members[member].offset] else { return nil }
                    return Double(reversal[member].map { $0 - value } ?? value)
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

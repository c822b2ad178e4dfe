import Statistics
import StudyModel

/// A column group of a table: one combination of levels of the column variables, and its base.
public struct TableColumn: Codable, Sendable, Equatable {
    /// One value per column variable (empty for the all-participants column).
    public var values: [String]
    /// Participants (or respondents) in the group: the denominator of every cell of the column.
    public var base: Int
    /// Whether disclosure control hides the base (and so the whole column); its JSON then omits `base`.
    public var suppressed: Bool

    public init(values: [String], base: Int, suppressed: Bool = false) {
        self.values = values
        self.base = base
        self.suppressed = suppressed
    }

    private enum CodingKeys: String, CodingKey { case values, base, suppressed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decode([String].self, forKey: .values)
        suppressed = try container.decodeIfPresent(Bool.self, forKey: .suppressed) ?? false
        base = try container.decodeIfPresent(Int.self, forKey: .base) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        // In the order of the keys (``SortedJSONEncoder`` then has nothing to put in order).
        var container = encoder.container(keyedBy: CodingKeys.self)
        if suppressed {
            try container.encode(true, forKey: .suppressed)
        } else {
            try container.encode(base, forKey: .base)
        }
        try container.encode(values, forKey: .values)
    }
}

/// What a table row counts.
public enum RowKind: String, Codable, Sendable, CaseIterable {
    /// A declared role (the sample table).
    case role
    /// Participants with any barrier of a factor category.
    case factorCategory = "factor_category"
    /// Participants with any activity of a type (formal or informal).
    case activityType = "activity_type"
    /// Participants with the code.
    case code
}

/// A row of a crosstab.
public struct TableRow: Codable, Sendable, Equatable {
    public var kind: RowKind
    /// The role, factor category, activity type or code id.
    public var id: String
    public var label: LocalizedText
    /// 0 for a group row (factor category, activity type), 1 for a code under a group.
    public var depth: Int

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case depth, id, kind, label }
}

/// One cell: participants with at least one analysed segment of the row's codes, over the column base.
public struct TableCell: Codable, Sendable, Equatable {
    public var participants: Int
    public var base: Int
    /// `100 · participants / base`; `nil` for an empty base.
    public var percent: Double?
    /// Analysed segments of the row's codes in the column: they stand beside, never instead; `nil` where
    /// a published report leaves them out (its JSON then has no `segments`).
    public var segments: Int?
    /// The 95% Wilson score interval of the percentage (as proportions); `nil` for an empty base.
    public var interval: WilsonScoreInterval?
    /// Whether disclosure control hides the cell; its JSON then holds nothing else.
    public var suppressed: Bool

    public init(
        participants: Int, base: Int, percent: Double?, segments: Int, interval: WilsonScoreInterval?,
        suppressed: Bool = false
    ) {
        self.participants = participants
        self.base = base
        self.percent = percent
        self.segments = segments
        self.interval = interval
        self.suppressed = suppressed
    }

    private enum CodingKeys: String, CodingKey { case participants, base, percent, segments, interval, suppressed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        suppressed = try container.decodeIfPresent(Bool.self, forKey: .suppressed) ?? false
        participants = try container.decodeIfPresent(Int.self, forKey: .participants) ?? 0
        base = try container.decodeIfPresent(Int.self, forKey: .base) ?? 0
        percent = try container.decodeIfPresent(Double.self, forKey: .percent)
        segments = try container.decodeIfPresent(Int.self, forKey: .segments)
        interval = try container.decodeIfPresent(WilsonScoreInterval.self, forKey: .interval)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        guard !suppressed else {
            try container.encode(true, forKey: .suppressed)
            return
        }
        // In the order of the keys (``SortedJSONEncoder`` then has nothing to put in order).
        try container.encode(base, forKey: .base)
        try container.encodeIfPresent(interval, forKey: .interval)
        try container.encode(participants, forKey: .participants)
        try container.encodeIfPresent(percent, forKey: .percent)
        try container.encodeIfPresent(segments, forKey: .segments)
    }
}

/// A multiple-response crosstab: rows of codes (or groups of codes) by column groups of participants.
public struct CrosstabResult: Codable, Sendable, Equatable {
    public var id: String
    public var rowSet: RowSet
    public var columnVariables: [String]
    public var filter: [String: [String]]?
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// `cells[row][column]`.
    public var cells: [[TableCell]]
    /// Significance tests per row (empty for the sample table and for a single column group).
    public var tests: [RowTest]
    /// Column groups shown but kept out of the row tests (`publication.untested`), indices into `columns`.
    public var untestedColumns: [Int] = []
    /// Whether the cells carry their segment counts: internal builds do; published reports leave them
    /// out (a participant count never exceeds its segment count, so they would need protecting too).
    public var segmentsPublished: Bool = true

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case cells, columnVariables, columns, filter, id, rowSet, rows, segmentsPublished, tests, untestedColumns
    }
}

/// The tests of one row of a multiple-response table: mentioned / not mentioned × the column groups
/// (a 2 × k table; groups with an empty base are left out).
///
/// A multiple-response table is never tested as a whole (one participant counts in many rows): each row
/// is tested on its own, and the rows' Fisher p-values are adjusted with Benjamini–Hochberg within
/// their ``family``.
public struct RowTest: Codable, Sendable, Equatable {
    public var rowKind: RowKind
    public var row: String
    /// The column groups tested (those with participants).
    public var groups: Int
    public var fisher: FisherExactTest?
    public var chiSquare: ChiSquareTest?
    /// For exactly two groups: the odds ratio of the first group against the second, with its interval,
    /// and the risk difference (first minus second).
    public var oddsRatio: OddsRatio?
    /// The Benjamini–Hochberg adjusted Fisher p-value within the family.
    public var adjustedP: Double?
    /// The family the adjustment ran over ("code rows of barriers-by-country").
    public var family: String
    /// The number of tests in the family.
    public var familySize: Int
    /// The column groups tested (indices into the table's columns) when they are fewer than the groups
    /// with participants: disclosure control tests a row on the groups whose counts are published.
    /// `nil`: every group with participants.
    public var testedColumns: [Int]? = nil
    /// Whether disclosure control withheld the row's tests (fewer than two groups of the row have
    /// published counts, and a test or an effect size could give a hidden one away).
    public var withheld: Bool = false

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case adjustedP, chiSquare, family, familySize, fisher, groups, oddsRatio, row, rowKind, testedColumns
        case withheld
    }
}

/// The response distribution of one survey item over the column groups.
public struct SurveyItemDistribution: Codable, Sendable, Equatable {
    public var itemID: String
    public var text: LocalizedText
    public var scale: ResponseScale
    /// `counts[column][v]`: respondents in the column who gave `scale.values[v]`.
    public var counts: [[Int]]
    /// Respondents in the column who gave no answer.
    public var missing: [Int]
    /// Respondents in the column who answered: the base of the response percentages. Kept apart from
    /// `counts`, whose hidden entries disclosure control zeroes.
    public var answered: [Int]
    /// Pearson's χ² of responses × column groups, with each cell's adjusted standardized residual
    /// (`chiSquare.adjustedResiduals[value][column]`).
    public var chiSquare: ChiSquareTest?
    /// For ordinal items: the ordinal tests of the table's groups (``SurveyDistributionBuilder``).
    public var comparisons: [SurveyComparison]
    /// Disclosure control: `suppressedCounts[column][v]` (and `suppressedMissing[column]`) hide a count;
    /// `nil` when nothing is hidden. The JSON then writes `null` for the hidden counts.
    public var suppressedCounts: [[Bool]]? = nil
    public var suppressedMissing: [Bool]? = nil
    /// The Benjamini–Hochberg adjusted p of the χ² over the items of the instrument with a χ², and their number.
    public var chiSquareAdjustedP: Double? = nil
    public var chiSquareFamilySize: Int = 0
    /// Whether the item's χ² (and its residuals) were withheld because a count is hidden.
    public var testsWithheld: Bool = false
    /// The column groups the χ² was computed over when disclosure control left out groups with a hidden
    /// count (indices into the instrument's columns); `nil`: every group.
    public var chiSquareColumns: [Int]? = nil
    /// Per column: whether the number who answered is hidden (it would give a hidden "no answer" count
    /// away); the column's percentages are then hidden too. `nil` when nothing is hidden.
    public var answeredHidden: [Bool]? = nil

    public init(
        itemID: String, text: LocalizedText, scale: ResponseScale, counts: [[Int]], missing: [Int],
        chiSquare: ChiSquareTest?, comparisons: [SurveyComparison]
    ) {
        self.itemID = itemID
        self.text = text
        self.scale = scale
        self.counts = counts
        self.missing = missing
        answered = counts.map { $0.reduce(0, +) }
        self.chiSquare = chiSquare
        self.comparisons = comparisons
    }

    private enum CodingKeys: String, CodingKey {
        case itemID, text, scale, counts, missing, answered, chiSquare, comparisons, testsWithheld, chiSquareColumns
        case chiSquareAdjustedP, chiSquareFamilySize
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        itemID = try container.decode(String.self, forKey: .itemID)
        text = try container.decode(LocalizedText.self, forKey: .text)
        scale = try container.decode(ResponseScale.self, forKey: .scale)
        let counts = try container.decode([[Int?]].self, forKey: .counts)
        let missing = try container.decode([Int?].self, forKey: .missing)
        self.counts = counts.map { $0.map { $0 ?? 0 } }
        self.missing = missing.map { $0 ?? 0 }
        let answered = try container.decode([Int?].self, forKey: .answered)
        self.answered = answered.map { $0 ?? 0 }
        if counts.joined().contains(nil) || missing.contains(nil) || answered.contains(nil) {
            suppressedCounts = counts.map { $0.map { $0 == nil } }
            suppressedMissing = missing.map { $0 == nil }
            if answered.contains(nil) { answeredHidden = answered.map { $0 == nil } }
        }
        chiSquareColumns = try container.decodeIfPresent([Int].self, forKey: .chiSquareColumns)
        chiSquare = try container.decodeIfPresent(ChiSquareTest.self, forKey: .chiSquare)
        chiSquareAdjustedP = try container.decodeIfPresent(Double.self, forKey: .chiSquareAdjustedP)
        chiSquareFamilySize = try container.decodeIfPresent(Int.self, forKey: .chiSquareFamilySize) ?? 0
        comparisons = try container.decode([SurveyComparison].self, forKey: .comparisons)
        testsWithheld = try container.decodeIfPresent(Bool.self, forKey: .testsWithheld) ?? false
    }

    /// Writes hidden counts as `null`, so that a published JSON file never holds them.
    public func encode(to encoder: any Encoder) throws {
        // In the order of the keys (``SortedJSONEncoder`` then has nothing to put in order).
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(answered.enumerated().map { answeredHidden?[$0] == true ? nil : $1 }, forKey: .answered)
        try container.encodeIfPresent(chiSquare, forKey: .chiSquare)
        try container.encodeIfPresent(chiSquareAdjustedP, forKey: .chiSquareAdjustedP)
        try container.encodeIfPresent(chiSquareColumns, forKey: .chiSquareColumns)
        if chiSquareFamilySize > 0 { try container.encode(chiSquareFamilySize, forKey: .chiSquareFamilySize) }
        try container.encode(comparisons, forKey: .comparisons)
        let shownCounts = counts.enumerated().map { column, values in
            values.enumerated().map { value, count in suppressedCounts?[column][value] == true ? nil : count }
        }
        try container.encode(shownCounts, forKey: .counts)
        try container.encode(itemID, forKey: .itemID)
        try container.encode(missing.enumerated().map { suppressedMissing?[$0] == true ? nil : $1 }, forKey: .missing)
        try container.encode(scale, forKey: .scale)
        if testsWithheld { try container.encode(true, forKey: .testsWithheld) }
        try container.encode(text, forKey: .text)
    }
}

/// An ordinal comparison of one item between groups of respondents: Mann–Whitney for two groups,
/// Kruskal–Wallis for more, over all respondents or within one stratum (the countries among mothers).
public struct SurveyComparison: Codable, Sendable, Equatable {
    /// The variable (`country`, `role`) and its compared levels (published levels: a publication group
    /// stands for its members), the first against the second where there are two.
    public var variable: String
    public var groups: [String]
    /// Respondents who answered, per group.
    public var answered: [Int]
    /// Mann–Whitney U, for two groups.
    public var test: MannWhitneyUTest?
    /// Kruskal–Wallis, for more than two groups.
    public var kruskalWallis: KruskalWallisTest? = nil
    /// The linear-by-linear association test, for ordered groups (scores 1, 2, … in their order; the
    /// answers' values as the column scores): `ordered: true` on the table.
    public var linearByLinear: LinearByLinearTest? = nil
    /// The stratum the groups are compared within (`role` = `mother`); `nil`: all respondents.
    public var stratumVariable: String? = nil
    public var stratum: String? = nil
    /// The Benjamini–Hochberg adjusted p-value within the family: the same comparison (variable, groups,
    /// stratum) over the items of the instrument (``SurveyDistributionBuilder/adjustComparisons(_:)``).
    public var adjustedP: Double? = nil
    /// The number of tests in that family.
    public var familySize: Int = 0
    /// Whether disclosure control withheld the test (a count of the groups is hidden, and the statistic
    /// with the published margins could give it away).
    public var withheld: Bool = false
    /// Whether this is the ordered groups' trend test (the linear-by-linear test), kept when withheld.
    public var trend: Bool = false

    /// The test's p-value (Mann–Whitney's or Kruskal–Wallis'), `nil` without a test.
    public var p: Double? { test?.p ?? kruskalWallis?.p ?? linearByLinear?.p }

    /// The family the comparison is adjusted in: the same groups compared in the same stratum.
    public var family: String {
        ([variable] + groups).joined(separator: ",") + (stratum.map { "|" + (stratumVariable ?? "") + "=" + $0 } ?? "")
            + (trend ? "|trend" : "")
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case adjustedP, answered, familySize, groups, kruskalWallis, linearByLinear, stratum, stratumVariable, test, trend
        case variable, withheld
    }
}

/// The reliability of one multi-item scale of an instrument.
public struct ScaleReliability: Codable, Sendable, Equatable {
    public var subscale: String
    public var label: LocalizedText
    public var items: [String]
    /// Items reversed (value ↦ min + max − value) before α was computed.
    public var reversedItems: [String]
    public var cronbach: CronbachAlpha?
    /// Whether disclosure control withheld α (an item's answers over all respondents are not published).
    public var withheld: Bool = false

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case cronbach, items, label, reversedItems, subscale, withheld }
}

/// The distributions of every item of one instrument.
public struct InstrumentDistribution: Codable, Sendable, Equatable {
    public var instrumentID: String
    public var title: LocalizedText
    /// Respondents per column group (`base` = all respondents of the group).
    public var columns: [TableColumn]
    public var items: [SurveyItemDistribution]
    public var scales: [ScaleReliability]

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case columns, instrumentID, items, scales, title }
}

/// Survey item distributions by country or role, one block per instrument.
public struct SurveyTableResult: Codable, Sendable, Equatable {
    public var id: String
    public var columnVariables: [String]
    public var instruments: [InstrumentDistribution]

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case columnVariables, id, instruments }
}

/// One table of the plan's results.
public enum TableResult: Sendable, Equatable {
    case crosstab(CrosstabResult)
    case survey(SurveyTableResult)
    case comparison(GroupComparisonResult)
    case agreement(AgreementResult)
    case jointDisplay(JointDisplayResult)
    case cooccurrence(CooccurrenceResult)

    public var id: String {
        switch self {
        case .crosstab(let table): table.id
        case .survey(let table): table.id
        case .comparison(let table): table.id
        case .agreement(let table): table.id
        case .jointDisplay(let table): table.id
        case .cooccurrence(let table): table.id
        }
    }
}

extension TableResult: Codable {
    private enum CodingKeys: String, CodingKey { case kind, crosstab, survey, comparison, agreement, jointDisplay = "joint_display", cooccurrence = "co_occurrence" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "crosstab": self = .crosstab(try container.decode(CrosstabResult.self, forKey: .crosstab))
        case "survey": self = .survey(try container.decode(SurveyTableResult.self, forKey: .survey))
        case "comparison": self = .comparison(try container.decode(GroupComparisonResult.self, forKey: .comparison))
        case "agreement": self = .agreement(try container.decode(AgreementResult.self, forKey: .agreement))
        case "joint_display": self = .jointDisplay(try container.decode(JointDisplayResult.self, forKey: .jointDisplay))
        case "co_occurrence": self = .cooccurrence(try container.decode(CooccurrenceResult.self, forKey: .cooccurrence))
        case let kind:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown table kind '\(kind)'")
        }
    }

    /// The table and its kind in the order of their keys (``SortedJSONEncoder`` then has nothing to
    /// put in order; only `survey` comes after `kind`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .crosstab(let table):
            try container.encode(table, forKey: .crosstab)
            try container.encode("crosstab", forKey: .kind)
        case .survey(let table):
            try container.encode("survey", forKey: .kind)
            try container.encode(table, forKey: .survey)
        case .comparison(let table):
            try container.encode(table, forKey: .comparison)
            try container.encode("comparison", forKey: .kind)
        case .agreement(let table):
            try container.encode(table, forKey: .agreement)
            try container.encode("agreement", forKey: .kind)
        case .jointDisplay(let table):
            try container.encode(table, forKey: .jointDisplay)
            try container.encode("joint_display", forKey: .kind)
        case .cooccurrence(let table):
            try container.encode(table, forKey: .cooccurrence)
            try container.encode("co_occurrence", forKey: .kind)
        }
    }
}

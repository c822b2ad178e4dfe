/// What the rows of a table are.
public enum RowSet: String, Codable, Sendable, CaseIterable {
    /// The sample: one row per declared role, counting participants (no codes).
    case sample
    /// Each factor category followed by its barrier codes.
    case barriers
    /// The four factor categories: a participant counts once per category, whatever codes of it.
    case factorCategories = "factor-categories"
    /// The involvement roles of the article's Table 1.
    case involvementRoles = "involvement-roles"
    /// Formal and informal activities, each type followed by its codes.
    case activities
    /// Every survey item's response distribution (per instrument), with its tests and the scales' α.
    case surveyItems = "survey-items"
    /// Per code: agreement between coders on the participants coded more than once.
    case intercoderAgreement = "intercoder-agreement"
    /// Per survey item that measures a code (`measures:` in the instrument): the share of interviewed
    /// participants who mention the code beside the share of respondents who agree with the item.
    case jointDisplay = "joint-display"
    /// Pairs of codes of one code set (`of:`, barriers by default) mentioned by the same participant and
    /// applied to the same segment, with their Jaccard indices.
    case cooccurrence = "co-occurrence"
    /// The codes of a coding tool kept as uncategorised codes (`unmapped: keep`), one row each; asking for
    /// them in a study that has none is an error at ingest.
    case uncategorisedCodes = "uncategorised-codes"

    /// The code sets a co-occurrence table can pair the codes of.
    public static let codeSets: [RowSet] = [.barriers, .involvementRoles, .activities]
}

/// A chart a table declares (drawn in the HTML report and by a notebook's `chart` block).
public enum ChartKind: String, Codable, Sendable, CaseIterable {
    /// Bars per code row, one per column group, with 95% intervals (a crosstab).
    case groupedBars = "grouped-bars"
    /// Bars per code row, the two compared groups side by side within each stratum (a comparison).
    case pairedBars = "paired-bars"
    /// A heat map of code rows × column groups (a crosstab).
    case heatMap = "heat-map"
    /// κ per code against the agreement threshold (intercoder agreement).
    case agreementBars = "agreement-bars"
}

/// A finding of the summary a table declares. The summary gives them in this order, whatever the
/// order of the plan: the sample, the factor categories, the codes, the comparison of two groups, the
/// activity types, the surveys, agreement.
public enum FindingKind: String, Codable, Sendable, CaseIterable {
    /// Who was interviewed (the sample table).
    case sample
    /// Each group row (factor category, activity type) across the column groups, with its test.
    case groupRows = "group-rows"
    /// The codes mentioned most often in each column group.
    case topCodes = "top-codes"
    /// The code rows that differ between the column groups after adjustment, within their group rows.
    case codeDifferences = "code-differences"
    /// The rows on which two compared groups differ (a comparison table).
    case comparison
    /// Survey items that differ between countries and between fathers and mothers.
    case surveyDifferences = "survey-differences"
    /// Intercoder agreement and the codes below its threshold.
    case agreement
}

/// Two groups of one participant variable compared row by row, within strata and pooled over them
/// (fathers against mothers, within each country and stratified by country).
public struct GroupComparison: Sendable, Equatable, Codable {
    /// The variable whose two levels are compared (`role`).
    public var variable: String
    /// The two levels, the first against the second (`[father, mother]`).
    public var groups: [String]
    /// The variable whose levels are the strata (`country`).
    public var within: String

    public init(variable: String, groups: [String], within: String) {
        self.variable = variable
        self.groups = groups
        self.within = within
    }
}

/// One table of the analysis plan: its stable id, its rows, the participant variables that make its
/// columns, and an optional filter on participants.
public struct TableSpec: Sendable, Equatable, Codable {
    /// The table's stable id: file names and tidy CSV use it.
    public var id: String
    public var rows: RowSet
    /// Participant variables whose level combinations make the column groups, outermost first
    /// (`[country, role]`: KZ mother, KZ father, …). Empty: one column of all participants.
    public var columns: [String]
    /// Only participants whose variables take one of these values (`{role: [mother, father]}`).
    public var filter: [String: [String]]?
    /// When set, the table compares two groups row by row instead of cross-tabulating `columns`.
    public var compare: GroupComparison?
    /// The charts of the table, in the report and for a notebook's `chart` block.
    public var charts: [ChartKind]
    /// The findings the summary draws from the table.
    public var findings: [FindingKind]
    /// Whether the column groups are ordered, in the declared order of their levels (a survey table of
    /// one variable): each ordinal item then also gets the linear-by-linear association test.
    public var ordered: Bool?
    /// For a co-occurrence table: the code set whose codes are paired (`nil`: barriers).
    public var of: RowSet?

    public init(
        id: String, rows: RowSet, columns: [String], filter: [String: [String]]? = nil,
        compare: GroupComparison? = nil, charts: [ChartKind] = [], findings: [FindingKind] = []
    ) {
        self.id = id
        self.rows = rows
        self.columns = columns
        self.filter = filter
        self.compare = compare
        self.charts = charts
        self.findings = findings
    }

    enum CodingKeys: String, CodingKey {
        case id, rows, columns, compare, charts, findings, ordered, of
        case filter = "where"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        rows = try container.decode(RowSet.self, forKey: .rows)
        columns = try container.decodeIfPresent([String].self, forKey: .columns) ?? []
        filter = try container.decodeIfPresent([String: [String]].self, forKey: .filter)
        compare = try container.decodeIfPresent(GroupComparison.self, forKey: .compare)
        charts = try container.decodeIfPresent([ChartKind].self, forKey: .charts) ?? []
        findings = try container.decodeIfPresent([FindingKind].self, forKey: .findings) ?? []
        ordered = try container.decodeIfPresent(Bool.self, forKey: .ordered)
        of = try container.decodeIfPresent(RowSet.self, forKey: .of)
    }

    /// The code set a co-occurrence table pairs the codes of.
    public var pairedCodes: RowSet { of ?? .barriers }

    /// The charts this kind of table can draw.
    public var possibleCharts: [ChartKind] {
        if compare != nil { return [.pairedBars] }
        switch rows {
        case .intercoderAgreement: return [.agreementBars]
        case .cooccurrence: return [.heatMap]
        case .sample, .surveyItems, .jointDisplay: return []
        default: return [.groupedBars, .heatMap]
        }
    }

    /// The findings this kind of table can give.
    public var possibleFindings: [FindingKind] {
        if compare != nil { return [.comparison] }
        switch rows {
        case .sample: return [.sample]
        case .intercoderAgreement: return [.agreement]
        case .surveyItems: return [.surveyDifferences]
        case .jointDisplay, .cooccurrence: return []
        case .involvementRoles: return [.topCodes, .codeDifferences]
        case .uncategorisedCodes: return []
        default: return [.groupRows, .topCodes, .codeDifferences]
        }
    }

    /// The default analysis plan, used when the manifest names none. Its ids are documented in
    /// `docs/formats.md` and never change meaning.
    public static let defaultPlan: [TableSpec] = [
        TableSpec(id: "sample-by-country-role", rows: .sample, columns: ["country"], findings: [.sample]),
        TableSpec(id: "barriers-by-factor-category", rows: .barriers, columns: []),
        TableSpec(
            id: "barriers-by-country", rows: .barriers, columns: ["country"], charts: [.groupedBars],
            findings: [.groupRows, .topCodes, .codeDifferences]),
        TableSpec(id: "barriers-by-role-within-country", rows: .barriers, columns: ["country", "role"], charts: [.heatMap]),
        TableSpec(
            id: "factor-categories-by-country-role", rows: .factorCategories, columns: ["country", "role"], findings: [.groupRows]),
        TableSpec(id: "involvement-roles-by-country-role", rows: .involvementRoles, columns: ["country", "role"]),
        TableSpec(id: "activities-by-country", rows: .activities, columns: ["country"], findings: [.groupRows, .codeDifferences]),
        TableSpec(id: "survey-items-by-country", rows: .surveyItems, columns: ["country"], findings: [.surveyDifferences]),
        TableSpec(id: "survey-items-by-role", rows: .surveyItems, columns: ["role"]),
        TableSpec(id: "joint-display-by-country", rows: .jointDisplay, columns: ["country"]),
        TableSpec(id: "joint-display-by-role", rows: .jointDisplay, columns: ["role"]),
        TableSpec(id: "barrier-co-occurrence-by-country", rows: .cooccurrence, columns: ["country"], charts: [.heatMap]),
        TableSpec(
            id: "barriers-fathers-vs-mothers", rows: .barriers, columns: [],
            compare: GroupComparison(variable: "role", groups: ["father", "mother"], within: "country"),
            charts: [.pairedBars], findings: [.comparison]),
        TableSpec(
            id: "intercoder-agreement", rows: .intercoderAgreement, columns: [], charts: [.agreementBars],
            findings: [.agreement]),
    ]
}

/// An entry of the manifest's plan: the id of a default table, or a full ``TableSpec``.
struct PlanEntry: Decodable {
    var spec: TableSpec?
    var defaultID: String?

    init(from decoder: any Decoder) throws {
        if let id = try? decoder.singleValueContainer().decode(String.self) {
            defaultID = id
        } else {
            spec = try TableSpec(from: decoder)
        }
    }
}

/// What a code of the codebook describes.
public enum CodeCategory: String, CaseIterable, Codable, Sendable {
    /// A barrier to parental involvement; it has a ``FactorCategory``.
    case barrier
    /// A role a parent takes (the article's Table 1).
    case involvementRole = "involvement_role"
    /// A school–family activity; it is ``ActivityType/formal`` or ``ActivityType/informal``.
    case activity
    /// A coding tool's code that no codebook code is mapped to, kept by `unmapped: keep` (see
    /// ``UncategorisedCode``): shown in a table of its own (`rows: uncategorised-codes`), in intercoder
    /// agreement and the participant × code matrix, never among barriers, roles or activities.
    case uncategorised
}

/// Whether a school–family activity is formal or informal (the article's distinction).
public enum ActivityType: String, CaseIterable, Codable, Sendable {
    case formal, informal
}

/// One code of the codebook: what coders apply to interview segments.
public struct Code: Codable, Sendable, Equatable, Identifiable {
    /// The id coders write in `segments.csv`.
    public var id: String
    public var category: CodeCategory
    /// For barriers: the factor category the barrier belongs to.
    public var factor: FactorCategory?
    /// For activities: formal or informal.
    public var type: ActivityType?
    /// The id of a broader code, if the codebook nests codes.
    public var parent: String?
    public var label: LocalizedText
    public var description: String
    /// Where in the article the code comes from.
    public var source: String?
    /// Other names of the code in coding tools (`Barrier/Time pressure`, `барьер/нет времени`): the study's
    /// ``CodeMap`` maps them to ``id``.
    public var aliases: [String]?

    public init(
        id: String, category: CodeCategory, factor: FactorCategory? = nil, type: ActivityType? = nil,
        parent: String? = nil, label: LocalizedText, description: String, source: String? = nil,
        aliases: [String]? = nil
    ) {
        self.id = id
        self.category = category
        self.factor = factor
        self.type = type
        self.parent = parent
        self.label = label
        self.description = description
        self.source = source
        self.aliases = aliases
    }
}

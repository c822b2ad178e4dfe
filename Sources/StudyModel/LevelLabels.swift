/// How reports name the study's levels and publication groups, from `publication` in `study.yml`:
/// - `labels`: the name of a level ("KZ" → "Kazakhstan"), in each language;
/// - `locatives`: where something happens, for sentences ("in Kazakhstan", "в Казахстане", "Қазақстанда");
///   without one, the catalog's `in` word ("in {level}");
/// - `sentence_labels`: the name as it stands inside a sentence ("the United Kingdom"), where it differs;
/// - `singular_labels`: one member of the level ("Fathers" → "father"), for a quote's signature.
///
/// A level with no label is shown as it is written in the data.
public struct LevelLabels: Codable, Sendable, Equatable {
    public var names: [String: LocalizedText]
    public var locatives: [String: LocalizedText]
    public var inSentence: [String: LocalizedText]
    public var singular: [String: LocalizedText] = [:]

    public init(
        names: [String: LocalizedText] = [:], locatives: [String: LocalizedText] = [:],
        inSentence: [String: LocalizedText] = [:], singular: [String: LocalizedText] = [:]
    ) {
        self.names = names
        self.locatives = locatives
        self.inSentence = inSentence
        self.singular = singular
    }

    private enum CodingKeys: String, CodingKey { case names, locatives, inSentence, singular }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        names = try container.decode([String: LocalizedText].self, forKey: .names)
        locatives = try container.decode([String: LocalizedText].self, forKey: .locatives)
        inSentence = try container.decode([String: LocalizedText].self, forKey: .inSentence)
        singular = try container.decodeIfPresent([String: LocalizedText].self, forKey: .singular) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(locatives, forKey: .locatives)
        try container.encode(inSentence, forKey: .inSentence)
        if !singular.isEmpty { try container.encode(singular, forKey: .singular) }
    }

    /// Every level named, in any of them.
    public var levels: Set<String> { Set(names.keys).union(locatives.keys).union(inSentence.keys).union(singular.keys) }
}

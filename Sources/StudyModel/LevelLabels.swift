/// How reports name the study's levels and publication groups, from `publication` in `study.yml`:
/// - `labels`: the name of a level ("KZ" → "Kazakhstan"), in each language;
/// - `locatives`: where something happens, for sentences ("in Kazakhstan", "в Казахстане", "Қазақстанда");
///   without one, the catalog's `in` word ("in {level}");
/// - `sentence_labels`: the name as it stands inside a sentence ("the United Kingdom"), where it differs.
///
/// A level with no label is shown as it is written in the data.
public struct LevelLabels: Codable, Sendable, Equatable {
    public var names: [String: LocalizedText]
    public var locatives: [String: LocalizedText]
    public var inSentence: [String: LocalizedText]

    public init(
        names: [String: LocalizedText] = [:], locatives: [String: LocalizedText] = [:],
        inSentence: [String: LocalizedText] = [:]
    ) {
        self.names = names
        self.locatives = locatives
        self.inSentence = inSentence
    }

    /// Every level named, in any of the three.
    public var levels: Set<String> { Set(names.keys).union(locatives.keys).union(inSentence.keys) }
}

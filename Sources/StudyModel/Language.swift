/// A language reports can be written in: one for each catalog in `Sources/StudyModel/Catalogs/`
/// (its ISO 639-1 code, `en`, `ru`, `kk`).
///
/// The codes are not a Swift enumeration: adding a language is adding its catalog file (see
/// ``Catalog``) and the study's level labels in that language, with no code to change.
public struct Language: RawRepresentable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String

    /// Any code; ``isAvailable`` says whether a catalog exists for it.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// English: the language of the tool's messages, and the fallback of a text not given in another.
    public static let en = Language(rawValue: "en")

    /// Every language with a catalog: English first, then by code.
    public static var available: [Language] { Catalog.all.map(\.language) }

    /// Whether a catalog exists for this language.
    public var isAvailable: Bool { Catalog.all.contains { $0.language == self } }

    public var description: String { rawValue }

    /// English first, then by code.
    public static func < (lhs: Language, rhs: Language) -> Bool {
        lhs == rhs ? false : lhs == .en ? true : rhs == .en ? false : lhs.rawValue < rhs.rawValue
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A text given in several languages, keyed by language code (`{en: …, ru: …, kk: …}` in YAML and JSON).
///
/// At least one language is required; a language the text does not give falls back to English, or, where it
/// has no English either, to the first language it gives (by code): a code label a tool gave in one language
/// only is shown in that language, and reports say so (``fallback(for:)``).
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    /// The text by language code.
    public var texts: [String: String]

    public init(_ texts: [String: String]) {
        self.texts = texts
    }

    /// The three languages of the sample study.
    public init(en: String, ru: String, kk: String) {
        texts = ["en": en, "ru": ru, "kk": kk]
    }

    /// The text in `language`, or in the language it falls back to (``fallback(for:)``) where it has none.
    public subscript(language: Language) -> String {
        texts[language.rawValue] ?? fallback(for: language).flatMap { texts[$0.rawValue] } ?? ""
    }

    /// The language shown instead of `language` where the text has none: English, or else the first language it
    /// gives, English first and then by code; `nil` where it gives `language` (or nothing at all).
    public func fallback(for language: Language) -> Language? {
        guard texts[language.rawValue] == nil else { return nil }
        return texts[Language.en.rawValue] != nil ? .en : texts.keys.map(Language.init(rawValue:)).min()
    }

    /// The text in `language` only, or `nil`.
    public func text(in language: Language) -> String? {
        texts[language.rawValue]
    }

    public init(from decoder: any Decoder) throws {
        let texts = try decoder.singleValueContainer().decode([String: String].self)
        guard !texts.isEmpty else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "a text needs at least one language (en, ru, kk, …)"))
        }
        self.texts = texts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(texts)
    }
}

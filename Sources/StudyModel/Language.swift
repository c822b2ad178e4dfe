/// A language of the study: labels, excerpts and reports come in these three.
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case en, ru, kk

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A text given in English, Russian and Kazakh.
public struct LocalizedText: Codable, Sendable, Equatable, Hashable {
    public var en: String
    public var ru: String
    public var kk: String

    public init(en: String, ru: String, kk: String) {
        self.en = en
        self.ru = ru
        self.kk = kk
    }

    /// The text in `language`.
    public subscript(language: Language) -> String {
        switch language {
        case .en: en
        case .ru: ru
        case .kk: kk
        }
    }
}

/// The four groups of barriers to parental involvement (Hornby & Lafaele, 2011), as the article uses them.
public enum FactorCategory: String, CaseIterable, Codable, Sendable, Comparable {
    case parent
    case child
    case parentTeacher = "parent_teacher"
    case societal

    /// The category's name in every language with a catalog (`factorCategory.<id>` in its words).
    public var label: LocalizedText {
        var texts: [String: String] = [:]
        for catalog in Catalog.all {
            if let word = catalog.word("factorCategory." + rawValue) { texts[catalog.language.rawValue] = word }
        }
        if texts[Language.en.rawValue] == nil { texts[Language.en.rawValue] = rawValue }
        return LocalizedText(texts)
    }

    public static func < (lhs: FactorCategory, rhs: FactorCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

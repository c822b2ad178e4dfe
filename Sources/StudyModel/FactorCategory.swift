/// The four groups of barriers to parental involvement (Hornby & Lafaele, 2011), as the article uses them.
public enum FactorCategory: String, CaseIterable, Codable, Sendable, Comparable {
    case parent
    case child
    case parentTeacher = "parent_teacher"
    case societal

    /// The category's name in `language`.
    public func label(in language: Language) -> String {
        switch (self, language) {
        case (.parent, .en): "Parent factors"
        case (.parent, .ru): "Факторы, связанные с родителями"
        case (.parent, .kk): "Ата-анаға байланысты факторлар"
        case (.child, .en): "Child factors"
        case (.child, .ru): "Факторы, связанные с ребёнком"
        case (.child, .kk): "Балаға байланысты факторлар"
        case (.parentTeacher, .en): "Parent–teacher factors"
        case (.parentTeacher, .ru): "Факторы взаимодействия родителей и учителей"
        case (.parentTeacher, .kk): "Ата-ана мен мұғалім арасындағы факторлар"
        case (.societal, .en): "Societal factors"
        case (.societal, .ru): "Общественные факторы"
        case (.societal, .kk): "Қоғамдық факторлар"
        }
    }

    public static func < (lhs: FactorCategory, rhs: FactorCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

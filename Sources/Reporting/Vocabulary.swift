import Analysis
import StudyModel

/// The words reports use for the study's variables and levels, in the three languages.
///
/// Levels the vocabulary does not know (an attribute's values) are shown as they are.
public struct Vocabulary: Sendable {
    public var language: Language
    /// Names of levels and publication groups from the study (`publication.labels` in `study.yml`),
    /// before the built-in ones.
    public var labels: [String: LocalizedText]

    public init(language: Language = .en, labels: [String: LocalizedText] = [:]) {
        self.language = language
        self.labels = labels
    }

    private static let levels: [String: LocalizedText] = [
        "KZ": LocalizedText(en: "Kazakhstan", ru: "Казахстан", kk: "Қазақстан"),
        "UK": LocalizedText(en: "United Kingdom", ru: "Великобритания", kk: "Ұлыбритания"),
        "mother": LocalizedText(en: "Mothers", ru: "Матери", kk: "Аналар"),
        "father": LocalizedText(en: "Fathers", ru: "Отцы", kk: "Әкелер"),
        "grandparent": LocalizedText(en: "Grandparents", ru: "Бабушки и дедушки", kk: "Ата-әжелер"),
        "guardian": LocalizedText(en: "Guardians", ru: "Опекуны", kk: "Қамқоршылар"),
        "teacher": LocalizedText(en: "Teachers", ru: "Учителя", kk: "Мұғалімдер"),
        "other": LocalizedText(en: "Others", ru: "Другие", kk: "Басқалар"),
        "": LocalizedText(en: "(not recorded)", ru: "(не указано)", kk: "(көрсетілмеген)"),
    ]

    private static let variables: [String: LocalizedText] = [
        "country": LocalizedText(en: "country", ru: "страна", kk: "ел"),
        "role": LocalizedText(en: "role", ru: "роль", kk: "рөл"),
    ]

    private static let rowSets: [RowSet: LocalizedText] = [
        .sample: LocalizedText(en: "Participants", ru: "Участники", kk: "Қатысушылар"),
        .barriers: LocalizedText(en: "Barriers", ru: "Барьеры", kk: "Кедергілер"),
        .factorCategories: LocalizedText(en: "Factor categories of barriers", ru: "Категории факторов барьеров", kk: "Кедергі факторларының санаттары"),
        .involvementRoles: LocalizedText(en: "Involvement roles", ru: "Роли участия", kk: "Қатысу рөлдері"),
        .activities: LocalizedText(en: "School–family activities", ru: "Мероприятия школы и семьи", kk: "Мектеп пен отбасы іс-шаралары"),
        .intercoderAgreement: LocalizedText(en: "Intercoder agreement", ru: "Согласованность кодировщиков", kk: "Кодтаушылар келісімі"),
        .surveyItems: LocalizedText(en: "Survey item responses", ru: "Ответы на вопросы анкет", kk: "Сауалнама сұрақтарына жауаптар"),
    ]

    /// The display name of a level (`KZ` → "Kazakhstan").
    public func level(_ value: String) -> String {
        (labels[value] ?? Self.levels[value])?[language] ?? value
    }

    /// The name of a level as it stands in a sentence ("the United Kingdom").
    public func levelInSentence(_ value: String) -> String {
        language == .en && value == "UK" ? "the United Kingdom" : level(value)
    }

    private static let locatives: [String: LocalizedText] = [
        "KZ": LocalizedText(en: "in Kazakhstan", ru: "в Казахстане", kk: "Қазақстанда"),
        "UK": LocalizedText(en: "in the United Kingdom", ru: "в Великобритании", kk: "Ұлыбританияда"),
    ]

    /// "in Kazakhstan", "в Казахстане", "Қазақстанда": where something happens, for sentences.
    public func inLevel(_ value: String) -> String {
        if let phrase = Self.locatives[value] { return phrase[language] }
        return switch language {
        case .en: "in \(level(value))"
        case .ru: "в группе «\(level(value))»"
        case .kk: "«\(level(value))» тобында"
        }
    }

    /// Numbers as the language writes them: Russian and Kazakh texts use a decimal comma ("33,3"). Every
    /// "." between two digits becomes ","; English text is returned as it is. For rendered text only:
    /// CSV and JSON keep the decimal point.
    public func decimals(_ text: String) -> String {
        guard language != .en, text.contains(".") else { return text }
        var characters = Array(text)
        for index in characters.indices.dropFirst().dropLast()
        where characters[index] == "." && characters[index - 1].isASCII && characters[index - 1].isNumber
            && characters[index + 1].isASCII && characters[index + 1].isNumber
        {
            characters[index] = ","
        }
        return String(characters)
    }

    /// The display name of a variable.
    public func variable(_ name: String) -> String {
        Self.variables[name]?[language] ?? name
    }

    /// The name of a kind of rows ("Barriers").
    public func rowSetName(_ rows: RowSet) -> String {
        Self.rowSets[rows]![language]
    }

    /// The name of a kind of row, as a family of tests names it ("code rows").
    public func rowKindName(_ kind: RowKind) -> String {
        switch kind {
        case .code: LocalizedText(en: "code", ru: "коды", kk: "кодтар")[language]
        case .factorCategory: LocalizedText(en: "factor-category", ru: "категории факторов", kk: "фактор санаттары")[language]
        case .activityType: LocalizedText(en: "activity-type", ru: "типы мероприятий", kk: "іс-шара түрлері")[language]
        case .role: LocalizedText(en: "role", ru: "роли", kk: "рөлдер")[language]
        }
    }

    /// A table's title from its rows and column variables ("Barriers by country × role").
    public func title(rows: RowSet, columns: [String]) -> String {
        let rowsName = Self.rowSets[rows]![language]
        guard !columns.isEmpty else {
            return rowsName + " (" + LocalizedText(en: "all participants", ru: "все участники", kk: "барлық қатысушылар")[language] + ")"
        }
        switch language {
        case .en:
            return "\(rowsName) by \(columns.map(variable).joined(separator: " × "))"
        case .ru:
            // "по странам и ролям": the dative plural of a known variable, else "по признаку «x»".
            let forms = columns.map { Self.byForms[$0]?.ru ?? "признаку «\($0)»" }
            return "\(rowsName) по \(forms.joined(separator: " и "))"
        case .kk:
            // "Елдер мен рөлдер бойынша кедергілер": the grouping comes first.
            let forms = columns.map { Self.byForms[$0]?.kk ?? "«\($0)»" }
            let by = forms.joined(separator: " мен ") + " бойынша"
            return by.prefix(1).uppercased() + by.dropFirst() + " " + rowsName.prefix(1).lowercased() + rowsName.dropFirst()
        }
    }

    /// The forms of a known variable after "by" (ru: dative plural after «по»; kk: plural before «бойынша»).
    private static let byForms: [String: (ru: String, kk: String)] = [
        "country": ("странам", "елдер"),
        "role": ("ролям", "рөлдер"),
    ]

    /// The label of a column group ("Kazakhstan / Fathers"), or "All participants".
    public func columnLabel(_ column: TableColumn) -> String {
        guard !column.values.isEmpty else {
            return LocalizedText(en: "All participants", ru: "Все участники", kk: "Барлық қатысушылар")[language]
        }
        return column.values.map(level).joined(separator: " / ")
    }

    /// The label of a table row: a role's display name, or the row's own label.
    public func rowLabel(_ row: TableRow) -> String {
        row.kind == .role ? level(row.id) : row.label[language]
    }
}

import Analysis
import StudyModel

/// The words reports use for the study's variables and levels, in the report's language.
///
/// The tool's own words (variables, kinds of rows, the grammar of titles) come from the language's
/// ``Catalog``; the study's levels from `study.yml` (``LevelLabels``). Levels the study does not name
/// (an attribute's values) are shown as they are.
public struct Vocabulary: Sendable {
    public var language: Language
    /// Names of levels and publication groups from the study (`publication.labels` in `study.yml`).
    public var labels: LevelLabels
    let catalog: Catalog
    /// The catalog's phrase templates cut into text and slots, by key.
    let templates: [String: PhraseTemplate]

    /// The vocabulary of `language`, from its catalog (English's where there is none).
    public init(language: Language = .en, labels: LevelLabels = LevelLabels()) {
        self.init(catalog: Catalog.of(language), labels: labels)
    }

    /// The vocabulary of a catalog (one read with ``Catalog/load(_:)``, say).
    public init(catalog: Catalog, labels: LevelLabels = LevelLabels()) {
        language = catalog.language
        self.labels = labels
        self.catalog = catalog
        templates = catalog.phrases.mapValues(PhraseTemplate.init)
    }

    /// A word of the catalog (every catalog has every word of English's: `CatalogTests` checks).
    private func word(_ key: String) -> String? {
        catalog.word(key)
    }

    /// How a text in `language` is said to be shown ("in English", "по-английски", "ағылшын тілінде": the words
    /// `inLanguage.<code>`), or that language's own name where the catalog has no such word.
    public func inLanguage(_ language: Language) -> String {
        word("inLanguage." + language.rawValue) ?? Catalog.all.first { $0.language == language }?.name ?? language.rawValue
    }

    /// The display name of a level (`KZ` → "Kazakhstan").
    public func level(_ value: String) -> String {
        if let name = labels.names[value] { return name[language] }
        return value.isEmpty ? word("level.empty") ?? value : value
    }

    /// The name of a level as it stands in a sentence ("the United Kingdom").
    public func levelInSentence(_ value: String) -> String {
        labels.inSentence[value]?.text(in: language) ?? level(value)
    }

    /// One member of a level ("father"), for a quote's signature; the level's name where none is given.
    public func singular(_ value: String) -> String {
        labels.singular[value]?.text(in: language) ?? level(value)
    }

    /// "in Kazakhstan", "в Казахстане", "Қазақстанда": where something happens, for sentences.
    public func inLevel(_ value: String) -> String {
        if let phrase = labels.locatives[value]?.text(in: language) { return phrase }
        return Catalog.fill(word("in") ?? "{level}", ["level": level(value)])
    }

    /// Numbers as the language writes them: with a decimal comma (`decimal_comma` in the catalog, Russian
    /// and Kazakh: "33,3"), every "." between two digits becomes ","; otherwise the text is returned as it
    /// is. For rendered text only: CSV and JSON keep the decimal point.
    public func decimals(_ text: String) -> String {
        // A "." character is a "." byte (and a text without one is returned as it is by either rule).
        guard catalog.decimalComma, text.utf8.contains(UInt8(ascii: ".")) else { return text }
        if PlainScalars.hasOnlyPlainScalars(text) {
            // Every scalar a character: an ASCII digit character is an ASCII digit byte.
            var bytes = Array(text.utf8)
            for index in bytes.indices.dropFirst().dropLast()
            where bytes[index] == UInt8(ascii: ".") && (0x30...0x39).contains(bytes[index - 1]) && (0x30...0x39).contains(bytes[index + 1]) {
                bytes[index] = UInt8(ascii: ",")
            }
            return String(decoding: bytes, as: UTF8.self)
        }
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
        word("variable." + name) ?? name
    }

    /// The name of a kind of rows ("Barriers").
    public func rowSetName(_ rows: RowSet) -> String {
        word("rowSet." + rows.rawValue) ?? rows.rawValue
    }

    /// The name of a kind of row, as a family of tests names it ("code rows").
    public func rowKindName(_ kind: RowKind) -> String {
        word("rowKind." + kind.rawValue) ?? kind.rawValue
    }

    /// A word of the catalog by key (`agreement.title`), or the key.
    public func phrase(_ key: String) -> String {
        word(key) ?? key
    }

    /// A table's title from its rows and column variables ("Barriers by country × role"), by the
    /// catalog's `title` template: `{rows}` (and `{rowsLower}`) the rows' name, `{by}` the variables'
    /// `by.<variable>` forms (or `by.other`) joined by `title.join`.
    public func title(rows: RowSet, columns: [String]) -> String {
        let rowsName = rowSetName(rows)
        guard !columns.isEmpty else { return Catalog.fill(word("title.all") ?? "{rows}", ["rows": rowsName]) }
        let forms = columns.map { name in
            word("by." + name) ?? Catalog.fill(word("by.other") ?? "{variable}", ["variable": variable(name), "name": name])
        }
        return Catalog.fill(word("title") ?? "{rows}: {by}", [
            "rows": rowsName, "rowsLower": rowsName.prefix(1).lowercased() + rowsName.dropFirst(),
            "by": forms.joined(separator: word("title.join") ?? ", "),
        ])
    }

    /// The label of a column group ("Kazakhstan / Fathers"), or "All participants".
    public func columnLabel(_ column: TableColumn) -> String { columnLabel(column.values) }

    /// The label of the column group of these levels, or "All participants" for none.
    public func columnLabel(_ values: [String]) -> String {
        guard !values.isEmpty else { return word("column.all") ?? "" }
        return values.map(level).joined(separator: " / ")
    }

}

import Analysis
import StudyModel

/// A text of the published document, free of any language and format: the formatters of `Reporting`
/// turn it into words of the report's language (its catalog and the study's level names) and escape it
/// for their format.
///
/// Numbers stand in their canonical form ("66.7", "< 0.0001"), which a formatter may write with the
/// language's decimal comma. A string literal or interpolation is a ``plain(_:)`` text.
public indirect enum Text: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// Written as it is in every language: an id, a symbol ("χ²").
    case plain(String)
    /// A count of participants, respondents or units.
    case count(Int)
    /// A number in its canonical form, rounded as it is published ("66.7", "0.0123", "< 0.0001",
    /// "2.50 (1.10–5.68)"): a formatter may write it with the language's decimal sign.
    case number(String)
    /// A count hidden by disclosure control ("*"); `disclosure-audit.csv` says why and how wide it stays.
    case hidden
    /// A sentence or word of the catalog with its slots filled (a slot `{Name}` takes the value with a
    /// capitalised first letter).
    case phrase(Phrase, [String: Text])
    /// A word of the catalog's `words` by key (`agreement.title`).
    case word(String)
    /// The name of a study level ("KZ" → "Kazakhstan"), from `publication.labels`.
    case level(String)
    /// The name of a level inside a sentence ("the United Kingdom").
    case levelInSentence(String)
    /// Where something happens ("in Kazakhstan").
    case inLevel(String)
    /// A label of the codebook or an instrument, in the report's language.
    case label(LocalizedText)
    /// The note on the code labels a report shows: how many of them lack the report's language and which language
    /// each is shown in instead (``LocalizedText/fallback(for:)``); empty in a language every label has.
    case labelFallback([LocalizedText])
    /// The display name of a variable ("country").
    case variable(String)
    /// The name of a kind of rows ("Barriers").
    case rowSet(RowSet)
    /// The name of a kind of row as a family of tests names it ("code").
    case rowKind(RowKind)
    /// A table's title from its rows and column variables ("Barriers by country × role").
    case title(rows: RowSet, columns: [String])
    /// The label of a column group ("Kazakhstan / Fathers", "All participants").
    case column([String])
    /// "a, b and c" in the report's language; "—" for none.
    case list([Text])
    /// The texts one after another with `separator` between them.
    case joined([Text], separator: String)
    /// The distinct texts as the language writes them, in the order of their words, with `separator`
    /// between them (the families of tests a note lists).
    case sortedJoined([Text], separator: String)
    /// The text with its first letter (`capitalized`) or every letter (`lowercased`) changed.
    case lowercased(Text)
    case capitalized(Text)

    public init(stringLiteral value: String) { self = .plain(value) }

    public init(stringInterpolation: DefaultStringInterpolation) { self = .plain(String(stringInterpolation: stringInterpolation)) }

    /// The label of a table row: a role's level name, or the row's own label.
    public static func row(_ row: TableRow) -> Text {
        row.kind == .role ? .level(row.id) : .label(row.label)
    }

    /// A column group's label.
    public static func column(_ column: TableColumn) -> Text { .column(column.values) }

    /// The empty text.
    public static let empty: Text = .plain("")

    public static func + (lhs: Text, rhs: Text) -> Text { .joined([lhs, rhs], separator: "") }

    public static func += (lhs: inout Text, rhs: Text) { lhs = lhs + rhs }

    public func lowercased() -> Text { .lowercased(self) }

    /// Whether the text is empty whatever the language (a plain empty string, or nothing joined).
    public var isEmpty: Bool {
        switch self {
        case .plain(let text): text.isEmpty
        case .joined(let parts, let separator): separator.isEmpty ? parts.allSatisfy(\.isEmpty) : parts.isEmpty
        default: false
        }
    }
}

extension Array where Element == Text {
    /// The texts with `separator` between them.
    public func joined(separator: String = "") -> Text { .joined(self, separator: separator) }
}

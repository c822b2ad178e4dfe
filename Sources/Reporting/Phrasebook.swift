import Foundation
import Publication
import StudyModel

/// The sentences of reports, from the language's catalog (`Sources/StudyModel/Catalogs/<code>.json`).
///
/// A phrase is a template with named slots (`{n}`); ``callAsFunction(_:_:)`` fills them. Sentences avoid
/// constructions whose grammar depends on a number (Russian and Kazakh inflect nouns after numerals
/// differently from English): counts stand after a dash or in brackets ("матери — 48").
struct Phrasebook {
    let language: Language
    let catalog: Catalog

    init(_ vocabulary: Vocabulary) {
        language = vocabulary.language
        catalog = vocabulary.catalog
    }


    /// The phrase in this language with its slots filled; `{Name}` fills with a capitalized first letter.
    /// A slot without a value stays as it is.
    func callAsFunction(_ key: Phrase, _ values: [String: String] = [:]) -> String {
        let template = catalog.phrases[key.rawValue] ?? "{\(key.rawValue)}"
        return Catalog.fill(template, values)
    }

    /// "a, b and c" in this language.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "—"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " " + self(.and) + " " + items.last!
        }
    }
}

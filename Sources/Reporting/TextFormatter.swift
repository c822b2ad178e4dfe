import Publication
import StudyModel

/// Writes a ``Text`` of the published document in the vocabulary's language: phrases and words from
/// its catalog, levels from the study's labels. Numbers keep their canonical form here; the format
/// writers apply the language's decimal comma where they print text.
struct TextFormatter {
    let vocabulary: Vocabulary

    func callAsFunction(_ text: Text) -> String {
        switch text {
        case .plain(let string): string
        case .count(let count): String(count)
        case .number(let number): number
        case .hidden: "*"
        case .phrase(let phrase, let values):
            if let template = vocabulary.templates[phrase.rawValue] {
                template.filled(values) { self($0) }
            } else {
                Catalog.fill(vocabulary.catalog.phrases[phrase.rawValue] ?? "{\(phrase.rawValue)}", values.mapValues { self($0) })
            }
        case .word(let key): vocabulary.phrase(key)
        case .level(let value): vocabulary.level(value)
        case .levelInSentence(let value): vocabulary.levelInSentence(value)
        case .inLevel(let value): vocabulary.inLevel(value)
        case .label(let label): label[vocabulary.language]
        case .labelFallback(let labels): labelFallback(labels)
        case .variable(let name): vocabulary.variable(name)
        case .rowSet(let rows): vocabulary.rowSetName(rows)
        case .rowKind(let kind): vocabulary.rowKindName(kind)
        case .title(let rows, let columns): vocabulary.title(rows: rows, columns: columns)
        case .column(let values): vocabulary.columnLabel(values)
        case .list(let items): list(items.map { self($0) })
        case .joined(let parts, let separator): parts.map { self($0) }.joined(separator: separator)
        case .sortedJoined(let parts, let separator): Set(parts.map { self($0) }).sorted().joined(separator: separator)
        case .lowercased(let inner): self(inner).lowercased()
        case .capitalized(let inner): capitalized(self(inner))
        }
    }

    /// A phrase of the catalog with its slots filled.
    func callAsFunction(_ phrase: Phrase, _ values: [String: Text] = [:]) -> String {
        self(.phrase(phrase, values))
    }

    /// "a, b and c" in this language.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "—"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " " + self(.and) + " " + items.last!
        }
    }

    /// One sentence per language the labels fall back to (English first, then by code), with how many; empty
    /// when every label has the vocabulary's language.
    private func labelFallback(_ labels: [LocalizedText]) -> String {
        var counts: [Language: Int] = [:]
        for label in labels {
            if let fallback = label.fallback(for: vocabulary.language) { counts[fallback, default: 0] += 1 }
        }
        return counts.keys.sorted().map { language in
            self(.labelsShownIn, ["n": .count(counts[language]!), "language": .plain(vocabulary.inLanguage(language))])
        }.joined(separator: " ")
    }

    private func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}

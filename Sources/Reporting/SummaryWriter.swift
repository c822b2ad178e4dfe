import Foundation
import Analysis
import Publication

/// Writes the summary the publication stage composed (``SummaryComposer``) in the vocabulary's
/// language: numbers with its decimal sign (the title keeps the study's version as it is), paragraphs
/// wrapped at 100 characters.
struct SummaryWriter {
    let paragraphs: [Text]
    let vocabulary: Vocabulary

    func summary() -> String {
        let say = TextFormatter(vocabulary: vocabulary)
        var texts = paragraphs.map(say.callAsFunction)
        texts = texts.prefix(1) + texts.dropFirst().map(vocabulary.decimals)
        return texts.flatMap(PlainScalars.paragraphs).map(wrapped).joined(separator: "\n\n") + "\n"
    }

    /// Wraps a paragraph at 100 characters.
    ///
    /// A line's characters are counted only when it might pass 100 with the next word: a character is
    /// at least one Unicode scalar, so a line of at most 100 scalars (counted word by word, as scalars
    /// add up when strings are joined) has at most 100 characters.
    private func wrapped(_ paragraph: String) -> String {
        var lines: [String] = []
        var current = ""
        var scalars = 0  // of `current`
        let words = PlainScalars.hasOnlyPlainScalars(paragraph) ? PlainScalars.split(paragraph, separator: UInt8(ascii: " ")) : paragraph.split(separator: " ")
        for word in words {
            let wordScalars = word.unicodeScalars.count
            if !current.isEmpty && scalars + 1 + wordScalars > 100 && current.count + 1 + word.count > 100 {
                lines.append(current)
                current = String(word)
                scalars = wordScalars
            } else {
                scalars += current.isEmpty ? wordScalars : 1 + wordScalars
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}

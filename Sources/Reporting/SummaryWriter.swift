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
        PlainScalars.hasOnlyPlainScalars(paragraph) ? Self.wrappedPlain(paragraph) : Self.wrappedByCharacters(paragraph)
    }

    /// ``wrapped(_:)`` of any text: words cut at the space characters, characters counted.
    static func wrappedByCharacters(_ paragraph: String) -> String {
        var lines: [String] = []
        var current = ""
        var scalars = 0  // of `current`
        for word in paragraph.split(separator: " ") {
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

    /// ``wrapped(_:)`` of a paragraph of plain scalars (``PlainScalars``), on its UTF-8 bytes: there each
    /// scalar is a character, so a line's characters are its scalars (the bytes that do not continue a
    /// scalar), and the words are cut at the space bytes.
    static func wrappedPlain(_ paragraph: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(paragraph.utf8.count)
        var scalars = 0  // of the current line
        for word in paragraph.utf8.split(separator: UInt8(ascii: " ")) {
            let wordScalars = word.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            if out.isEmpty {
                scalars = wordScalars
            } else if scalars + 1 + wordScalars > 100 {
                out.append(UInt8(ascii: "\n"))
                scalars = wordScalars
            } else {
                out.append(UInt8(ascii: " "))
                scalars += 1 + wordScalars
            }
            out.append(contentsOf: word)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

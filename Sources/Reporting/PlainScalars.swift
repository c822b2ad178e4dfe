import Foundation

/// Text whose every Unicode scalar is a character of its own: letters, digits, punctuation and symbols
/// that never join a neighbour (no combining mark, joiner, variation selector, prepended or spacing mark,
/// regional indicator or Hangul jamo, and no CR, which joins the LF after it). In such text a scalar
/// (or an ASCII byte) equal to a character is that character, so the writers split and search it by its
/// bytes instead of by extended grapheme clusters, with the same result.
enum PlainScalars {
    /// Whether every scalar of `text` is one the writers' text is made of: Latin up to U+02FF (no CR),
    /// Greek (the statistics' χ, κ, α), Cyrillic letters (not its combining marks, U+0483–U+0489), general punctuation from U+2010 to
    /// U+2027 and from U+2030 to U+205E, currency signs, letterlike symbols, arrows and mathematical
    /// operators. None of these is `Extend`, `ZWJ`, `SpacingMark`, `Prepend`, `Regional_Indicator` or a
    /// Hangul jamo in Unicode's grapheme cluster rules (UAX #29), so no two of them form one character.
    static func hasOnlyPlainScalars(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x0D: false
            case 0x00...0x2FF, 0x370...0x3FF, 0x400...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20C0,
                0x2100...0x214F, 0x2190...0x22FF:
                true
            default: false
            }
        }
    }

    /// `text` cut at every two LFs in a row, from the left, empty pieces kept: Foundation's
    /// `text.components(separatedBy: "\n\n")`, found on the bytes when ``hasOnlyPlainScalars(_:)``.
    static func paragraphs(_ text: String) -> [String] {
        guard hasOnlyPlainScalars(text) else { return text.components(separatedBy: "\n\n") }
        var pieces: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == 0x0A, next < utf8.endIndex, utf8[next] == 0x0A {
                pieces.append(String(Substring(utf8[start..<index])))
                index = utf8.index(after: next)
                start = index
            } else {
                index = next
            }
        }
        pieces.append(String(Substring(utf8[start..<utf8.endIndex])))
        return pieces
    }
}

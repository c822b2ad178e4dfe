import Foundation
import Publication
import Testing

/// `ASCIIReplacement` replaces every occurrence of the byte, on texts of ASCII, line ends, combining marks,
/// Cyrillic, emoji with joiners and a prepended mark; where a mark follows the character it differs from
/// Foundation's `replacingOccurrences(of:with:)`, which left such a quote unescaped.
@Suite struct ASCIIReplacementTests {
    static let pieces = [
        "a", "Z", "7", " ", ",", "\"", "\\", "|", "\n", "\r", "\r\n", "\u{301}", "é", "e\u{301}", "ж", "Қ",
        "👨\u{200D}👩", "\u{200D}", "\u{600}", "\t",
    ]
    static let escapes: [(Unicode.Scalar, String)] = [("\"", "\"\""), ("\\", "\\\\"), ("\"", "\\\""), ("|", "\\|"), ("\n", " ")]

    /// The text's UTF-8 cut at every occurrence of the byte and joined again with the replacement's.
    static func reference(_ target: Unicode.Scalar, _ replacement: String, _ text: String) -> [UInt8] {
        Array(Array(text.utf8).split(separator: UInt8(target.value), omittingEmptySubsequences: false).joined(separator: Array(replacement.utf8)))
    }

    @Test func replacesEveryOccurrenceOfTheByte() {
        var generator = SystemRandomNumberGenerator()
        var differences: [String] = []
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            for (target, replacement) in Self.escapes {
                let found = ASCIIReplacement.replacing(target, with: replacement, in: text)
                if Array(found.utf8) != Self.reference(target, replacement, text) { differences.append(text.debugDescription) }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func replacesOnTheBytesAndLeavesTextsWithoutTheCharacter() {
        #expect(ASCIIReplacement.replacing("\"", with: "\"\"", in: "say \"yes\", Ж") == "say \"\"yes\"\", Ж")
        #expect(ASCIIReplacement.replacing("\n", with: " ", in: "one\ntwo\n") == "one two ")
        #expect(ASCIIReplacement.replacing("|", with: "\\|", in: "a|b") == "a\\|b")
        #expect(ASCIIReplacement.replacing("|", with: "\\|", in: "no bar, жж") == "no bar, жж")
        #expect(ASCIIReplacement.replacing("\\", with: "\\\\", in: "") == "")
    }

    /// A quote followed by a combining acute accent is one `Character`: Foundation's search does not find the
    /// quote in it, and a CSV field or an R string written through it kept the quote unescaped.
    @Test func escapesAQuoteThatAMarkFollows() {
        let text = "a\"\u{301}b"
        #expect(Array(ASCIIReplacement.replacing("\"", with: "\"\"", in: text).utf8) == [0x61, 0x22, 0x22, 0xCC, 0x81, 0x62])
        #expect(Array(text.replacingOccurrences(of: "\"", with: "\"\"").utf8) == [0x61, 0x22, 0xCC, 0x81, 0x62])
        #expect(Array(ASCIIReplacement.replacing("\n", with: " ", in: "a\r\nb").utf8) == Array("a\r b".utf8))
    }
}

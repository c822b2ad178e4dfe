import Foundation
import Publication
import Testing

/// `ASCIIReplacement` gives Foundation's `replacingOccurrences(of:with:)` of the writers' escapes on texts
/// of ASCII, line ends, combining marks, Cyrillic, emoji with joiners and a prepended mark.
@Suite struct ASCIIReplacementTests {
    static let pieces = [
        "a", "Z", "7", " ", ",", "\"", "\\", "|", "\n", "\r", "\r\n", "\u{301}", "é", "e\u{301}", "ж", "Қ",
        "👨\u{200D}👩", "\u{200D}", "\u{600}", "\t",
    ]
    static let escapes: [(Unicode.Scalar, String)] = [("\"", "\"\""), ("\\", "\\\\"), ("\"", "\\\""), ("|", "\\|"), ("\n", " ")]

    @Test func givesFoundationsReplacement() {
        var generator = SystemRandomNumberGenerator()
        var differences: [String] = []
        for _ in 0..<4_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            for (target, replacement) in Self.escapes {
                let expected = text.replacingOccurrences(of: String(target), with: replacement)
                let found = ASCIIReplacement.replacing(target, with: replacement, in: text)
                if Array(found.utf8) != Array(expected.utf8) { differences.append(text.debugDescription) }
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
}

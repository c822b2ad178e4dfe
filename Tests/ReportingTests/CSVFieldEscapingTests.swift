import Foundation
@testable import Reporting
import Testing

@Suite struct CSVFieldEscapingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=SUM(A1)", "'=SUM(A1)"), ("-- not sure", "'-- not sure"), ("+1", "'+1"), ("@x", "'@x"),
        ("=a,b", "\"'=a,b\""), ("Қазақ", "Қазақ"),
        // Negative numbers are numbers, not formulas: R and pandas must read them as such.
        ("-0.125", "-0.125"), ("-3", "-3"), ("-1.5e-05", "-1.5e-05"), ("-1e+300", "-1e+300"),
        ("-1-1", "'-1-1"), ("-.5", "'-.5"), ("-1e", "'-1e"), ("-", "'-"),
    ])
    func escapes(_ field: String, _ expected: String) {
        #expect(CSVFieldEscaping.escape(field) == expected)
    }

    /// A quote, comma or bar followed by a combining mark is one `Character` with the mark, and still a quote,
    /// comma or bar to a CSV reader or a Markdown table: quoted and escaped all the same (compared as bytes).
    @Test func charactersThatAMarkFollowsAreEscaped() {
        #expect(Array(CSVFieldEscaping.escape("a\"\u{301}b").utf8) == Array("\"a\"\"\u{301}b\"".utf8))
        #expect(Array(CSVFieldEscaping.escape("a,\u{301}b").utf8) == Array("\"a,\u{301}b\"".utf8))
        #expect(Array(ReportBlock.escaped("a|\u{301}").utf8) == Array("a\\|\u{301}".utf8))
    }

    /// Markdown table cells: `|` escaped, everything else as it is.
    @Test(arguments: [("plain", "plain"), ("a|b", "a\\|b"), ("||", "\\|\\|"), ("Қаз|ақ", "Қаз\\|ақ"), ("", ""), ("\\", "\\")])
    func markdownCells(_ text: String, _ expected: String) {
        #expect(ReportBlock.escaped(text) == expected)
    }

    /// The escapers' fast paths (text returned as it is) against the character-by-character rules on
    /// random text drawn from the characters that matter.
    @Test func fastPathsEqualTheRulesOnRandomText() {
        let alphabet: [Character] = [",", "\"", "\n", "\r", "\r\n", "=", "+", "-", "@", "\t", "&", "<", ">", "а", "Қ", "a", "1", ".", "e", " "]
        func csvReference(_ field: String) -> String {
            var text = field
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumberOnScalars(text) {
                text = "'" + text
            }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func htmlReference(_ text: String) -> String {
            text.map { character -> String in
                switch character {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                default: String(character)
                }
            }.joined()
        }
        var state: UInt64 = 3
        for _ in 0..<3000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 61) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            #expect(CSVFieldEscaping.escape(text) == csvReference(text), "\(text.debugDescription)")
            #expect(HTMLEscaping.escape(text) == htmlReference(text), "\(text.debugDescription)")
        }
    }

    /// A line written field by field (empty fields and plain numbers copied as they are) is every field
    /// escaped by the rule and joined, and the number check on bytes is the one on scalars: random fields of
    /// digits, signs, points, exponents, quotes, commas and letters (a Cyrillic letter, an Arabic-Indic digit).
    @Test func linesAndNumbersOnBytesEqualTheRules() {
        let alphabet: [String] = ["0", "1", "9", "-", "+", ".", "e", "E", ",", "\"", "\n", "=", "@", "а", "٣", " ", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let fields = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            }
            #expect(CSVFieldEscaping.line(fields) == fields.map(CSVFieldEscaping.escape).joined(separator: ",") + "\n")
            for field in fields {
                var copy = field
                let onBytes = copy.withUTF8(CSVFieldEscaping.isNumber)
                #expect(onBytes == isNumberOnScalars(field), "\(field.debugDescription)")
            }
        }
        for number in ["-0.125", "-1.5e-05", "0", "12", "-3E+2"] {
            var copy = number
            let onBytes = copy.withUTF8(CSVFieldEscaping.isNumber)
            #expect(onBytes)
        }
        for other in ["", "-", "1.", ".5", "1e", "+1", "1-", "٣"] {
            var copy = other
            let onBytes = copy.withUTF8(CSVFieldEscaping.isNumber)
            #expect(!onBytes)
        }
    }

    /// The number rule on Unicode scalars, as `CSVFieldEscaping.isNumber` was written before it checked bytes:
    /// the reference the byte check is compared with.
    private func isNumberOnScalars(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        guard digits() > 0 else { return false }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            guard digits() > 0 else { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}

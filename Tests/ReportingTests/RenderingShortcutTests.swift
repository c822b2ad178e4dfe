import Foundation
import Publication
@testable import Reporting
import StudyModel
import Testing

/// The report writers' shortcuts (CSV written as bytes, notes trimmed without Foundation's search when
/// their ends are letters, lines wrapped counting characters only near the margin, grid cells counted
/// once) give what the plain rules give.
@Suite struct RenderingShortcutTests {
    /// Random text of `count` strings drawn from characters that matter to the writers: separators,
    /// quotes, white space of several kinds, combining marks (one of them Cyrillic), letters.
    static func randomTexts(count: Int, seed: UInt64, maxLength: Int = 7) -> [String] {
        let alphabet: [String] = [
            ",", "\"", "\n", "\r", "\r\n", "=", "-", "\t", " ", "\u{A0}", "\u{2003}", "\u{85}", "\u{301}", "\u{483}",
            "а", "Қ", "ә", "a", "Z", "1", ".", "|",
        ]
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var text = ""
            for _ in 0..<Int(state >> 33) % (maxLength + 1) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            return text
        }
    }

    @Test func csvOfATable() {
        let table = TidyTable(header: ["table", "row", "n"], rows: [["t", "Қазақ тілі", "12"], ["t", "a,b", "-3"], ["t", "=x", ""]])
        #expect(CSVFieldEscaping.csv(table) == "table,row,n\nt,Қазақ тілі,12\nt,\"a,b\",-3\nt,'=x,\n")
        #expect(CSVFieldEscaping.line([]) == "\n")
        #expect(CSVFieldEscaping.line(["", "\"q\""]) == ",\"\"\"q\"\"\"\n")
    }

    @Test func csvLinesEqualTheFieldsEscapedAndJoined() {
        let fields = Self.randomTexts(count: 3000, seed: 11)
        for start in stride(from: 0, to: fields.count, by: 5) {
            let line = Array(fields[start..<min(start + 5, fields.count)])
            #expect(CSVFieldEscaping.line(line) == line.map(CSVFieldEscaping.escape).joined(separator: ",") + "\n", "\(line)")
        }
    }

    @Test(arguments: [
        ("Notes end with a full stop.", "Notes end with a full stop."), ("  padded \n", "padded"), ("Қазақша", "Қазақша"),
        ("\u{A0}non-breaking\u{2003}", "non-breaking"), ("\n12. Бала \t\r\n", "12. Бала"), (" \u{301}x", "\u{301}x"), ("", ""), (" ", ""), ("а\u{483}", "а\u{483}"),
    ])
    func trimmedNotes(_ text: String, _ expected: String) {
        #expect(ReportBlock.trimmed(text) == expected)
    }

    @Test func trimmedEqualsFoundationsTrimming() {
        for text in Self.randomTexts(count: 5000, seed: 7) {
            #expect(ReportBlock.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(HTMLEscaping.escape(text + "<&\">") == (text + "<&\">").map { character in
                ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"][character] ?? String(character)
            }.joined(), "\(text.debugDescription)")
        }
    }

    /// Lines break before the word that would take them past 100 characters; Cyrillic letters (two
    /// bytes) and a letter with a combining accent (two scalars, one character) count one each.
    @Test func summaryLinesWrapAtOneHundredCharacters() {
        let word = "сөз"  // 3 characters, 6 bytes
        let accented = "e\u{301}e\u{301}e\u{301}"  // 3 characters, 6 scalars
        // 24 words of 3 characters and their spaces: 95 characters; "abcd" makes 100, "abcde" 101.
        let first = Array(repeating: word, count: 12) + Array(repeating: accented, count: 12)
        let fits = SummaryWriter(paragraphs: [.plain("T"), .plain((first + ["abcd", "x"]).joined(separator: " "))], vocabulary: Vocabulary())
        #expect(fits.summary() == "T\n\n" + (first + ["abcd"]).joined(separator: " ") + "\nx\n")
        let over = SummaryWriter(paragraphs: [.plain("T"), .plain((first + ["abcde", "x"]).joined(separator: " "))], vocabulary: Vocabulary())
        #expect(over.summary() == "T\n\n" + first.joined(separator: " ") + "\nabcde x\n")
    }

    @Test func plainScalarsSplitAsCharactersDo() {
        let texts = Self.randomTexts(count: 4000, seed: 5, maxLength: 12)
            + Self.randomTexts(count: 2000, seed: 9, maxLength: 12).map { $0.replacingOccurrences(of: "\u{301}", with: "\n\n") }
        var plain = 0
        for text in texts {
            #expect(PlainScalars.paragraphs(text) == text.components(separatedBy: "\n\n"), "\(text.debugDescription)")
            guard PlainScalars.hasOnlyPlainScalars(text) else { continue }
            plain += 1
            #expect(text.unicodeScalars.count == text.count, "\(text.debugDescription)")
        }
        #expect(plain > 500)
        #expect(!PlainScalars.hasOnlyPlainScalars("e\u{301}") && !PlainScalars.hasOnlyPlainScalars("a\r\nb"))
        #expect(PlainScalars.hasOnlyPlainScalars("Қазақстан — 12,5 % ≤ №3, χ² κ α"))
    }

    /// A decimal comma between two digits, in plain text (read from its bytes) and in text with combining
    /// marks (read character by character): "1.\u{301}5" has no "." character between digits.
    @Test(arguments: [
        ("33.3% (n = 12.0)", "33,3% (n = 12,0)"), ("v1.2.3.", "v1,2,3."), ("end.", "end."), (".5", ".5"),
        ("1.\u{301}5 and 2.5", "1.\u{301}5 and 2,5"), ("Қ 7.25", "Қ 7,25"), ("no dot", "no dot"),
    ])
    func decimalCommas(_ text: String, _ expected: String) {
        #expect(Vocabulary(language: Language(rawValue: "ru")).decimals(text) == expected)
        #expect(Vocabulary(language: .en).decimals(text) == text)
    }

    /// Columns as wide as their widest cell in characters; the first left-aligned, the others right-aligned,
    /// two spaces apart, no trailing spaces; a group label centred over its columns.
    @Test func textGridLaysOutCyrillicCells() {
        var grid = TextGrid()
        grid.header = [["", "Қазақстан", ""], ["код", "n", "%"]]
        grid.rows = [["мектеп", "12", "40.0"], ["ата-ана", "3", ""]]
        let expected = """
                     Қазақстан
            код        n     %
            ------------------
            мектеп    12  40.0
            ата-ана    3

            """
        #expect(grid.rendered() == expected)
    }
}

import Foundation
@testable import Reporting
import Testing

/// The writers that append UTF-8 into one buffer (text grids, tables as text, Markdown and HTML, the
/// summary's wrapping of plain text) write what the `String`-joining versions they replaced wrote (kept
/// here as ``Reference``), on random tables and paragraphs.
@Suite struct ByteWritersTests {
    /// The writers as they were before they wrote into one buffer.
    enum Reference {
        /// ``TextGrid/rendered()`` before: each line a `String` (trailing spaces cut by ``TextGrid/trimmed(_:)``), joined.
        static func grid(_ grid: TextGrid) -> String {
            let layout = grid.layout()
            func line(_ row: [String], _ cellWidths: [Int]) -> String {
                var text = ""
                for index in 0..<layout.columnCount {
                    if index > 0 { text += "  " }
                    let (cell, count) = index < row.count ? (row[index], cellWidths[index]) : ("", 0)
                    let padding = String(repeating: " ", count: layout.widths[index] - count)
                    text += index == 0 ? cell + padding : padding + cell
                }
                return TextGrid.trimmed(text)
            }
            var lines = layout.spansByLine.map(layout.headerLine)
            if !grid.header.isEmpty { lines.append(String(repeating: "-", count: layout.width(of: 0..<layout.columnCount))) }
            lines += zip(grid.rows, layout.cellWidths).map(line)
            return lines.joined(separator: "\n") + "\n"
        }

        static func rendered(_ blocks: [ReportBlock], style: ReportBlock.Style) -> String {
            if style == .html { return renderHTML(blocks) }
            var out: [String] = []
            for block in blocks {
                switch (block, style) {
                case (.title(let id, let text), .text):
                    out.append("\(id): \(text)")
                case (.title(let id, let text), .markdown):
                    out.append("### \(ReportBlock.escaped(text))\n\n`\(id)`")
                case (.heading(let text), .text):
                    out.append("\n" + text + "\n" + String(repeating: "-", count: text.count))
                case (.heading(let text), .markdown):
                    out.append("\n#### \(ReportBlock.escaped(text))\n")
                case (.note(let text), _):
                    out.append(text)
                case (.grid(let header, let rows, let indents), .text):
                    var grid = TextGrid()
                    grid.header = header
                    grid.rows = zip(rows, indents + Array(repeating: 0, count: max(0, rows.count - indents.count))).map { row, indent in
                        [String(repeating: "  ", count: indent) + row[0]] + row.dropFirst()
                    }
                    out.append("\n" + Reference.grid(grid))
                case (.grid(let header, let rows, let indents), .markdown):
                    let columns = max(header.first?.count ?? 0, rows.first?.count ?? 0)
                    let top = header.count > 1
                        ? (0..<columns).map { column in header.map { $0[column] }.filter { !$0.isEmpty }.joined(separator: " ") }
                        : header.first ?? []
                    var lines = ["", "| " + top.map(ReportBlock.escaped).joined(separator: " | ") + " |"]
                    lines.append("|---|" + String(repeating: "---:|", count: max(0, columns - 1)))
                    for (index, row) in rows.enumerated() {
                        let indent = index < indents.count ? indents[index] : 0
                        let label = indent > 0 ? "  " + ReportBlock.escaped(row[0]) : "**\(ReportBlock.escaped(row[0]))**"
                        lines.append("| " + ([label] + row.dropFirst().map(ReportBlock.escaped)).joined(separator: " | ") + " |")
                    }
                    out.append(lines.joined(separator: "\n") + "\n")
                case (_, .html):
                    break
                }
            }
            return out.joined(separator: "\n") + "\n"
        }

        static func renderHTML(_ blocks: [ReportBlock]) -> String {
            var out = ""
            var caption: String?
            var open = false
            for block in blocks {
                switch block {
                case .title(let id, let text):
                    if open { out += "</section>\n" }
                    out += "<section class=\"table\" id=\"\(HTMLEscaping.escape(id))\">\n<h3>\(HTMLEscaping.escape(text))</h3>\n"
                        + "<p class=\"id\"><code>\(HTMLEscaping.escape(id))</code></p>\n"
                    caption = text
                    open = true
                case .heading(let text):
                    out += "<h4>\(HTMLEscaping.escape(text))</h4>\n"
                    caption = text
                case .note(let text):
                    let trimmed = ReportBlock.trimmed(text)
                    if !trimmed.isEmpty { out += "<p>\(HTMLEscaping.escape(trimmed))</p>\n" }
                case .grid(let header, let rows, let indents):
                    // Wide tables shrink when printed on A4, so that no column is cut off at the margin.
                    let columns = header.last?.count ?? rows.first?.count ?? 0
                    out += columns > 24 ? "<table class=\"wider\">\n" : columns > 12 ? "<table class=\"wide\">\n" : "<table>\n"
                    if let caption { out += "<caption>\(HTMLEscaping.escape(caption))</caption>\n" }
                    caption = nil
                    out += "<thead>\n"
                    for line in header {
                        out += "<tr>"
                        var index = 0
                        while index < line.count {
                            var span = 1
                            while index > 0, index + span < line.count, line[index + span].isEmpty { span += 1 }
                            let scope = span > 1 ? "colgroup" : "col"
                            out += "<th scope=\"\(scope)\"" + (span > 1 ? " colspan=\"\(span)\"" : "") + ">"
                                + HTMLEscaping.escape(line[index]) + "</th>"
                            index += span
                        }
                        out += "</tr>\n"
                    }
                    out += "</thead>\n<tbody>\n"
                    for (number, row) in rows.enumerated() {
                        let indent = number < indents.count ? indents[number] : 0
                        out += "<tr><th scope=\"row\"" + (indent > 0 ? " class=\"indent\"" : "") + ">"
                            + HTMLEscaping.escape(row.first ?? "") + "</th>"
                        out += row.dropFirst().map { "<td>\(HTMLEscaping.escape($0))</td>" }.joined() + "</tr>\n"
                    }
                    out += "</tbody>\n</table>\n"
                }
            }
            if open { out += "</section>\n" }
            return out
        }
    }

    static let alphabet = [
        ",", "\"", "\n", "\r\n", "\t", " ", " ", "  ", "\u{A0}", "\u{301}", "а", "Қ", "ә", "a", "Z", "1", ".", "|", "<", "&", ">",
        "χ", "…", "—", "²", "😀", "\u{600}",
    ]

    static func text(_ random: inout ByteWritersRandom, maxLength: Int) -> String {
        (0..<random.next(0...maxLength)).map { _ in alphabet[random.next(0...(alphabet.count - 1))] }.joined()
    }

    /// A random table's blocks: titles, headings, notes and grids whose header lines leave cells empty
    /// (column groups), with indented rows.
    static func blocks(_ random: inout ByteWritersRandom) -> [ReportBlock] {
        (0..<random.next(0...6)).map { _ -> ReportBlock in
            switch random.next(0...3) {
            case 0: return .title(id: text(&random, maxLength: 5), text: text(&random, maxLength: 12))
            case 1: return .heading(text(&random, maxLength: 10))
            case 2: return .note(text(&random, maxLength: 20))
            default:
                let columns = random.next(1...7)
                let header = (0..<random.next(0...3)).map { _ in
                    (0..<columns).map { _ in random.next(0...2) == 0 ? "" : text(&random, maxLength: 8) }
                }
                let rows = (0..<random.next(0...6)).map { _ in (0..<columns).map { _ in text(&random, maxLength: 9) } }
                let indents = (0..<random.next(0...rows.count)).map { _ in random.next(0...2) }
                return .grid(header: header, rows: rows, indents: indents)
            }
        }
    }

    @Test func tablesAreWrittenAsBeforeInEveryStyle() {
        var random = ByteWritersRandom(state: 4_242)
        for _ in 0..<1_500 {
            let blocks = Self.blocks(&random)
            for style in [ReportBlock.Style.text, .markdown, .html] {
                #expect(ReportBlock.rendered(blocks, style: style) == Reference.rendered(blocks, style: style), "\(blocks)")
            }
        }
    }

    /// Ragged rows and header lines too (a short row's missing cells are empty), and a cell ending in a
    /// prepended mark (U+0600, which joins the space after it) before the padding.
    @Test func gridsAreLaidOutAsBefore() {
        var random = ByteWritersRandom(state: 77)
        for _ in 0..<1_500 {
            let columns = random.next(0...6)
            var grid = TextGrid()
            grid.header = (0..<random.next(0...3)).map { _ in (0..<random.next(0...columns)).map { _ in Self.text(&random, maxLength: 9) } }
            grid.rows = (0..<random.next(0...5)).map { _ in (0..<random.next(0...columns)).map { _ in Self.text(&random, maxLength: 9) } }
            // A header over no column at all is no grid: its line of dashes would be -2 wide (a crash, before as now).
            if !grid.header.isEmpty, (grid.header + grid.rows).allSatisfy(\.isEmpty) { continue }
            #expect(grid.rendered() == Reference.grid(grid), "\(grid.header) \(grid.rows)")
        }
        var grid = TextGrid()
        grid.rows = [["a\u{600}", ""], ["bbbb", ""], ["  \u{600}", "1"]]
        #expect(grid.rendered() == Reference.grid(grid))
    }

    /// Notes that begin or end with a Greek letter or a punctuation mark of U+2010–U+2027 (χ², …) are
    /// trimmed without Foundation's search, to what Foundation's trimming gives.
    @Test func notesAreTrimmedAsFoundationTrimsThem() {
        var random = ByteWritersRandom(state: 99)
        for _ in 0..<5_000 {
            let text = Self.text(&random, maxLength: 8)
            #expect(ReportBlock.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
        #expect(ReportBlock.trimmed(" χ² = 3.2 …\n") == "χ² = 3.2 …")
        #expect(ReportBlock.trimmed("\u{2014}\u{A0}") == "\u{2014}")
    }

    /// Paragraphs of plain scalars (words of Latin, Cyrillic, Greek and punctuation, up to 40 characters
    /// long, runs of spaces) wrap on their bytes where they wrap by characters.
    @Test func plainParagraphsWrapAsByCharacters() {
        var random = ByteWritersRandom(state: 2_026)
        let letters = ["a", "Z", "1", ".", "а", "Қ", "ә", "χ", "…", "—", "(", "%"]
        var wrapped = 0
        for _ in 0..<2_000 {
            let paragraph = (0..<random.next(0...60)).map { _ in
                random.next(0...9) == 0 ? String(repeating: " ", count: random.next(0...3))
                    : (0..<random.next(1...(random.next(0...4) == 0 ? 40 : 9))).map { _ in letters[random.next(0...(letters.count - 1))] }.joined()
            }.joined(separator: " ")
            #expect(PlainScalars.hasOnlyPlainScalars(paragraph))
            let expected = SummaryWriter.wrappedByCharacters(paragraph)
            #expect(SummaryWriter.wrappedPlain(paragraph) == expected, "\(paragraph.debugDescription)")
            if expected.contains("\n") { wrapped += 1 }
        }
        #expect(wrapped > 500)
    }
}

/// A seeded generator with the draws these tests make.
struct ByteWritersRandom {
    var state: UInt64
    mutating func next(_ range: ClosedRange<Int>) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return range.lowerBound + Int((state >> 33) % UInt64(range.count))
    }
}

import Foundation
import Publication
/// A piece of a rendered table, independent of the output format: the renderers of each table kind
/// build blocks, and ``render(_:style:)`` turns them into plain text or Markdown.
enum ReportBlock {
    /// A table's title with its stable id.
    case title(id: String, text: String)
    /// A smaller heading inside a table (an instrument, an item).
    case heading(String)
    /// A sentence or two.
    case note(String)
    /// A grid: header lines and rows; the first column is the row label (indented by `indent`).
    case grid(header: [[String]], rows: [[String]], indents: [Int])

    enum Style { case text, markdown, html }

    /// - Parameter decimals: writes the numbers of notes and cells as the report's language does.
    static func render(_ blocks: [ReportBlock], style: Style, decimals: (String) -> String = { $0 }) -> String {
        rendered(localized(blocks, decimals: decimals), style: style)
    }

    /// The blocks with the numbers of their notes and cells (all but a row's label) written by `decimals`,
    /// as the report's language writes them.
    static func localized(_ blocks: [ReportBlock], decimals: (String) -> String) -> [ReportBlock] {
        blocks.map { block -> ReportBlock in
            switch block {
            case .note(let text): .note(decimals(text))
            case .grid(let header, let rows, let indents):
                .grid(header: header, rows: rows.map { [$0[0]] + $0.dropFirst().map(decimals) }, indents: indents)
            default: block
            }
        }
    }

    /// The blocks, their numbers already in the report's language (``localized(_:decimals:)``), in `style`.
    ///
    /// Text and Markdown: the blocks' parts, a line feed between two and after the last, written as UTF-8
    /// into one buffer.
    static func rendered(_ blocks: [ReportBlock], style: Style) -> String {
        if style == .html { return renderHTML(blocks) }
        var out: [UInt8] = []
        func add(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func add(text: String) { out.append(contentsOf: text.utf8) }
        var parts = 0
        /// Starts a part: a line feed after the one before.
        func part() {
            if parts > 0 { out.append(UInt8(ascii: "\n")) }
            parts += 1
        }
        for block in blocks {
            switch (block, style) {
            case (.title(let id, let text), .text):
                part()
                add(text: id)
                add(": ")
                add(text: text)
            case (.title(let id, let text), .markdown):
                part()
                add("### ")
                add(text: escaped(text))
                add("\n\n`")
                add(text: id)
                add("`")
            case (.heading(let text), .text):
                part()
                add("\n")
                add(text: text)
                add("\n")
                out.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: text.count))
            case (.heading(let text), .markdown):
                part()
                add("\n#### ")
                add(text: escaped(text))
                add("\n")
            case (.note(let text), _):
                part()
                add(text: text)
            case (.grid(let header, let rows, let indents), .text):
                var grid = TextGrid()
                grid.header = header
                grid.rows = zip(rows, indents + Array(repeating: 0, count: max(0, rows.count - indents.count))).map { row, indent in
                    [String(repeating: "  ", count: indent) + row[0]] + row.dropFirst()
                }
                part()
                add("\n")
                add(text: grid.rendered())
            case (.grid(let header, let rows, let indents), .markdown):
                let columns = max(header.first?.count ?? 0, rows.first?.count ?? 0)
                let top = header.count > 1
                    ? (0..<columns).map { column in header.map { $0[column] }.filter { !$0.isEmpty }.joined(separator: " ") }
                    : header.first ?? []
                // An empty line, the header, the alignment line and a line per row, each cell's `|` escaped.
                part()
                add("\n| ")
                for (index, cell) in top.enumerated() {
                    if index > 0 { add(" | ") }
                    add(text: escaped(cell))
                }
                add(" |\n|---|")
                for _ in 0..<max(0, columns - 1) { add("---:|") }
                for (index, row) in rows.enumerated() {
                    let indent = index < indents.count ? indents[index] : 0
                    if indent > 0 {
                        add("\n|   ")
                        add(text: escaped(row[0]))
                    } else {
                        add("\n| **")
                        add(text: escaped(row[0]))
                        add("**")
                    }
                    for cell in row.dropFirst() {
                        add(" | ")
                        add(text: escaped(cell))
                    }
                    add(" |")
                }
                add("\n")
            case (_, .html):
                break
            }
        }
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// HTML: a section per table, grids as tables with a caption (the table's title), header cells
    /// spanning their column groups, and row headers. Written as UTF-8 into one buffer: the cells are
    /// many and short, and a `String` appended to per piece cost more than the text.
    private static func renderHTML(_ blocks: [ReportBlock]) -> String {
        var out: [UInt8] = []
        func add(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func addEscaped(_ text: String) { out.append(contentsOf: HTMLEscaping.escape(text).utf8) }
        var caption: String?
        var open = false
        for block in blocks {
            switch block {
            case .title(let id, let text):
                if open { add("</section>\n") }
                add("<section class=\"table\" id=\"")
                addEscaped(id)
                add("\">\n<h3>")
                addEscaped(text)
                add("</h3>\n<p class=\"id\"><code>")
                addEscaped(id)
                add("</code></p>\n")
                caption = text
                open = true
            case .heading(let text):
                add("<h4>")
                addEscaped(text)
                add("</h4>\n")
                caption = text
            case .note(let text):
                let trimmed = trimmed(text)
                if !trimmed.isEmpty {
                    add("<p>")
                    addEscaped(trimmed)
                    add("</p>\n")
                }
            case .grid(let header, let rows, let indents):
                // Wide tables shrink when printed on A4, so that no column is cut off at the margin.
                let columns = header.last?.count ?? rows.first?.count ?? 0
                if columns > 24 { add("<table class=\"wider\">\n") } else if columns > 12 { add("<table class=\"wide\">\n") } else { add("<table>\n") }
                if let caption {
                    add("<caption>")
                    addEscaped(caption)
                    add("</caption>\n")
                }
                caption = nil
                add("<thead>\n")
                for line in header {
                    add("<tr>")
                    var index = 0
                    while index < line.count {
                        var span = 1
                        while index > 0, index + span < line.count, line[index + span].isEmpty { span += 1 }
                        if span > 1 {
                            add("<th scope=\"colgroup\" colspan=\"")
                            out.append(contentsOf: String(span).utf8)
                            add("\">")
                        } else {
                            add("<th scope=\"col\">")
                        }
                        addEscaped(line[index])
                        add("</th>")
                        index += span
                    }
                    add("</tr>\n")
                }
                add("</thead>\n<tbody>\n")
                for (number, row) in rows.enumerated() {
                    let indent = number < indents.count ? indents[number] : 0
                    add(indent > 0 ? "<tr><th scope=\"row\" class=\"indent\">" : "<tr><th scope=\"row\">")
                    addEscaped(row.first ?? "")
                    add("</th>")
                    for cell in row.dropFirst() {
                        add("<td>")
                        addEscaped(cell)
                        add("</td>")
                    }
                    add("</tr>\n")
                }
                add("</tbody>\n</table>\n")
            }
        }
        if open { add("</section>\n") }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` without white space and newlines at either end, as Foundation's `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it; without Foundation's search when, past ASCII spaces, tabs and
    /// line breaks at either end, it starts and ends with a printable ASCII character, a Greek or Cyrillic
    /// letter or a punctuation mark of U+2010–U+2027 (dashes, quotes, the ellipsis; a test's note begins
    /// with χ², many end with …): each of those ASCII blanks is a white-space character of its own there (a
    /// space joins only a combining mark after it, a line break nothing but CR LF), and a character that
    /// begins or ends with such a scalar (none is a combining mark or white space) is not white space,
    /// whether a character is judged by its first scalar or by all.
    static func trimmed(_ text: String) -> String {
        func isVisible(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x21...0x7E, 0x370...0x3FF, 0x400...0x482, 0x48A...0x4FF, 0x2010...0x2027: true
            default: false
            }
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        let inner = Substring(utf8[start..<end])
        if let first = inner.unicodeScalars.first, let last = inner.unicodeScalars.last, isVisible(first), isVisible(last) {
            return start == utf8.startIndex && end == utf8.endIndex ? text : String(inner)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A Markdown table cell's text with `|` escaped (most cells have none: they are returned as they are,
    /// without Foundation's search).
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "|")) else { return text }
        return ASCIIReplacement.replacing("|", with: "\\|", in: text)
    }
}

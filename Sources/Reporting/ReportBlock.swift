import Foundation
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
    static func rendered(_ blocks: [ReportBlock], style: Style) -> String {
        if style == .html { return renderHTML(blocks) }
        var out: [String] = []
        for block in blocks {
            switch (block, style) {
            case (.title(let id, let text), .text):
                out.append("\(id): \(text)")
            case (.title(let id, let text), .markdown):
                out.append("### \(escaped(text))\n\n`\(id)`")
            case (.heading(let text), .text):
                out.append("\n" + text + "\n" + String(repeating: "-", count: text.count))
            case (.heading(let text), .markdown):
                out.append("\n#### \(escaped(text))\n")
            case (.note(let text), _):
                out.append(text)
            case (.grid(let header, let rows, let indents), .text):
                var grid = TextGrid()
                grid.header = header
                grid.rows = zip(rows, indents + Array(repeating: 0, count: max(0, rows.count - indents.count))).map { row, indent in
                    [String(repeating: "  ", count: indent) + row[0]] + row.dropFirst()
                }
                out.append("\n" + grid.rendered())
            case (.grid(let header, let rows, let indents), .markdown):
                let columns = max(header.first?.count ?? 0, rows.first?.count ?? 0)
                let top = header.count > 1
                    ? (0..<columns).map { column in header.map { $0[column] }.filter { !$0.isEmpty }.joined(separator: " ") }
                    : header.first ?? []
                var lines = ["", "| " + top.map(escaped).joined(separator: " | ") + " |"]
                lines.append("|---|" + String(repeating: "---:|", count: max(0, columns - 1)))
                for (index, row) in rows.enumerated() {
                    let indent = index < indents.count ? indents[index] : 0
                    let label = indent > 0 ? "  " + escaped(row[0]) : "**\(escaped(row[0]))**"
                    lines.append("| " + ([label] + row.dropFirst().map(escaped)).joined(separator: " | ") + " |")
                }
                out.append(lines.joined(separator: "\n") + "\n")
            case (_, .html):
                break
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// HTML: a section per table, grids as tables with a caption (the table's title), header cells
    /// spanning their column groups, and row headers.
    private static func renderHTML(_ blocks: [ReportBlock]) -> String {
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
                let trimmed = trimmed(text)
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

    /// `text` without white space and newlines at either end, as Foundation's `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it; without Foundation's search when, past ASCII spaces, tabs and
    /// line breaks at either end, it starts and ends with a printable ASCII character or a Cyrillic letter:
    /// each of those ASCII blanks is a white-space character of its own there (a space joins only a
    /// combining mark after it, a line break nothing but CR LF), and a character that begins or ends with
    /// such a letter is not white space, whether a character is judged by its first scalar or by all.
    static func trimmed(_ text: String) -> String {
        func isVisible(_ scalar: Unicode.Scalar) -> Bool {
            (0x21...0x7E).contains(scalar.value) || (0x400...0x482).contains(scalar.value) || (0x48A...0x4FF).contains(scalar.value)
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
        return text.replacingOccurrences(of: "|", with: "\\|")
    }
}

/// A grid of text cells laid out in fixed-width columns: the first column left-aligned, the others
/// right-aligned, separated by two spaces. Widths count characters, so Cyrillic and Kazakh labels
/// line up in a monospaced font.
///
/// In a header line, a label followed by empty cells spans them (a column group over its `n`, `%` and
/// `seg` columns): it is centred over the span, which widens if the label needs it.
struct TextGrid {
    var header: [[String]] = []
    var rows: [[String]] = []

    /// The columns' widths and what they were found from, for the lines of ``rendered()``.
    struct Layout {
        let columnCount: Int
        /// Each column's width in characters.
        let widths: [Int]
        /// Each row's cells' widths in characters, counted once for the columns' widths and the padding.
        let cellWidths: [[Int]]
        /// Each header line's labels with the columns each covers.
        let spansByLine: [[(label: String, range: Range<Int>)]]

        /// The width of the columns of `range` with the two spaces between them.
        func width(of range: Range<Int>) -> Int { range.reduce(0) { $0 + widths[$1] } + 2 * (range.count - 1) }

        /// A header line: each label left-aligned over the first column, right-aligned over another
        /// one, centred over a span; no trailing spaces.
        func headerLine(_ spans: [(label: String, range: Range<Int>)]) -> String {
            var parts: [String] = []
            for span in spans {
                let total = width(of: span.range)
                let padding = total - span.label.count
                if span.range.lowerBound == 0 {
                    parts.append(span.label + String(repeating: " ", count: padding))
                } else if span.range.count == 1 {
                    parts.append(String(repeating: " ", count: padding) + span.label)
                } else {
                    let left = padding / 2
                    parts.append(String(repeating: " ", count: left) + span.label + String(repeating: " ", count: padding - left))
                }
            }
            return TextGrid.trimmed(parts.joined(separator: "  "))
        }
    }

    /// `text` without trailing spaces (cut where the last of them begins, at a character's start).
    static func trimmed(_ text: String) -> String {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: " ") {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end])
    }

    func layout() -> Layout {
        let columnCount = (header + rows).map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        let cellWidths = rows.map { $0.map(\.count) }
        for row in cellWidths {
            for (index, count) in row.enumerated() { widths[index] = max(widths[index], count) }
        }
        let spansByLine = header.map { spans(of: $0, columnCount: columnCount) }
        for spans in spansByLine {
            for span in spans where span.range.count == 1 {
                widths[span.range.lowerBound] = max(widths[span.range.lowerBound], span.label.count)
            }
        }
        for spans in spansByLine {
            for span in spans where span.range.count > 1 {
                let available = span.range.reduce(0) { $0 + widths[$1] } + 2 * (span.range.count - 1)
                if span.label.count > available { widths[span.range.lowerBound] += span.label.count - available }
            }
        }
        return Layout(columnCount: columnCount, widths: widths, cellWidths: cellWidths, spansByLine: spansByLine)
    }

    /// The header lines, a line of dashes under them (when there is a header) and the rows, each without
    /// trailing spaces and followed by a line feed (a lone line feed for a grid of nothing).
    ///
    /// The lines are written as UTF-8 into one buffer: a `String` per cell's padding and per line cost
    /// more than the text itself.
    func rendered() -> String {
        let layout = layout()
        var out: [UInt8] = []
        out.reserveCapacity((layout.width(of: 0..<layout.columnCount) + 1) * (rows.count + header.count + 1))
        func spaces(_ count: Int) {
            if count > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
        }
        for spans in layout.spansByLine {
            out.append(contentsOf: layout.headerLine(spans).utf8)
            out.append(UInt8(ascii: "\n"))
        }
        if !header.isEmpty {
            out.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: layout.width(of: 0..<layout.columnCount)))
            out.append(UInt8(ascii: "\n"))
        }
        for (row, cellWidths) in zip(rows, layout.cellWidths) {
            let start = out.count
            for index in 0..<layout.columnCount {
                if index > 0 { spaces(2) }
                let (cell, count) = index < row.count ? (row[index], cellWidths[index]) : ("", 0)
                if index == 0 {
                    out.append(contentsOf: cell.utf8)
                    spaces(layout.widths[index] - count)
                } else {
                    spaces(layout.widths[index] - count)
                    out.append(contentsOf: cell.utf8)
                }
            }
            var end = out.count
            while end > start, out[end - 1] == UInt8(ascii: " ") { end -= 1 }
            if end < out.count, end > start, out[end - 1] >= 0x80 {
                // Spaces after a character not ASCII (one that might join the space after it, a prepended
                // mark): cut as ``trimmed(_:)`` cuts the line's `String`.
                let line = TextGrid.trimmed(String(decoding: out[start...], as: UTF8.self))
                out.removeSubrange(start...)
                out.append(contentsOf: line.utf8)
            } else {
                out.removeSubrange(end...)
            }
            out.append(UInt8(ascii: "\n"))
        }
        if out.isEmpty { out.append(UInt8(ascii: "\n")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The header line's labels with the columns each covers.
    private func spans(of line: [String], columnCount: Int) -> [(label: String, range: Range<Int>)] {
        var spans: [(label: String, range: Range<Int>)] = []
        for index in 0..<columnCount {
            let cell = index < line.count ? line[index] : ""
            if index == 0 || !cell.isEmpty || spans.isEmpty {
                spans.append((cell, index..<(index + 1)))
            } else {
                let last = spans.removeLast()
                spans.append((last.label, last.range.lowerBound..<(index + 1)))
            }
        }
        return spans
    }
}

/// A grid of text cells laid out in fixed-width columns: the first column left-aligned, the others
/// right-aligned, separated by two spaces. Widths count characters, so Cyrillic and Kazakh labels
/// line up in a monospaced font.
///
/// In a header line, a label followed by empty cells spans them (a column group over its `n`, `%` and
/// `seg` columns): it is centred over the span, which widens if the label needs it.
struct TextGrid {
    var header: [[String]] = []
    var rows: [[String]] = []

    func rendered() -> String {
        let columnCount = (header + rows).map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        // Each cell's width in characters, counted once for the columns' widths and its padding.
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
        func width(of range: Range<Int>) -> Int { range.reduce(0) { $0 + widths[$1] } + 2 * (range.count - 1) }
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
            return trimmed(parts.joined(separator: "  "))
        }
        func line(_ row: [String], _ cellWidths: [Int]) -> String {
            var text = ""
            for index in 0..<columnCount {
                if index > 0 { text += "  " }
                let (cell, count) = index < row.count ? (row[index], cellWidths[index]) : ("", 0)
                let padding = String(repeating: " ", count: widths[index] - count)
                if index == 0 {
                    text += cell
                    text += padding
                } else {
                    text += padding
                    text += cell
                }
            }
            return trimmed(text)
        }
        var lines = spansByLine.map(headerLine)
        if !header.isEmpty { lines.append(String(repeating: "-", count: width(of: 0..<columnCount))) }
        lines += zip(rows, cellWidths).map(line)
        return lines.joined(separator: "\n") + "\n"
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

    /// `text` without trailing spaces.
    private func trimmed(_ text: String) -> String {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: " ") {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end])
    }
}

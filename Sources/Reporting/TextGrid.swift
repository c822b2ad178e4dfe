/// A grid of text cells laid out in fixed-width columns: the first column left-aligned, the others
/// right-aligned, separated by two spaces. Widths count characters, so Cyrillic and Kazakh labels
/// line up in a monospaced font.
struct TextGrid {
    var header: [[String]] = []
    var rows: [[String]] = []

    func rendered() -> String {
        let all = header + rows
        let columnCount = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columnCount {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(index == 0 ? cell + padding : padding + cell)
            }
            return String(parts.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        var lines = header.map(line)
        if !header.isEmpty {
            lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, columnCount - 1)))
        }
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }
}

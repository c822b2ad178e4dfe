import Analysis
import Foundation
import Statistics

/// Inline SVG charts for the HTML report: grouped horizontal bars of percentages with their 95%
/// intervals, a heat map, and agreement bars. Coordinates are printed with one decimal, so the same
/// results give the same bytes.
enum SVGChart {
    /// One bar: a percentage with its interval, or a hidden (suppressed) or empty value.
    struct Bar {
        var percent: Double?
        var lower: Double?
        var upper: Double?
        var suppressed: Bool

        init(_ cell: TableCell) {
            suppressed = cell.suppressed
            percent = cell.suppressed || cell.base == 0 ? nil : Double(cell.participants) * 100 / Double(cell.base)
            lower = cell.interval.map { $0.lower * 100 }
            upper = cell.interval.map { $0.upper * 100 }
        }
    }

    static let palette = ["#1b6ca8", "#e07b39", "#5a9e4b", "#b0457a", "#7a5cb8", "#8c6d31"]

    private static func f(_ x: Double) -> String { NumberFormat.fixed(x, 1) }
    private static func text(_ s: String) -> String { HTMLEscaping.escape(s) }

    /// Grouped horizontal bars: one group per category, one bar per series, whiskers for the 95% interval.
    static func groupedBars(
        title: String, categories: [String], series: [String], bars: [[Bar]], axisLabel: String,
        decimals: (String) -> String = { $0 }
    ) -> String {
        let labelWidth = 330.0, plotWidth = 520.0, barHeight = 11.0, gap = 9.0
        let groupHeight = Double(series.count) * barHeight + gap
        let legendHeight = 22.0, top = 30.0 + legendHeight
        let height = top + Double(categories.count) * groupHeight + 36
        let width = labelWidth + plotWidth + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n"
        var legendX = 10.0
        for (index, name) in series.enumerated() {
            let x = legendX
            legendX += 30 + 6.5 * Double(name.count)
            svg += "<rect x=\"\(f(x))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
                + "<text x=\"\(f(x + 17))\" y=\"18\" class=\"legend\">\(text(name))</text>\n"
        }
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = labelWidth + plotWidth * Double(tick) / 100
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 30))\" class=\"grid\"/>"
                + "<text x=\"\(f(x))\" y=\"\(f(height - 16))\" class=\"tick\" text-anchor=\"middle\">\(tick)%</text>\n"
        }
        svg += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(height - 2))\" class=\"tick\" text-anchor=\"middle\">\(text(axisLabel))</text>\n"
        for (row, category) in categories.enumerated() {
            let y0 = top + Double(row) * groupHeight
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y0 + groupHeight / 2))\" class=\"label\" text-anchor=\"end\">\(text(category))</text>\n"
            for (index, bar) in bars[row].enumerated() {
                let y = y0 + Double(index) * barHeight
                if bar.suppressed {
                    svg += "<text x=\"\(f(labelWidth + 4))\" y=\"\(f(y + barHeight - 2))\" class=\"hidden\">*</text>\n"
                    continue
                }
                guard let percent = bar.percent else { continue }
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y))\" width=\"\(f(plotWidth * percent / 100))\" height=\"\(f(barHeight - 2))\" "
                    + "fill=\"\(palette[index % palette.count])\"><title>\(text(series[index])): \(decimals(f(percent)))%</title></rect>"
                if let lower = bar.lower, let upper = bar.upper {
                    let yMid = y + (barHeight - 2) / 2
                    svg += "<line x1=\"\(f(labelWidth + plotWidth * lower / 100))\" y1=\"\(f(yMid))\" "
                        + "x2=\"\(f(labelWidth + plotWidth * upper / 100))\" y2=\"\(f(yMid))\" class=\"whisker\"/>"
                }
                svg += "\n"
            }
        }
        return svg + "</svg>"
    }

    /// A heat map of percentages: rows × columns, darker for higher; hidden cells grey with "*".
    static func heatMap(
        title: String, rows: [String], columns: [String], bars: [[Bar]], decimals: (String) -> String = { $0 }
    ) -> String {
        let labelWidth = 330.0, cellWidth = 58.0, cellHeight = 20.0, headerHeight = 120.0
        // Room on the right for the last column's slanted label.
        let width = labelWidth + Double(columns.count) * cellWidth + 110
        let height = headerHeight + Double(rows.count) * cellHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n"
        for (index, column) in columns.enumerated() {
            let x = labelWidth + Double(index) * cellWidth + cellWidth / 2
            svg += "<text transform=\"translate(\(f(x)),\(f(headerHeight - 6))) rotate(-50)\" class=\"label\">\(text(column))</text>\n"
        }
        for (row, label) in rows.enumerated() {
            let y = headerHeight + Double(row) * cellHeight
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + cellHeight - 6))\" class=\"label\" text-anchor=\"end\">\(text(label))</text>\n"
            for (index, bar) in bars[row].enumerated() {
                let x = labelWidth + Double(index) * cellWidth
                let (fill, value): (String, String) = if bar.suppressed {
                    ("#c8c8c8", "*")
                } else if let percent = bar.percent {
                    (shade(percent), decimals(f(percent)))
                } else {
                    ("#f2f2f2", "—")
                }
                let ink = (bar.percent ?? 0) > 55 ? "#ffffff" : "#1a1a1a"
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellWidth - 2))\" height=\"\(f(cellHeight - 2))\" fill=\"\(fill)\"/>"
                    + "<text x=\"\(f(x + cellWidth / 2 - 1))\" y=\"\(f(y + cellHeight - 6))\" text-anchor=\"middle\" class=\"cell\" fill=\"\(ink)\">\(value)</text>\n"
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars of a statistic between 0 and 1 (κ), a dashed line at the threshold, flagged bars red.
    static func agreementBars(
        title: String, labels: [String], values: [Double?], flagged: [Bool], threshold: Double,
        decimals: (String) -> String = { $0 }
    ) -> String {
        let labelWidth = 330.0, plotWidth = 420.0, rowHeight = 16.0, top = 20.0
        let height = top + Double(labels.count) * rowHeight + 36
        let width = labelWidth + plotWidth + 60
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = labelWidth + plotWidth * tick
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 30))\" class=\"grid\"/>"
                + "<text x=\"\(f(x))\" y=\"\(f(height - 16))\" class=\"tick\" text-anchor=\"middle\">\(decimals(NumberFormat.fixed(tick, 2)))</text>\n"
        }
        let thresholdX = labelWidth + plotWidth * threshold
        svg += "<line x1=\"\(f(thresholdX))\" y1=\"\(f(top - 8))\" x2=\"\(f(thresholdX))\" y2=\"\(f(height - 30))\" class=\"threshold\"/>\n"
        for (row, label) in labels.enumerated() {
            let y = top + Double(row) * rowHeight
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight - 5))\" class=\"label\" text-anchor=\"end\">\(text(label))</text>"
            if let value = values[row] {
                let clipped = min(1, max(0, value))
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 2))\" width=\"\(f(plotWidth * clipped))\" height=\"\(f(rowHeight - 5))\" "
                    + "fill=\"\(flagged[row] ? "#c0392b" : palette[0])\"><title>κ = \(decimals(NumberFormat.fixed(value, 3)))</title></rect>"
            } else {
                svg += "<text x=\"\(f(labelWidth + 4))\" y=\"\(f(y + rowHeight - 5))\" class=\"hidden\">not observed</text>"
            }
            svg += "\n"
        }
        return svg + "</svg>"
    }

    /// A blue of the given intensity: white at 0%, #08306b at 100%.
    private static func shade(_ percent: Double) -> String {
        let t = min(1, max(0, percent / 100))
        let (r, g, b) = (255 + (8 - 255) * t, 255 + (48 - 255) * t, 255 + (107 - 255) * t)
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }
}

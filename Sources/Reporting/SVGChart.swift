import Analysis
import Foundation
import Publication

/// Inline SVG charts for the HTML report: grouped horizontal bars of percentages with their 95%
/// intervals, a heat map, and agreement bars. Coordinates are printed with one decimal, so the same
/// results give the same bytes.
enum SVGChart {
    typealias Bar = ChartFigure.Bar

    /// The SVG of a figure of the published document, in the vocabulary's language.
    static func draw(_ figure: ChartFigure, vocabulary: Vocabulary) -> String {
        let say = TextFormatter(vocabulary: vocabulary)
        let title = say(figure.title)
        switch figure.drawing {
        case .groupedBars(let categories, let series, let bars, let axisLabel, let headings):
            return groupedBars(
                title: title, categories: categories.map(say.callAsFunction), series: series.map(say.callAsFunction), bars: bars,
                axisLabel: say(axisLabel), headings: headings, decimals: vocabulary.decimals)
        case .heatMap(let rows, let columns, let bars, let legend):
            return heatMap(
                title: title, rows: rows.map(say.callAsFunction), columns: columns.map(say.callAsFunction), bars: bars,
                legend: say(legend), decimals: vocabulary.decimals)
        case .indexMatrix(let rows, let columns, let cells, let legend):
            // An index from 0 to 1, drawn on the heat map's scale; two decimals in the cells.
            return heatMap(
                title: title, rows: rows.map(say.callAsFunction), columns: columns.map(say.callAsFunction), bars: cells,
                legend: say(legend), decimals: vocabulary.decimals,
                tick: { vocabulary.decimals(NumberFormat.fixed(Double($0) / 100, 2)) },
                value: { vocabulary.decimals(NumberFormat.fixed($0 / 100, 2)) })
        case .agreementBars(let labels, let values, let flagged, let threshold, let missing, let headings):
            return agreementBars(
                title: title, labels: labels.map(say.callAsFunction), values: values, flagged: flagged, threshold: threshold,
                missing: missing.map(say.callAsFunction), headings: headings.mapValues(say.callAsFunction), decimals: vocabulary.decimals)
        }
    }

    /// The chart's own styles, so that an SVG file opened alone (a notebook's chart) looks as in the report.
    static let style = "<style>.label, .legend { font: 11px \"DejaVu Sans\", Arial, sans-serif; fill: #1a1a1a; } "
        + ".tick, .cell, .hidden { font: 10px \"DejaVu Sans\", Arial, sans-serif; } .tick { fill: #555; } .hidden { fill: #777; } "
        + ".heading { font: bold 12px \"DejaVu Sans\", Arial, sans-serif; fill: #1a1a1a; } .grid { stroke: #e3e3e3; stroke-width: 1; } "
        + ".whisker { stroke: #1a1a1a; stroke-width: 1.2; } .threshold { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 4 3; }</style>\n"

    static let palette = ["#1b6ca8", "#e07b39", "#5a9e4b", "#b0457a", "#7a5cb8", "#8c6d31"]

    private static func f(_ x: Double) -> String { NumberFormat.fixed(x, 1) }
    private static func text(_ s: String) -> String { HTMLEscaping.escape(s) }

    /// The end of a percentage axis that holds every value and interval: 25, 50, 75 or 100%, with its
    /// tick step.
    static func axisEnd(_ bars: [[Bar]]) -> (end: Double, step: Int) {
        let largest = bars.joined().compactMap { $0.upper ?? $0.percent }.max() ?? 0
        let end = [25.0, 50, 75, 100].first { largest <= $0 } ?? 100
        return (end, end <= 50 ? 5 : end <= 75 ? 15 : 25)
    }

    /// Grouped horizontal bars: one group per category, one bar per series, whiskers for the 95% interval;
    /// categories marked as headings (a factor category) stand as a bold line over the rows that follow.
    /// The axis ends at the smallest of 25, 50, 75 and 100% that holds every interval.
    static func groupedBars(
        title: String, categories: [String], series: [String], bars: [[Bar]], axisLabel: String,
        headings: [Bool] = [], decimals: (String) -> String = { $0 }
    ) -> String {
        let labelWidth = 330.0, plotWidth = 520.0, barHeight = 11.0, gap = 9.0, headingHeight = 18.0
        let groupHeight = Double(series.count) * barHeight + gap
        let isHeading = categories.indices.map { $0 < headings.count && headings[$0] }
        let legendHeight = 22.0, top = 30.0 + legendHeight
        let (axis, step) = axisEnd(bars)
        let rowsHeight = isHeading.reduce(0.0) { $0 + ($1 ? headingHeight : groupHeight) }
        let height = top + rowsHeight + 36
        let width = labelWidth + plotWidth + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n" + style
        var legendX = 10.0
        for (index, name) in series.enumerated() {
            let x = legendX
            legendX += 30 + 6.5 * Double(name.count)
            svg += "<rect x=\"\(f(x))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
                + "<text x=\"\(f(x + 17))\" y=\"18\" class=\"legend\">\(text(name))</text>\n"
        }
        for tick in stride(from: 0, through: Int(axis), by: step) {
            let x = labelWidth + plotWidth * Double(tick) / axis
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 30))\" class=\"grid\"/>"
                + "<text x=\"\(f(x))\" y=\"\(f(height - 16))\" class=\"tick\" text-anchor=\"middle\">\(tick)%</text>\n"
        }
        svg += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(height - 2))\" class=\"tick\" text-anchor=\"middle\">\(text(axisLabel))</text>\n"
        var y0 = top
        for (row, category) in categories.enumerated() {
            defer { y0 += isHeading[row] ? headingHeight : groupHeight }
            if isHeading[row] {
                svg += "<text x=\"10\" y=\"\(f(y0 + headingHeight - 5))\" class=\"heading\">\(text(category))</text>\n"
                continue
            }
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y0 + groupHeight / 2))\" class=\"label\" text-anchor=\"end\">\(text(category))</text>\n"
            for (index, bar) in bars[row].enumerated() {
                let y = y0 + Double(index) * barHeight
                if bar.suppressed {
                    svg += "<text x=\"\(f(labelWidth + 4))\" y=\"\(f(y + barHeight - 2))\" class=\"hidden\">*</text>\n"
                    continue
                }
                guard let percent = bar.percent else { continue }
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y))\" width=\"\(f(plotWidth * percent / axis))\" height=\"\(f(barHeight - 2))\" "
                    + "fill=\"\(palette[index % palette.count])\"><title>\(text(series[index])): \(decimals(f(percent)))%</title></rect>"
                if let lower = bar.lower, let upper = bar.upper {
                    let yMid = y + (barHeight - 2) / 2
                    svg += "<line x1=\"\(f(labelWidth + plotWidth * lower / axis))\" y1=\"\(f(yMid))\" "
                        + "x2=\"\(f(labelWidth + plotWidth * upper / axis))\" y2=\"\(f(yMid))\" class=\"whisker\"/>"
                }
                svg += "\n"
            }
        }
        return svg + "</svg>"
    }

    /// A heat map of percentages: rows × columns, darker for higher; hidden cells grey with "*".
    static func heatMap(
        title: String, rows: [String], columns: [String], bars: [[Bar]], legend: String = "",
        decimals: (String) -> String = { $0 }, tick: ((Int) -> String)? = nil, value: ((Double) -> String)? = nil
    ) -> String {
        // Room on the left for the longest row label (about 6.2 px a character at 11 px).
        let labelWidth = max(330.0, Double(rows.map(\.count).max() ?? 0) * 6.2 + 16), cellWidth = 58.0, cellHeight = 20.0
        // Slanted column labels at 50°: room above for the longest, and on the right for the last.
        let longest = Double(columns.map(\.count).max() ?? 0) * 6.4
        let headerHeight = max(120, longest * 0.77 + 16)
        let legendWidth = 180.0, legendHeight = 46.0
        let width = labelWidth + Double(columns.count) * cellWidth + max(110, longest * 0.64 + 20)
        let height = legendHeight + headerHeight + Double(rows.count) * cellHeight + 10
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n" + style
        // The colour scale: 0% to 100%, with the grey of a hidden cell beside it.
        svg += "<defs><linearGradient id=\"heat-scale\"><stop offset=\"0\" stop-color=\"\(shade(0))\"/>"
            + "<stop offset=\"1\" stop-color=\"\(shade(100))\"/></linearGradient></defs>\n"
        svg += "<text x=\"\(f(labelWidth))\" y=\"12\" class=\"legend\">\(text(legend))</text>\n"
            + "<rect x=\"\(f(labelWidth))\" y=\"18\" width=\"\(f(legendWidth))\" height=\"10\" fill=\"url(#heat-scale)\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
        for tickValue in stride(from: 0, through: 100, by: 25) {
            svg += "<text x=\"\(f(labelWidth + legendWidth * Double(tickValue) / 100))\" y=\"40\" class=\"tick\" text-anchor=\"middle\">\(tick.map { $0(tickValue) } ?? "\(tickValue)%")</text>"
        }
        svg += "<rect x=\"\(f(labelWidth + legendWidth + 20))\" y=\"18\" width=\"10\" height=\"10\" fill=\"#c8c8c8\"/>"
            + "<text x=\"\(f(labelWidth + legendWidth + 34))\" y=\"27\" class=\"tick\">*</text>"
            + "<rect x=\"\(f(labelWidth + legendWidth + 50))\" y=\"18\" width=\"10\" height=\"10\" fill=\"#f2f2f2\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            + "<text x=\"\(f(labelWidth + legendWidth + 64))\" y=\"27\" class=\"tick\">—</text>\n"
        for (index, column) in columns.enumerated() {
            let x = labelWidth + Double(index) * cellWidth + cellWidth / 2
            svg += "<text transform=\"translate(\(f(x)),\(f(legendHeight + headerHeight - 6))) rotate(-50)\" class=\"label\">\(text(column))</text>\n"
        }
        for (row, label) in rows.enumerated() {
            let y = legendHeight + headerHeight + Double(row) * cellHeight
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + cellHeight - 6))\" class=\"label\" text-anchor=\"end\">\(text(label))</text>\n"
            svg += heatMapCells(bars[row], y: y, left: labelWidth, width: cellWidth, height: cellHeight, decimals: decimals, value: value)
        }
        return svg + "</svg>"
    }

    /// A row of the heat map's cells at `y`, from `left`: each a rectangle and its value (a percentage, `*`
    /// hidden, `—` none), written as UTF-8 into one buffer (a `String` interpolated and appended per cell
    /// cost more than its text).
    static func heatMapCells(
        _ bars: [Bar], y: Double, left: Double, width: Double, height: Double, decimals: (String) -> String,
        value: ((Double) -> String)?
    ) -> String {
        var out: [UInt8] = []
        func add(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func add(text: String) { out.append(contentsOf: text.utf8) }
        let (top, rectWidth, rectHeight, textY) = (f(y), f(width - 2), f(height - 2), f(y + height - 6))
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * width
            let (fill, shown): (String, String) = if bar.suppressed {
                ("#c8c8c8", "*")
            } else if let percent = bar.percent {
                (shade(percent), value.map { $0(percent) } ?? decimals(f(percent)))
            } else {
                ("#f2f2f2", "—")
            }
            add("<rect x=\"")
            add(text: f(x))
            add("\" y=\"")
            add(text: top)
            add("\" width=\"")
            add(text: rectWidth)
            add("\" height=\"")
            add(text: rectHeight)
            add("\" fill=\"")
            add(text: fill)
            add("\"/><text x=\"")
            add(text: f(x + width / 2 - 1))
            add("\" y=\"")
            add(text: textY)
            add("\" text-anchor=\"middle\" class=\"cell\" fill=\"")
            add((bar.percent ?? 0) > 55 ? "#ffffff" : "#1a1a1a")
            add("\">")
            add(text: shown)
            add("</text>\n")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Horizontal bars of a statistic between 0 and 1 (κ), a dashed line at the threshold, flagged bars red.
    static func agreementBars(
        title: String, labels: [String], values: [Double?], flagged: [Bool], threshold: Double,
        missing: [String] = [], headings: [Int: String] = [:], decimals: (String) -> String = { $0 }
    ) -> String {
        // `headings[row]` stands as a bold line over that row (a code category).
        let labelWidth = 330.0, plotWidth = 420.0, rowHeight = 16.0, top = 20.0, headingHeight = 20.0
        let height = top + Double(labels.count) * rowHeight + Double(headings.count) * headingHeight + 36
        let width = labelWidth + plotWidth + 60
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(text(title))\" "
            + "viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">\n"
        svg += "<title>\(text(title))</title>\n" + style
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let x = labelWidth + plotWidth * tick
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 4))\" x2=\"\(f(x))\" y2=\"\(f(height - 30))\" class=\"grid\"/>"
                + "<text x=\"\(f(x))\" y=\"\(f(height - 16))\" class=\"tick\" text-anchor=\"middle\">\(decimals(NumberFormat.fixed(tick, 2)))</text>\n"
        }
        let thresholdX = labelWidth + plotWidth * threshold
        svg += "<line x1=\"\(f(thresholdX))\" y1=\"\(f(top - 8))\" x2=\"\(f(thresholdX))\" y2=\"\(f(height - 30))\" class=\"threshold\"/>\n"
        var y = top
        for (row, label) in labels.enumerated() {
            if let heading = headings[row] {
                svg += "<text x=\"10\" y=\"\(f(y + headingHeight - 5))\" class=\"heading\">\(text(heading))</text>\n"
                y += headingHeight
            }
            defer { y += rowHeight }
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + rowHeight - 5))\" class=\"label\" text-anchor=\"end\">\(text(label))</text>"
            if let value = values[row] {
                let clipped = min(1, max(0, value))
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 2))\" width=\"\(f(plotWidth * clipped))\" height=\"\(f(rowHeight - 5))\" "
                    + "fill=\"\(flagged[row] ? "#c0392b" : palette[0])\"><title>κ = \(decimals(NumberFormat.fixed(value, 3)))</title></rect>"
            } else {
                svg += "<text x=\"\(f(labelWidth + 4))\" y=\"\(f(y + rowHeight - 5))\" class=\"hidden\">\(text(row < missing.count ? missing[row] : "—"))</text>"
            }
            svg += "\n"
        }
        return svg + "</svg>"
    }

    /// A blue of the given intensity: white at 0%, #08306b at 100%.
    static func shade(_ percent: Double) -> String {
        let t = min(1, max(0, percent / 100))
        let (r, g, b) = (255 + (8 - 255) * t, 255 + (48 - 255) * t, 255 + (107 - 255) * t)
        return "#" + hexByte[Int(r.rounded())] + hexByte[Int(g.rounded())] + hexByte[Int(b.rounded())]
    }

    /// `String(format: "%02x", byte)` for every byte, computed once.
    private static let hexByte: [String] = (0..<256).map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[byte >> 4], digits[byte & 15]])
    }
}

import Foundation
import Publication
import StudyModel
import Testing

@testable import Reporting

@Suite struct SVGShadeTests {
    /// The heat map's shades, from a table of hex bytes, equal the `String(format:)` text of the same colour.
    @Test func shadesEqualFormattedHex() {
        for step in -10...1010 {
            let percent = Double(step) / 10
            let t = min(1, max(0, percent / 100))
            let (r, g, b) = (255 + (8 - 255) * t, 255 + (48 - 255) * t, 255 + (107 - 255) * t)
            let expected = String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
            #expect(SVGChart.shade(percent) == expected)
        }
        #expect(SVGChart.shade(0) == "#ffffff" && SVGChart.shade(100) == "#08306b")
    }

    /// A heat map row's cells as they were written before, a `String` interpolated per cell.
    static func referenceCells(
        _ bars: [SVGChart.Bar], y: Double, left: Double, width: Double, height: Double, decimals: (String) -> String,
        value: ((Double) -> String)?
    ) -> String {
        func f(_ x: Double) -> String { NumberFormat.fixed(x, 1) }
        var svg = ""
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * width
            let (fill, value): (String, String) = if bar.suppressed {
                ("#c8c8c8", "*")
            } else if let percent = bar.percent {
                (SVGChart.shade(percent), value.map { $0(percent) } ?? decimals(f(percent)))
            } else {
                ("#f2f2f2", "—")
            }
            let ink = (bar.percent ?? 0) > 55 ? "#ffffff" : "#1a1a1a"
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width - 2))\" height=\"\(f(height - 2))\" fill=\"\(fill)\"/>"
                + "<text x=\"\(f(x + width / 2 - 1))\" y=\"\(f(y + height - 6))\" text-anchor=\"middle\" class=\"cell\" fill=\"\(ink)\">\(value)</text>\n"
        }
        return svg
    }

    /// The cells written as bytes are the cells written as interpolated strings: random rows of shown,
    /// hidden and empty cells, percentages of every size, with the decimal comma and an index's own values.
    @Test func heatMapCellsAreWrittenAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let comma = Vocabulary(language: Language(rawValue: "ru"))
        let index: (Double) -> String = { comma.decimals(NumberFormat.fixed($0 / 100, 2)) }
        let specials: [Double?] = [0, 55, 55.05, 100, nil]
        for round in 0..<3_000 {
            let bars = (0..<Int.random(in: 0...12, using: &generator)).map { _ -> SVGChart.Bar in
                var percent: Double? = specials.randomElement(using: &generator)!
                if Bool.random(using: &generator) { percent = Double.random(in: -5...105, using: &generator) }
                return SVGChart.Bar(percent: percent, suppressed: Int.random(in: 0..<5, using: &generator) == 0)
            }
            let y = Double(Int.random(in: 0...4000, using: &generator)) / 2 + 0.05
            let left = [330.0, 412.4, 331.85].randomElement(using: &generator)!
            var decimals: (String) -> String = { $0 }
            if round % 2 == 1 { decimals = { comma.decimals($0) } }
            let value: ((Double) -> String)? = round % 3 == 0 ? index : nil
            #expect(
                SVGChart.heatMapCells(bars, y: y, left: left, width: 58, height: 20, decimals: decimals, value: value)
                    == Self.referenceCells(bars, y: y, left: left, width: 58, height: 20, decimals: decimals, value: value))
        }
    }
}

import Foundation
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
}

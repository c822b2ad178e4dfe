import Foundation
import Statistics
import Testing

@testable import Publication

/// `NumberFormat` prints through `vsnprintf`: the text must be `String(format:)`'s, byte for byte.
@Suite struct NumberFormatTests {
    /// The reference: the formatting the reports used before, with "-0.00" written "0.00".
    func reference(_ x: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", x)
        return text == "-" + String(format: "%.\(decimals)f", 0.0) ? String(format: "%.\(decimals)f", 0.0) : text
    }

    @Test func fixedEqualsStringFormatOnManyValues() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 0.045, -0.001, -0.004999, -0.005,
                                1e-12, -1e-12, 123456789.125, 1e15, -1e15, 1e40, .pi, -.pi, .ulpOfOne, .leastNonzeroMagnitude]
        var state: UInt64 = 7
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(Int64(bitPattern: state) >> 11) / Double(1 << 40)
            let scale = [1e-4, 1e-2, 1, 1e2, 1e5][Int(state >> 60) % 5]
            values.append(mantissa * scale)
            values.append((mantissa * 1000).rounded() / 1000 + 0.0005)  // near rounding ties
        }
        for x in values {
            for decimals in [0, 1, 2, 3, 4] {
                #expect(NumberFormat.fixed(x, decimals) == reference(x, decimals), "\(x) with \(decimals) decimals")
            }
            #expect(NumberFormat.p(abs(x)) == (abs(x) < 0.0001 ? "< 0.0001" : String(format: "%.4f", abs(x))))
        }
    }

    /// The digits computed from the double product (``NumberFormat/roundedAwayFromTies(_:_:negativeZero:)``)
    /// against C's `%.*f` on values of every magnitude, values on and next to ties (k + ½ over 10^d, and
    /// one ulp either side), and negative values that round to zero; and the product path must answer for
    /// most of them (it is the fast path, not a path never taken).
    @Test func digitsFromTheProductEqualCsPrintf() {
        var generator = SeededGenerator(seed: 2_026_1203)
        var answered = 0
        var tried = 0
        for index in 0..<200_000 {
            let decimals = generator.uniform(below: 7)
            var x: Double
            switch index % 4 {
            case 0: x = Double(bitPattern: generator.next() >> 2 | 0x3C00_0000_0000_0000)  // 2^-63 to 2^64
            case 1: x = Double(generator.uniform(below: 2_000_000)) / 1_000 - 1_000
            case 2:
                let tie = (Double(generator.uniform(below: 100_000)) + 0.5) / [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000][decimals]
                x = [tie, tie.nextUp, tie.nextDown][generator.uniform(below: 3)]
            default: x = -Double(generator.uniform(below: 1_000)) * 1e-7
            }
            if generator.uniform(below: 2) == 0 { x = -x }
            for negativeZero in [true, false] {
                tried += 1
                let reference = String(format: "%.\(decimals)f", x)
                let expected = !negativeZero && reference.allSatisfy({ "-0.".contains($0) }) && reference.hasPrefix("-")
                    ? String(reference.dropFirst()) : reference
                if let fast = NumberFormat.roundedAwayFromTies(x, decimals, negativeZero: negativeZero) {
                    answered += 1
                    #expect(fast == expected, "\(x) with \(decimals) decimals")
                }
                #expect(NumberFormat.printed(x, decimals, negativeZero: negativeZero) == expected, "\(x) with \(decimals) decimals")
            }
        }
        #expect(answered > tried / 2)
    }

    @Test func nonFiniteAndMissingValuesAreADash() {
        #expect(NumberFormat.fixed(nil) == "—")
        #expect(NumberFormat.fixed(.nan) == "—")
        #expect(NumberFormat.fixed(-.infinity) == "—")
        #expect(NumberFormat.p(.nan) == "—")
        #expect(NumberFormat.fixed(-0.004) == "0.00")
        #expect(NumberFormat.fixed(-0.005, 2) == reference(-0.005, 2))
        #expect(NumberFormat.fixed(1e40, 2) == String(format: "%.2f", 1e40))  // longer than the buffer
    }
}

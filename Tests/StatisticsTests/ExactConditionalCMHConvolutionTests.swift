@testable import Statistics
import Testing

/// ``ExactConditionalCMHTest/convolution(m:n:t:)`` against the plain convolution it replaced (arrays
/// indexed element by element): the same numbers, bit for bit, on random strata.
@Suite struct ExactConditionalCMHConvolutionTests {
    /// The plain convolution of the strata's hypergeometric densities (R's `d2x2xk`), normalised.
    static func plainConvolution(m: [Int], n: [Int], t: [Int]) -> [Double] {
        var current = [1.0]
        for k in m.indices {
            let y = max(0, t[k] - n[k]), z = min(m[k], t[k])
            var next = Array(repeating: 0.0, count: current.count + z - y)
            for j in 0...(z - y) {
                let u = Distribution.hypergeometricDensity(
                    Double(j + y), white: Double(m[k]), black: Double(n[k]), draws: Double(t[k]))
                for w in current.indices { next[w + j] += current[w] * u }
            }
            current = next
        }
        let total = current.reduce(0, +)
        return current.map { $0 / total }
    }

    @Test func matchesThePlainConvolutionBitForBit() {
        var generator = SeededGenerator(seed: 20_261_203)
        for _ in 0..<300 {
            let strata = Int.random(in: 1...12, using: &generator)
            // Repeated margins included: strata of an interview study often share them.
            let sizes = [Int](repeating: 0, count: strata).map { _ in Int.random(in: 1...60, using: &generator) }
            Self.expectThePlainConvolution(sizes: sizes, using: &generator)
        }
    }

    /// Strata of `sizes` with random margins: the convolution equals the plain one bit for bit.
    static func expectThePlainConvolution(sizes: [Int], using generator: inout SeededGenerator) {
        let m = sizes.map { Int.random(in: 0...$0, using: &generator) }
        let n = zip(sizes, m).map { $0 - $1 }
        let t = sizes.map { Int.random(in: 0...$0, using: &generator) }
        let fast = ExactConditionalCMHTest.convolution(m: m, n: n, t: t)
        let plain = Self.plainConvolution(m: m, n: n, t: t)
        #expect(fast.map(\.bitPattern) == plain.map(\.bitPattern), "m \(m) n \(n) t \(t)")
    }

    /// Large strata, whose hypergeometric tails underflow to 0 (terms the convolution skips).
    @Test func matchesThePlainConvolutionWhereTailsUnderflow() {
        var generator = SeededGenerator(seed: 6_000)
        for _ in 0..<4 {
            let sizes = [Int.random(in: 1_500...3_000, using: &generator), Int.random(in: 1_500...3_000, using: &generator)]
            let m = sizes.map { Int.random(in: ($0 / 3)...($0 * 2 / 3), using: &generator) }
            let n = zip(sizes, m).map { $0 - $1 }
            let t = sizes.map { Int.random(in: ($0 / 3)...($0 * 2 / 3), using: &generator) }
            let fast = ExactConditionalCMHTest.convolution(m: m, n: n, t: t)
            let plain = Self.plainConvolution(m: m, n: n, t: t)
            #expect(plain.contains(0), "m \(m) n \(n) t \(t): no density underflowed")
            #expect(fast.map(\.bitPattern) == plain.map(\.bitPattern), "m \(m) n \(n) t \(t)")
        }
    }

    /// Strata as large as those of the M benchmark study (hundreds to a few thousand participants).
    @Test func matchesThePlainConvolutionOnLargeStrata() {
        var generator = SeededGenerator(seed: 20_261_205)
        for _ in 0..<3 {
            let sizes = (0..<Int.random(in: 3...6, using: &generator)).map { _ in Int.random(in: 100...1_500, using: &generator) }
            Self.expectThePlainConvolution(sizes: sizes, using: &generator)
        }
    }
}

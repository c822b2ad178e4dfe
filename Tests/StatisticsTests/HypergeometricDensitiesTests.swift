@testable import Statistics
import Testing

/// ``Distribution/hypergeometricDensities(white:black:draws:)`` (dhyper's denominator computed once per
/// distribution) against R's `dhyper` called for each value of the support: the same numbers, bit for bit.
@Suite struct HypergeometricDensitiesTests {
    static func oneByOne(white m: Int, black n: Int, draws k: Int) -> [Double] {
        (max(0, k - n)...min(m, k)).map {
            Distribution.hypergeometricDensity(Double($0), white: Double(m), black: Double(n), draws: Double(k))
        }
    }

    @Test func matchesDhyperBitForBit() {
        var generator = SeededGenerator(seed: 20_261_204)
        for index in 0..<600 {
            // Small, medium and large margins (a stratum of an interview study reaches thousands).
            let scale = [10, 200, 6_000][index % 3]
            let m = Int.random(in: 0...scale, using: &generator)
            let n = Int.random(in: 0...scale, using: &generator)
            let k = Int.random(in: 0...(m + n), using: &generator)
            let densities = Distribution.hypergeometricDensities(white: m, black: n, draws: k)
            let expected = Self.oneByOne(white: m, black: n, draws: k)
            #expect(densities.map(\.bitPattern) == expected.map(\.bitPattern), "m \(m) n \(n) k \(k)")
        }
    }

    @Test func coversTheEdgesOfTheSupport() {
        for (m, n, k) in [(0, 0, 0), (5, 0, 0), (0, 5, 0), (5, 0, 5), (0, 5, 5), (3, 4, 7), (1, 1, 1), (7, 3, 0), (1_000, 1, 1_001)] {
            let densities = Distribution.hypergeometricDensities(white: m, black: n, draws: k)
            #expect(densities.map(\.bitPattern) == Self.oneByOne(white: m, black: n, draws: k).map(\.bitPattern), "m \(m) n \(n) k \(k)")
        }
        let twoOfFour = Distribution.hypergeometricDensities(white: 2, black: 2, draws: 2)
        #expect(zip(twoOfFour, [1.0 / 6, 4.0 / 6, 1.0 / 6]).allSatisfy { abs($0 - $1) < 1e-15 })
    }
}

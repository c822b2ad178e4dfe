import Foundation
@testable import Statistics
import Testing

/// The multiplier step of the network's Lagrangian bound: the bisection against the threshold m* gives
/// the plain bisection's `Double` bit for bit.
@Suite struct LagrangianMultiplierTests {
    @Test func solveEqualsThePlainBisectionOnRandomLines() {
        var generator = SeededGenerator(seed: 29)
        var thresholds = 0
        let cases = 20_000
        for index in 0..<cases {
            let count = generator.uniform(in: 1...9)
            let scale = [3, 40, 600, 9_000][index % 4]
            let otherTotals = (0..<count).map { _ in generator.uniform(in: 1...scale) }
            let lineTotal = generator.uniform(in: 1...max(1, otherTotals.reduce(0, +)))
            // Multipliers as the network has them: totals, totals over n, and what bisection leaves.
            let others = (0..<count).map { j -> Double in
                switch index % 3 {
                case 0: Double(otherTotals[j])
                case 1: Double(otherTotals[j]) / Double(otherTotals.reduce(0, +))
                default: exp(8 * generator.double() - 4) * (1 + generator.double())
                }
            }
            others.withUnsafeBufferPointer { others in
                otherTotals.withUnsafeBufferPointer { otherTotals in
                    let plain = LagrangianMultiplier.plain(lineTotal, others: others, otherTotals: otherTotals)
                    var fast = 0.0
                    withUnsafeMutablePointer(to: &fast) { fast in
                        [lineTotal].withUnsafeBufferPointer { lineTotals in
                            LagrangianMultiplier.solve(
                                lineTotals: lineTotals, into: UnsafeMutableBufferPointer(start: fast, count: 1), others: others,
                                otherTotals: otherTotals)
                        }
                    }
                    #expect(fast.bitPattern == plain.bitPattern, "\(lineTotal) \(Array(others)) \(Array(otherTotals))")
                    if LagrangianMultiplier.threshold(lineTotal, others: others, otherTotals: otherTotals) != nil {
                        thresholds += 1
                    }
                }
            }
        }
        // The threshold is found nearly always (else the plain bisection runs, with the same result).
        #expect(thresholds > cases * 9 / 10)
    }

    @Test func linesSolvedSideBySideEqualThePlainBisection() {
        var generator = SeededGenerator(seed: 31)
        for index in 0..<3_000 {
            let count = generator.uniform(in: 1...8)
            let otherTotals = (0..<count).map { _ in generator.uniform(in: 1...[5, 80, 2_000][index % 3]) }
            let others = (0..<count).map { _ in exp(6 * generator.double() - 3) }
            let lineTotals = (0..<generator.uniform(in: 1...8)).map { _ in generator.uniform(in: 1...otherTotals.reduce(0, +)) }
            var multipliers = Array(repeating: 0.0, count: lineTotals.count)
            others.withUnsafeBufferPointer { others in
                otherTotals.withUnsafeBufferPointer { otherTotals in
                    lineTotals.withUnsafeBufferPointer { lineTotals in
                        multipliers.withUnsafeMutableBufferPointer { multipliers in
                            LagrangianMultiplier.solve(lineTotals: lineTotals, into: multipliers, others: others, otherTotals: otherTotals)
                        }
                    }
                    for (line, total) in lineTotals.enumerated() {
                        let plain = LagrangianMultiplier.plain(total, others: others, otherTotals: otherTotals)
                        #expect(multipliers[line].bitPattern == plain.bitPattern, "\(total) \(Array(others)) \(Array(otherTotals))")
                    }
                }
            }
        }
    }
}

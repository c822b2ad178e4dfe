import CRmath
@testable import Statistics
import Testing

/// The Monte Carlo Fisher test's sampler against R's C code, on tables of M's shape (2 × 8, n = 20,000:
/// the rows the network gives up on): the p-values of whole tests (10,000 draws each) equal those of
/// the same loop drawing from libRmath's `rhyper`, and H2PE's squeeze bounds equal R's expression,
/// division by dg included. Part of ``HypergeometricSamplerTests``, which is serialized: libRmath's
/// generator is one global.
extension HypergeometricSamplerTests {
    /// A 2 × 8 table of n = 20,000 like M's row tables: four groups per country of 4,000, 2,000, 1,500
    /// and 2,500 give or take a few hundred, a row share of 7% to 90% in each, give or take 25 (about a
    /// binomial standard deviation, so that the p-values are spread over (0, 1]).
    static func mShapedTable(_ generator: inout SeededGenerator) -> [[Int]] {
        var bases = [4_000, 2_000, 1_500, 2_500, 4_000, 2_000, 1_500].map { $0 + generator.uniform(in: -300...300) }
        bases.append(20_000 - bases.reduce(0, +))
        let share = generator.uniform(in: 7...90)
        let row = bases.map { base in base * share / 100 + generator.uniform(in: -25...25) }
        return [row, zip(bases, row).map { $0 - $1 }]
    }

    /// The Monte Carlo p-value of `table` (two rows, no empty margin) as `FisherExactTest` defines it,
    /// with every hypergeometric draw from libRmath's `rhyper` after `set_seed` of the test's seed.
    static func pValueFromRsDraws(_ table: [[Int]]) -> Double {
        let contingency = ContingencyTable(table)
        let (rowTotals, columnTotals) = (contingency.rowTotals, contingency.columnTotals)
        let logFactorials = LogFactorials(upTo: contingency.total)
        let constant = rowTotals.reduce(0) { $0 + logFactorials[$1] } + columnTotals.reduce(0) { $0 + logFactorials[$1] }
            - logFactorials[contingency.total]
        let observed = constant - table.joined().reduce(0) { $0 + logFactorials[$1] }
        let threshold = observed + FisherExactTest.logTolerance(contingency)
        let seed = FisherExactTest.monteCarloSeed
        set_seed(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32) | 1)
        var atMost = 0
        let last = columnTotals.count - 1
        for _ in 0..<FisherExactTest.monteCarloDraws {
            var remaining = columnTotals
            var logDenominator = 0.0
            var left = rowTotals[0]
            var slotsAfter = remaining.reduce(0, +)
            for column in 0..<last {
                slotsAfter -= remaining[column]
                let x = left == 0 ? 0 : Int(rhyper(Double(remaining[column]), Double(slotsAfter), Double(left)))
                remaining[column] -= x
                left -= x
                logDenominator += logFactorials[x]
            }
            remaining[last] -= left
            logDenominator += logFactorials[left]
            for column in 0...last { logDenominator += logFactorials[remaining[column]] }
            if constant - logDenominator <= threshold { atMost += 1 }
        }
        return Double(1 + atMost) / Double(FisherExactTest.monteCarloDraws + 1)
    }

    /// Ten tables of M's shape: each goes to Monte Carlo, and its p-value is the one R's draws give, bit
    /// for bit (most of them between 0.01 and 1, where a draw taken differently would move the count).
    @Test func monteCarloPValuesOfMsShapeAreThoseOfRsDraws() {
        var generator = SeededGenerator(seed: 7_027)
        var spread = 0
        for _ in 0..<10 {
            let table = Self.mShapedTable(&generator)
            guard let test = FisherExactTest(uncached: ContingencyTable(table)) else {
                Issue.record("no test of \(table)")
                continue
            }
            guard case .monteCarlo = test.method else {
                Issue.record("\(table) was not estimated by Monte Carlo")
                continue
            }
            #expect(test.p.bitPattern == Self.pValueFromRsDraws(table).bitPattern, "\(table)")
            if test.p > 0.01 { spread += 1 }
        }
        #expect(spread >= 5, "only \(spread) p-values above 0.01")
    }

    /// First rows of M-shaped tables drawn 300 times each under six seeds, draw for draw against C.
    @Test func mShapedTablesGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_028)
        var branches: [Branch: Int] = [:]
        for _ in 0..<6 {
            let table = Self.mShapedTable(&generator)
            var comparison = Comparison(seed: generator.next(), largestUrn: 20_000)
            Self.drawFirstRows(
                of: zip(table[0], table[1]).map { $0 + $1 }, first: table[0].reduce(0, +), times: 300, &comparison)
            #expect(comparison.mismatches == 0)
            branches.merge(comparison.branches, uniquingKeysWith: +)
        }
        #expect(branches[.h2peSqueeze, default: 0] >= 5_000, "\(branches)")
    }

    /// The squeeze bounds of random setups (mode at 100 or more, every regime of ``triple(_:)``) bracket
    /// Stirling's value S of each proposal with more than ``HypergeometricH2PE/stirlingBand`` to spare on
    /// both sides, at the support's ends, around the mode and at random: what lets the draw decide by S
    /// alone beyond the band and still give R's verdict (the draws themselves are compared with C above).
    @Test func squeezeBoundsBracketStirlingBeyondTheBand() {
        var generator = SeededGenerator(seed: 7_030)
        let band = HypergeometricH2PE.stirlingBand
        #expect(band > 0)
        var setups = 0
        var (closestAbove, closestBelow) = (Double.infinity, Double.infinity)
        while setups < 3_000 {
            let (white, black, draws) = Self.triple(&generator)
            let setup = HypergeometricSetup(white: white, black: black, draws: draws, logFactorials: Self.computed)
            guard case .h2pe = setup.method, setup.m >= 100 else { continue }
            setups += 1
            let lowest = max(51, setup.lowest)
            for index in 0..<60 {
                let ix = index < 6
                    ? [lowest, setup.highest, setup.m, setup.m + 1, setup.m - 1, min(setup.highest, lowest + 1)][index]
                    : generator.uniform(in: lowest...setup.highest)
                let bounds = setup.h2pe.squeezeBounds(ix)
                let stirling = setup.h2pe.logDensityRatio(ix, logFactorials: Self.computed)
                closestAbove = min(closestAbove, bounds.upper - stirling)
                closestBelow = min(closestBelow, stirling - bounds.lower)
            }
        }
        #expect(closestAbove > band && closestBelow > band, "upper − S ≥ \(closestAbove), S − lower ≥ \(closestBelow)")
    }

    /// H2PE's squeeze bounds of random setups (mode at 100 or more) and proposals across their range,
    /// against R's expression written out as `rhyper.c` has it (dividing by dg = 1 when g ≥ 0): the same
    /// bits, with g < 0 and g ≥ 0 both met many times.
    @Test func squeezeBoundsAreRsExpression() {
        var generator = SeededGenerator(seed: 7_029)
        var (negative, nonNegative) = (0, 0)
        var setups = 0
        while setups < 2_000 {
            let (white, black, draws) = Self.triple(&generator)
            let setup = HypergeometricSetup(white: white, black: black, draws: draws, logFactorials: Self.computed)
            guard case .h2pe = setup.method, setup.m >= 100 else { continue }
            setups += 1
            for index in 0..<40 {
                let ix = index < 4
                    ? [setup.lowest, setup.highest, setup.m, min(setup.highest, setup.m + 1)][index]
                    : generator.uniform(in: setup.lowest...setup.highest)
                let (upper, lower, g) = Self.rSqueeze(ix, n1: setup.n1, n2: setup.n2, k: setup.k, m: setup.m)
                let bounds = setup.h2pe.squeezeBounds(ix)
                #expect(bounds.upper.bitPattern == upper.bitPattern && bounds.lower.bitPattern == lower.bitPattern)
                if g < 0 { negative += 1 } else { nonNegative += 1 }
            }
        }
        #expect(negative >= 10_000 && nonNegative >= 10_000, "g < 0: \(negative), g ≥ 0: \(nonNegative)")
    }

    /// R 4.2.2 `rhyper.c`'s squeeze, statement for statement: the upper and lower bounds, and g.
    static func rSqueeze(_ ix: Int, n1: Int, n2: Int, k: Int, m: Int) -> (upper: Double, lower: Double, g: Double) {
        let (deltal, deltau) = (0.0078, 0.0034)
        let y = Double(ix)
        let y1 = y + 1.0
        let ym = y - Double(m)
        let yn = Double(n1) - y + 1.0
        let yk = Double(k) - y + 1.0
        let nk = Double(n2 - k) + y1
        let r = -ym / y1
        let s = ym / yn
        let t = ym / yk
        let e = -ym / nk
        let g = yn * yk / (y1 * nk) - 1.0
        var dg = 1.0
        if g < 0 { dg = 1.0 + g }
        let gu = g * (1.0 + g * (-0.5 + g / 3.0))
        let gl = gu - 0.25 * (g * g * g * g) / dg
        let xm = Double(m) + 0.5
        let xn = Double(n1 - m) + 0.5
        let xk = Double(k - m) + 0.5
        let nm = Double(n2 - k) + xm
        let ub = y * gu - Double(m) * gl + deltau + xm * r * (1.0 + r * (-0.5 + r / 3.0))
            + xn * s * (1.0 + s * (-0.5 + s / 3.0)) + xk * t * (1.0 + t * (-0.5 + t / 3.0))
            + nm * e * (1.0 + e * (-0.5 + e / 3.0))
        var dr = xm * (r * r * r * r)
        if r < 0.0 { dr /= (1.0 + r) }
        var ds = xn * (s * s * s * s)
        if s < 0.0 { ds /= (1.0 + s) }
        var dt = xk * (t * t * t * t)
        if t < 0.0 { dt /= (1.0 + t) }
        var de = nm * (e * e * e * e)
        if e < 0.0 { de /= (1.0 + e) }
        return (ub, ub - 0.25 * (dr + ds + dt + de) + (y + Double(m)) * (gl - gu) - deltal, g)
    }
}

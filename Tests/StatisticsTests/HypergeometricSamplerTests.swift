import CRmath
@testable import Statistics
import Testing

/// The Swift port of R's `rhyper` and multiply-with-carry generator against libRmath's C functions
/// themselves (`set_seed`, `rhyper`, `get_seed`): the same integers and the same generator state after
/// every call, on random parameters of every branch (degenerate, inversion, H2PE with explicit and
/// squeezed acceptance; white and black swapped; more than half drawn; zeros). Serialized: libRmath's
/// generator is one global.
@Suite(.serialized) struct HypergeometricSamplerTests {
    /// Which of R's branches a triple takes.
    enum Branch: Hashable { case degenerate, inversion, h2peExplicit, h2peSqueeze }

    /// R's log-factorial approximations, none looked up in a table.
    static let computed = ApproximateLogFactorials(upTo: -1)

    static func branch(white: Int, black: Int, draws: Int) -> Branch {
        let setup = HypergeometricSetup(white: white, black: black, draws: draws, logFactorials: computed)
        switch setup.method {
        case .degenerate: return .degenerate
        case .inversion: return .inversion
        case .h2pe: return setup.m < 100 ? .h2peExplicit : .h2peSqueeze
        }
    }

    /// A random triple from one of several regimes: tiny and large urns, one colour rare, draws near the
    /// urn's size or its half, zeros, and the shapes of the Monte Carlo test's column draws.
    static func triple(_ generator: inout SeededGenerator) -> (white: Int, black: Int, draws: Int) {
        let regime = generator.uniform(below: 8)
        var white: Int
        var black: Int
        switch regime {
        case 0: (white, black) = (generator.uniform(in: 0...12), generator.uniform(in: 0...12))
        case 1: (white, black) = (generator.uniform(in: 0...300), generator.uniform(in: 0...300))
        case 2: (white, black) = (generator.uniform(in: 0...6_000), generator.uniform(in: 0...6_000))
        case 3: (white, black) = (generator.uniform(in: 100...300_000), generator.uniform(in: 100...300_000))
        case 4: (white, black) = (generator.uniform(in: 0...8), generator.uniform(in: 0...200_000))
        case 5: (white, black) = (generator.uniform(in: 500...20_000), generator.uniform(in: 0...60_000))
        case 6: (white, black) = (generator.uniform(in: 0...1), generator.uniform(in: 0...3))
        default: (white, black) = (generator.uniform(in: 0...2_000_000), generator.uniform(in: 0...2_000_000))
        }
        if generator.chance(0.5) { swap(&white, &black) }
        let total = white + black
        let draws: Int
        switch generator.uniform(below: 6) {
        case 0: draws = [0, total, total / 2, min(total, total / 2 + 1), max(0, total / 2 - 1)][generator.uniform(below: 5)]
        case 1: draws = total - generator.uniform(in: 0...min(total, 20))
        case 2: draws = generator.uniform(in: 0...min(total, 20))
        default: draws = generator.uniform(in: 0...total)
        }
        return (white, black, draws)
    }

    /// One stream drawn from C and from the port side by side.
    struct Comparison {
        let seed: UInt64
        var sampler: HypergeometricSampler
        var branches: [Branch: Int] = [:]
        var mismatches = 0
        var calls = 0

        /// `largestUrn`: R's log-factorial approximations up to it looked up, the larger computed.
        init(seed: UInt64, largestUrn: Int) {
            self.seed = seed
            sampler = HypergeometricSampler(seed: seed, largestUrn: largestUrn)
            set_seed(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32) | 1)
        }

        /// C's `rhyper` and the port's draw, expected equal, and the generators' states after it; C's value.
        mutating func draw(white: Int, black: Int, draws: Int) -> Int {
            let expected = rhyper(Double(white), Double(black), Double(draws))
            let actual = sampler.hypergeometric(white: white, black: black, draws: draws)
            var first: UInt32 = 0
            var second: UInt32 = 0
            get_seed(&first, &second)
            if Double(actual) != expected || sampler.uniforms != MulticarryGenerator(first: first, second: second) {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("seed \(seed), call \(calls): rhyper(\(white), \(black), \(draws)) = \(expected), port \(actual)")
                }
                // Continue from C's state, so that one difference is reported once.
                sampler = HypergeometricSampler(uniforms: MulticarryGenerator(first: first, second: second), largestUrn: -1)
            }
            branches[branch(white: white, black: black, draws: draws), default: 0] += 1
            calls += 1
            return Int(expected)
        }
    }

    @Test func logFactorialsLookedUpAreTheComputedOnes() {
        let table = ApproximateLogFactorials(upTo: 2_000)
        for i in -3...2_100 {
            #expect(table(i).bitPattern == ApproximateLogFactorials.compute(i).bitPattern)
        }
        #expect(Self.computed(-1) == -1 && Self.computed(7) == 8.52516136106541430016553103634712)
    }

    @Test func uniformsAreUnifRand() {
        var generator = SeededGenerator(seed: 7_001)
        for _ in 0..<200 {
            let (first, second) = (UInt32(truncatingIfNeeded: generator.next()), UInt32(truncatingIfNeeded: generator.next()))
            var port = MulticarryGenerator(first: first, second: second)
            set_seed(first, second)
            for _ in 0..<500 {
                #expect(port.uniform() == unif_rand())
            }
            var (c1, c2): (UInt32, UInt32) = (0, 0)
            get_seed(&c1, &c2)
            #expect(port == MulticarryGenerator(first: c1, second: c2))
        }
    }

    /// 200,000 calls, new parameters at every call, from eight seeds; R's log-factorial approximations
    /// computed, looked up (up to 400,000: the larger urns computed) or both.
    @Test func changingParametersGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_002)
        var branches: [Branch: Int] = [:]
        for index in 0..<8 {
            let seed = generator.next()
            var comparison = Comparison(seed: seed, largestUrn: [-1, 400_000][index % 2])
            for _ in 0..<25_000 {
                let (white, black, draws) = Self.triple(&generator)
                _ = comparison.draw(white: white, black: black, draws: draws)
            }
            #expect(comparison.mismatches == 0)
            branches.merge(comparison.branches, uniquingKeysWith: +)
        }
        for branch in [Branch.degenerate, .inversion, .h2peExplicit, .h2peSqueeze] {
            #expect(branches[branch, default: 0] >= 10_000, "\(branch): \(branches[branch, default: 0])")
        }
    }

    /// The same parameters many times in a row (R's setup kept between calls), then pairs alternating
    /// with the same urn and other draws (R's partial setup), and with white and black swapped.
    @Test func repeatedParametersGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_003)
        var branches: [Branch: Int] = [:]
        for _ in 0..<300 {
            let seed = generator.next()
            let first = Self.triple(&generator)
            let otherDraws = generator.uniform(in: 0...(first.white + first.black))
            let runs: [(white: Int, black: Int, draws: Int)] = [
                first, first, (first.white, first.black, otherDraws), (first.black, first.white, first.draws),
            ]
            var comparison = Comparison(seed: seed, largestUrn: generator.chance(0.5) ? -1 : 400_000)
            for call in 0..<400 {
                let (white, black, draws) = call < 200 ? first : runs[call % 4]
                _ = comparison.draw(white: white, black: black, draws: draws)
            }
            #expect(comparison.mismatches == 0)
            branches.merge(comparison.branches, uniquingKeysWith: +)
        }
        for branch in [Branch.degenerate, .inversion, .h2peExplicit, .h2peSqueeze] {
            #expect(branches[branch, default: 0] >= 5_000, "\(branch): \(branches[branch, default: 0])")
        }
    }

    /// The Monte Carlo test's own calls (`FisherExactTest.monteCarloByHypergeometric`): each column's
    /// share of a row drawn from what the columns before it left, on random tables like the analysis's
    /// rows (2 or 3 rows, 2 to 7 columns, tens to thousands each), 500 tables drawn 30 times each.
    @Test func monteCarloTablesGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_004)
        for _ in 0..<500 {
            let columnTotals = (0..<generator.uniform(in: 2...7)).map { _ in generator.uniform(in: 0...[30, 400, 4_000][generator.uniform(below: 3)]) }
            let total = columnTotals.reduce(0, +)
            var rowTotals = (0..<generator.uniform(in: 1...2)).map { _ in generator.uniform(in: 0...total / 2) }
            rowTotals.append(total - min(total, rowTotals.reduce(0, +)))
            var comparison = Comparison(seed: generator.next(), largestUrn: total)
            for _ in 0..<30 {
                var remaining = columnTotals
                for row in 0..<(rowTotals.count - 1) {
                    var left = rowTotals[row]
                    var slotsAfter = remaining.reduce(0, +)
                    for column in 0..<(remaining.count - 1) {
                        slotsAfter -= remaining[column]
                        let x = left == 0 ? 0 : comparison.draw(white: remaining[column], black: slotsAfter, draws: left)
                        remaining[column] -= x
                        left -= x
                    }
                    remaining[remaining.count - 1] -= left
                }
            }
            #expect(comparison.mismatches == 0)
        }
    }

    /// Tables of M's shape (2 × 6, n = 20,000) drawn 400 times each: one sampler's squeeze bounds kept
    /// and found again (the first column's triple at every draw), taken by other triples and computed
    /// again; the draws still R's.
    @Test func largeTablesDrawnManyTimesGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_005)
        var branches: [Branch: Int] = [:]
        for _ in 0..<12 {
            var columnTotals = (0..<5).map { _ in generator.uniform(in: 300...3_600) }
            columnTotals.append(20_000 - columnTotals.reduce(0, +))
            let first = generator.uniform(in: 2_000...10_000)
            var comparison = Comparison(seed: generator.next(), largestUrn: 20_000)
            Self.drawFirstRows(of: columnTotals, first: first, times: 400, &comparison)
            #expect(comparison.mismatches == 0)
            branches.merge(comparison.branches, uniquingKeysWith: +)
        }
        #expect(branches[.h2peSqueeze, default: 0] >= 15_000, "\(branches)")
    }

    /// The first row (of total `first`) of a two-row table with these column totals drawn `times` times
    /// column by column, as the Monte Carlo test draws it.
    static func drawFirstRows(of columnTotals: [Int], first: Int, times: Int, _ comparison: inout Comparison) {
        for _ in 0..<times {
            var remaining = columnTotals
            var left = first
            var slotsAfter = columnTotals.reduce(0, +)
            for column in 0..<(columnTotals.count - 1) {
                slotsAfter -= remaining[column]
                let x = left == 0 ? 0 : comparison.draw(white: remaining[column], black: slotsAfter, draws: left)
                remaining[column] -= x
                left -= x
            }
        }
    }

    /// Samplers made after others finished (``HypergeometricSampler/recycle()``) draw on the caches those
    /// left, full of other triples' setups and squeeze bounds: 2 × 6 tables of n = 20,000, each drawn by a
    /// new sampler, every other one the table before again under another seed (its triples found in the
    /// caches), draw for draw against R's C library.
    @Test func samplersOnRecycledCachesGiveRsDraws() {
        var generator = SeededGenerator(seed: 7_019)
        var branches: [Branch: Int] = [:]
        var columnTotals: [Int] = []
        var first = 0
        for table in 0..<12 {
            if table % 2 == 0 {
                columnTotals = (0..<5).map { _ in generator.uniform(in: 300...3_600) }
                columnTotals.append(20_000 - columnTotals.reduce(0, +))
                first = generator.uniform(in: 2_000...10_000)
            }
            var comparison = Comparison(seed: generator.next(), largestUrn: table % 3 == 0 ? 20_000 : 5_000)
            Self.drawFirstRows(of: columnTotals, first: first, times: 300, &comparison)
            #expect(comparison.mismatches == 0)
            branches.merge(comparison.branches, uniquingKeysWith: +)
            comparison.sampler.recycle()
        }
        #expect(branches[.h2peSqueeze, default: 0] >= 10_000, "\(branches)")
    }
}

@testable import Statistics
import Testing

/// A column's fills in Fisher's network (``Fills``): two rows of different totals take a shorter way
/// than the depth-first walk, which must give the same fills in the same order, bit for bit.
@Suite struct FisherFillsTests {
    /// The fills as comparable values: key, and the bits of sum, multiplicity and rest sum.
    static func contents(_ fills: Fills) -> [[UInt64]] {
        (0..<fills.count).map { f in
            [UInt64(bitPattern: Int64(fills[f].packedKey)), fills[f].sum.bitPattern,
             fills[f].multiplicity.bitPattern, fills[f].restSum.bitPattern]
        }
    }

    /// Random pairs of totals (small, up to 5,000, one apart, one of them 1) and every column total from 0 to
    /// beyond their sum: the same fills as the walk's; equal totals (a group) still go the walk's way.
    @Test func twoRowsGiveTheWalksFills() {
        var generator = SeededGenerator(seed: 19_019)
        let logFactorials = LogFactorials(upTo: 6_000)
        var compared = 0
        var nonEmpty = 0
        for trial in 0..<400 {
            // The second row's total: small, large, middling, or 1; the first's above it (by 1 in the middling case).
            let second = [1 + generator.uniform(below: 12), 1 + generator.uniform(below: 2_000), 1 + generator.uniform(below: 300), 1][trial % 4]
            let first = trial % 4 == 2 ? second + 1 : second + 1 + generator.uniform(below: trial % 4 == 1 ? 3_000 : 40)
            let key = trial % 10 == 9 ? [second, second] : [first, second]
            let places = [1, key[0] + 1, (key[0] + 1) * (key[1] + 1)]
            let sum = key[0] + key[1]
            let totals = sum < 60
                ? Array(0...(sum + 2)) : (0..<12).map { _ in generator.uniform(below: sum + 3) } + [0, key[1], key[0], sum, sum + 1]
            for total in totals {
                var fast = Fills()
                var walked = Fills()
                fast.generate(from: key, total: total, places: places, logFactorials: logFactorials)
                walked.generateByWalk(from: key, total: total, places: places, logFactorials: logFactorials)
                #expect(Self.contents(fast) == Self.contents(walked), "key \(key), total \(total)")
                compared += 1
                if walked.count > 0 { nonEmpty += 1 }
            }
        }
        #expect(compared > 4_000 && nonEmpty > 3_000, "\(compared) compared, \(nonEmpty) with fills")
    }

    /// A reused `Fills` (the network's) forgets the previous column's fills on either way.
    @Test func aReusedFillsHoldsOnlyTheLastColumn() {
        let logFactorials = LogFactorials(upTo: 100)
        var fills = Fills()
        fills.generate(from: [3, 3, 2], total: 4, places: [1, 4, 16, 48], logFactorials: logFactorials)
        #expect(fills.count > 0)
        fills.generate(from: [5, 2], total: 3, places: [1, 6, 18], logFactorials: logFactorials)
        // Taken 3, 2, 1 from the first row (the second takes 0, 1, 2): three fills, keys packed descending.
        #expect(fills.count == 3)
        #expect((0..<fills.count).map { fills[$0].packedKey } == [2 * 1 + 2 * 6, 3 * 1 + 1 * 6, 4 * 1 + 0 * 6])
        #expect(fills[0].sum == logFactorials[3] + logFactorials[0])
        #expect(fills[2].restSum == logFactorials[4] + logFactorials[0])
        fills.generate(from: [5, 2], total: 8, places: [1, 6, 18], logFactorials: logFactorials)
        #expect(fills.count == 0)
    }
}

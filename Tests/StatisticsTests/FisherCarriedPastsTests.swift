import Foundation
@testable import Statistics
import Testing

/// The pasts Fisher's network carries to a node, kept as runs of its mothers' pasts (``CarriedPasts``),
/// merged as the copies were: sorted stably by sum and merged within a relative 10⁻¹² of a run's first,
/// bit for bit; and the network's p-values, with its Lagrangian bounds kept by node
/// (``LagrangianBoundCache``), the old network's.
@Suite struct FisherCarriedPastsTests {
    typealias Past = FisherNetwork.Past

    /// The old way: every carried past copied, the copies sorted stably by sum, then merged.
    static func mergedBySorting(_ pasts: [Past]) -> [Past] {
        if pasts.count < 2 { return pasts }
        let sorted = pasts.sorted { $0.sum < $1.sum }
        var result: [Past] = []
        var current = sorted[0]
        for past in sorted.dropFirst() {
            if past.sum - current.sum <= 1e-12 * max(1, abs(current.sum)) {
                current.weight += past.weight
            } else {
                result.append(current)
                current = past
            }
        }
        result.append(current)
        return result
    }

    static func bits(_ pasts: [Past]) -> [[UInt64]] {
        pasts.map { [$0.sum.bitPattern, $0.weight.bitPattern] }
    }

    /// Mothers' merged pasts (sums of log-factorials, so that different paths meet the same sums, some
    /// within 10⁻¹² of each other), carried in 1 to 40 runs per node with arc sums and multiplicities
    /// that make equal sums across runs: each node's merge is the stable sort's and the old merge's.
    @Test func mergesAsTheStableSortDid() {
        let logFactorials = LogFactorials(upTo: 400)
        var generator = SeededGenerator(seed: 1_204_2026)
        // Nodes compared, and those among them with equal sums carried along different arcs.
        var (nodes, ties) = (0, 0)
        for trial in 0..<300 {
            // Mothers' pasts: ascending sums of a few log-factorials, merged as a stage merges them.
            var raw: [Past] = []
            for _ in 0..<(1 + generator.uniform(below: trial % 3 == 0 ? 400 : 60)) {
                var sum = 0.0
                for _ in 0..<(1 + generator.uniform(below: 4)) { sum += logFactorials[generator.uniform(below: 40)] }
                if generator.uniform(below: 10) == 0 { sum *= 1 + 1e-13 * Double(generator.uniform(below: 20)) }
                raw.append(Past(sum: sum, weight: Double(1 + generator.uniform(below: 30))))
            }
            let mothers = Self.mergedBySorting(raw)
            var carried = CarriedPasts()
            var copies: [[Past]] = []
            for _ in 0..<(1 + generator.uniform(below: 6)) {
                let node = carried.addNode()
                copies.append([])
                if generator.uniform(below: 8) == 0 { continue }
                for _ in 0..<(1 + generator.uniform(below: trial % 4 == 0 ? 40 : 8)) {
                    let start = generator.uniform(below: mothers.count)
                    let end = start + 1 + generator.uniform(below: mothers.count - start)
                    let arcSum = logFactorials[generator.uniform(below: 12)] + logFactorials[generator.uniform(below: 12)]
                    let multiplicity = Double([1, 1, 2, 3, 6][generator.uniform(below: 5)])
                    carried.carry(start..<end, arcSum: arcSum, multiplicity: multiplicity, to: node)
                    copies[node].append(
                        contentsOf: mothers[start..<end].map { Past(sum: $0.sum + arcSum, weight: $0.weight * multiplicity) })
                }
            }
            for node in copies.indices {
                #expect(carried.hasPasts(node) == !copies[node].isEmpty)
                var output = [Past(sum: -1, weight: -1)]
                let count = carried.merge(node: node, reading: mothers, into: &output)
                let expected = Self.mergedBySorting(copies[node])
                #expect(count == expected.count && output.count == 1 + count)
                #expect(Self.bits(Array(output.dropFirst())) == Self.bits(expected), "trial \(trial), node \(node)")
                #expect(output[0].sum == -1, "what was in the output stays")
                nodes += 1
                let sums = copies[node].map(\.sum)
                if Set(sums).count < sums.count { ties += 1 }
            }
        }
        #expect(nodes > 700 && ties > 200, "\(nodes) nodes, \(ties) with equal sums")
    }

    /// One node carried `arcs` (a range of `mothers`, the arc's sum, its multiplicity) merged, against the
    /// copies sorted stably and merged, bit for bit.
    static func expectMergeAsSorted(_ mothers: [Past], _ arcs: [(Range<Int>, Double, Double)], _ label: String) {
        var carried = CarriedPasts()
        let node = carried.addNode()
        var copies: [Past] = []
        for (range, arcSum, multiplicity) in arcs {
            carried.carry(range, arcSum: arcSum, multiplicity: multiplicity, to: node)
            copies += mothers[range].map { Past(sum: $0.sum + arcSum, weight: $0.weight * multiplicity) }
        }
        var output: [Past] = []
        let count = carried.merge(node: node, reading: mothers, into: &output)
        let expected = Self.mergedBySorting(copies)
        #expect(count == expected.count, "\(label)")
        #expect(Self.bits(output) == Self.bits(expected), "\(label)")
    }

    /// The merge sorts by buckets over the sums' range; sums crowded into one bucket (more than
    /// ``CarriedPasts/largestBucket``) send the node to the stable sort instead. Both ways, and the edges
    /// between them, give the stable sort's merge: one far past beside a hundred within 10⁻⁷; every past
    /// of one sum (the range empty), in 40 runs (one bucket, within the limit) and in 80 (beyond it);
    /// sums ascending by factors (most buckets empty, the last ones full); equal sums across runs. The
    /// weights are tenths, whose sums depend on the order they are added in, so that equal sums taken out
    /// of the order of their runs would show.
    @Test func crowdedAndSpreadSumsMergeAsTheStableSortDid() {
        let crowded = [Past(sum: 0, weight: 1)] + (0..<100).map { Past(sum: 1000 + Double($0) * 3e-9, weight: Double($0 % 7 + 1) / 10) }
        Self.expectMergeAsSorted(crowded, [(0..<101, 0, 1), (50..<101, 3e-9, 2), (0..<30, 4.787491742782046, 1)], "crowded")
        Self.expectMergeAsSorted(crowded, [(1..<101, 0, 1), (1..<101, 0, 3)], "crowded, no far past")
        let single = [Past(sum: 7.5, weight: 0.1)]
        for runs in [2, 40, 64, 65, 80] {
            Self.expectMergeAsSorted(single, (0..<runs).map { (0..<1, 0, Double($0 % 5 + 1)) }, "\(runs) runs of one sum")
        }
        let logFactorials = LogFactorials(upTo: 200)
        let spread = stride(from: 1, through: 200, by: 7).map { Past(sum: logFactorials[$0], weight: Double($0) / 10) }
        Self.expectMergeAsSorted(
            spread, [(0..<29, 0, 1), (3..<20, logFactorials[2], 2), (10..<29, 0, 6), (0..<5, logFactorials[40], 1)], "spread")
    }

    /// Only the nodes kept are left, renumbered, with their runs.
    @Test func keptNodesKeepTheirRuns() {
        let mothers = [Past(sum: 1, weight: 2), Past(sum: 3, weight: 5)]
        var carried = CarriedPasts()
        for _ in 0..<3 { _ = carried.addNode() }
        carried.carry(0..<2, arcSum: 1, multiplicity: 1, to: 0)
        carried.carry(1..<2, arcSum: 0.5, multiplicity: 3, to: 2)
        carried.carry(0..<1, arcSum: 3, multiplicity: 1, to: 2)
        carried.keepNodes([0, 2])
        #expect(carried.nodeCount == 2)
        var output: [Past] = []
        #expect(carried.merge(node: 1, reading: mothers, into: &output) == 2)
        #expect(Self.bits(output) == Self.bits([Past(sum: 3.5, weight: 15), Past(sum: 4, weight: 2)]))
        output = []
        #expect(carried.merge(node: 0, reading: mothers, into: &output) == 2)
        #expect(Self.bits(output) == Self.bits([Past(sum: 2, weight: 2), Past(sum: 4, weight: 5)]))
    }

    struct Case: Codable {
        var table: [[Int]]
        /// The old network's p-value as an IEEE bit pattern in hexadecimal, or "nil" when it gave up.
        var bits: String
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fisher_network_bits.json")

    /// 168 random crosstab rows (groups of 12 sharing their column totals, 2 or 3 rows, 3 to 7 columns,
    /// some of equal totals): the p-values the network gave before its pasts were carried as runs and
    /// its bounds kept, bit for bit (two of them given up), on a first pass and on a second, whose
    /// bounds all come from the cache.
    @Test func networkGivesTheOldPValues() throws {
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: Self.fixture))
        #expect(cases.count == 168 && cases.filter { $0.bits == "nil" }.count == 2)
        for pass in 0..<2 {
            for expected in cases {
                let p = FisherNetwork.pValue(ContingencyTable(expected.table))
                #expect((p.map { String($0.bitPattern, radix: 16) } ?? "nil") == expected.bits, "pass \(pass), \(expected.table)")
            }
        }
        #expect(LagrangianBoundCache.count > 0)
    }
}

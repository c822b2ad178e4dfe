import Foundation

/// The Kruskal–Wallis rank-sum test of k independent samples, with the correction for ties, as R's
/// `kruskal.test` computes it: the ordinal test of a survey item across more than two groups.
///
/// With midranks over all N values, Rᵢ the rank sum of group i (nᵢ values) and t the sizes of the ties:
///
///     H = [12 / (N(N + 1)) · Σ Rᵢ² / nᵢ − 3(N + 1)] / [1 − Σ(t³ − t) / (N³ − N)],   df = k − 1
///
/// and p = P(χ²(df) ≥ H). Empty groups are left out (R stops on them) and df counts the others.
/// Reference: Kruskal & Wallis (1952), JASA 47, 583–621; R `stats::kruskal.test`.
public struct KruskalWallisTest: Sendable, Equatable, Codable {
    /// H, tie-corrected.
    public var statistic: Double
    public var degreesOfFreedom: Int
    public var p: Double
    /// The groups' sizes, in the order given (empty groups included, as 0).
    public var sizes: [Int]

    /// The test of `groups`, or `nil` when fewer than two groups have values or every value is equal.
    /// - Throws: ``StatisticsInputError/notFinite(statistic:position:)`` for a NaN or infinite value.
    public init?(_ groups: [[Double]]) throws(StatisticsInputError) {
        let values = groups.joined()
        if let position = values.firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(statistic: "Kruskal–Wallis", position: values.distance(from: values.startIndex, to: position))
        }
        sizes = groups.map(\.count)
        let used = groups.filter { !$0.isEmpty }
        guard used.count >= 2 else { return nil }
        let all = Array(used.joined())
        let n = Double(all.count)
        let midranks = Midranks(all)
        let ranks = midranks.ranks
        var sum = 0.0, start = 0
        for group in used {
            let rankSum = ranks[start..<(start + group.count)].reduce(0, +)
            sum += rankSum * rankSum / Double(group.count)
            start += group.count
        }
        let ties = midranks.tieSizes.sorted().reduce(0.0) { total, size in
            let t = Double(size)
            return total + t * t * t - t
        }
        let correction = 1 - ties / (n * n * n - n)
        guard correction > 0 else { return nil }
        statistic = (12 * sum / (n * (n + 1)) - 3 * (n + 1)) / correction
        degreesOfFreedom = used.count - 1
        p = Distribution.chiSquaredUpperTail(statistic, degreesOfFreedom: Double(degreesOfFreedom))
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case degreesOfFreedom, p, sizes, statistic }
}

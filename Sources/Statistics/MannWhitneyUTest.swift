import Foundation

/// The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples, two-sided, as R's
/// `wilcox.test(x, y)` computes it by default, with the rank-biserial correlation.
///
/// With midranks R over both samples, W = U_x = Σ R(x) − nₓ(nₓ + 1)/2.
/// - Exact (when nₓ < 50, n_y < 50 and there are no ties): p = 2 · min(P(W ≤ w), P(W ≥ w)), capped at 1,
///   from the null distribution of W (R's `pwilcox`).
/// - Otherwise the normal approximation with tie-corrected variance and continuity correction:
///
///       σ² = nₓn_y/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))],   z = (W − nₓn_y/2 − sign · 0.5) / σ,
///       p = 2 · min(Φ(z), 1 − Φ(z))
///
/// - Rank-biserial correlation r = 2W/(nₓn_y) − 1: positive when x tends to be larger.
///
/// scipy's `mannwhitneyu(method = "auto")` goes exact only up to n = 8, so it differs from R between 9
/// and 49; SPSS prints the normal approximation without continuity correction.
/// Reference: Mann & Whitney (1947), Ann. Math. Stat. 18, 50–60; R `stats::wilcox.test`.
public struct MannWhitneyUTest: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable {
        case exact
        /// Normal approximation with continuity correction and tie-corrected variance.
        case normalWithContinuityCorrection = "normal_cc"
    }

    /// R's W: the U statistic of the first sample.
    public var w: Double
    public var p: Double
    public var method: Method
    public var rankBiserial: Double

    /// The test of `x` against `y`, or `nil` when a sample is empty or all values are equal.
    /// - Throws: ``StatisticsInputError/notFinite(statistic:position:)`` for a NaN or infinite value
    ///   (R's `wilcox.test` drops them silently; a value that is not a number is refused here).
    public init?(_ x: [Double], _ y: [Double]) throws(StatisticsInputError) {
        if let position = (x + y).firstIndex(where: { !$0.isFinite }) {
            throw .notFinite(statistic: "Mann–Whitney U", position: position)
        }
        guard !x.isEmpty, !y.isEmpty else { return nil }
        let nx = Double(x.count), ny = Double(y.count)
        let midranks = Midranks(x + y)
        w = midranks.ranks[0..<x.count].reduce(0, +) - nx * (nx + 1) / 2
        rankBiserial = 2 * w / (nx * ny) - 1
        let tieSizes = midranks.tieSizes.map(Double.init)
        let hasTies = tieSizes.contains { $0 > 1 }
        if x.count < 50 && y.count < 50 && !hasTies {
            method = .exact
            let oneSided = w > nx * ny / 2
                ? Distribution.wilcoxonUpperTail(w - 1, nx, ny)
                : Distribution.wilcoxonCDF(w, nx, ny)
            p = min(2 * oneSided, 1)
        } else {
            method = .normalWithContinuityCorrection
            let n = nx + ny
            let tieTerm = tieSizes.sorted().reduce(0) { $0 + ($1 * $1 * $1 - $1) } / (n * (n - 1))
            let sigma = (nx * ny / 12 * ((n + 1) - tieTerm)).squareRoot()
            guard sigma > 0 else { return nil }
            let difference = w - nx * ny / 2
            let correction = difference > 0 ? 0.5 : (difference < 0 ? -0.5 : 0)
            let z = (difference - correction) / sigma
            p = 2 * min(Distribution.normalCDF(z), Distribution.normalUpperTail(z))
        }
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case method, p, rankBiserial, w }
}

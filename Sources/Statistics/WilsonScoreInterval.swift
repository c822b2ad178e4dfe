/// The Wilson score interval for a binomial proportion.
///
/// With p̂ = k/n and z the standard normal quantile of 1 − α/2:
///
///     centre     = (p̂ + z²/2n) / (1 + z²/n)
///     half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
///
/// Reference: Wilson, E. B. (1927), JASA 22, 209–212. Matches R `prop.test(k, n, correct = FALSE)`,
/// statsmodels `proportion_confint(method = "wilson")` and scipy `binomtest(k, n).proportion_ci("wilson")`.
public struct WilsonScoreInterval: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double

    /// The interval for `count` successes out of `total`, or `nil` when `total` is 0.
    /// - Parameter confidence: the coverage, 0.95 by default.
    public init?(count: Int, total: Int, confidence: Double = 0.95) {
        guard total > 0, count >= 0, count <= total else { return nil }
        let n = Double(total)
        let p = Double(count) / n
        let z = Distribution.normalQuantile(1 - (1 - confidence) / 2)
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let halfWidth = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        lower = max(0, centre - halfWidth)
        upper = min(1, centre + halfWidth)
    }
}

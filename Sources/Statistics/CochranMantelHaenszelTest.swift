import Foundation

/// The Cochran–Mantel–Haenszel test of conditional independence in K stratified 2 × 2 tables, with the
/// Mantel–Haenszel common odds ratio and its Robins–Breslow–Greenland 95% interval.
///
/// For stratum k with table [[aₖ, bₖ], [cₖ, dₖ]] and total nₖ:
///
///     E(aₖ) = (aₖ + bₖ)(aₖ + cₖ)/nₖ,   V(aₖ) = (aₖ + bₖ)(cₖ + dₖ)(aₖ + cₖ)(bₖ + dₖ) / (nₖ²(nₖ − 1))
///     CMH = (|Σ aₖ − Σ E(aₖ)| − δ)² / Σ V(aₖ),   df = 1,   δ = 0.5 with the continuity correction
///     (when |Σ aₖ − Σ E(aₖ)| ≥ 0.5), else 0
///     OR_MH = Σ(aₖdₖ/nₖ) / Σ(bₖcₖ/nₖ)
///
/// Strata with fewer than two observations carry no information and are left out (R stops on them).
/// Matches R `mantelhaen.test(x, correct = FALSE)` (``statistic``, ``p``) and `correct = TRUE` (its default:
/// ``correctedStatistic``, ``correctedP``), whose estimate and interval are ``oddsRatio``, ``lower``, ``upper``.
/// Reference: Mantel & Haenszel (1959), JNCI 22, 719–748; Robins, Breslow & Greenland (1986), Biometrics 42, 311–323.
public struct CochranMantelHaenszelTest: Sendable, Equatable, Codable {
    public var statistic: Double
    public var p: Double
    public var correctedStatistic: Double
    public var correctedP: Double
    public var oddsRatio: Double?
    public var lower: Double?
    public var upper: Double?
    /// The strata used (those with at least two observations).
    public var strataUsed: Int

    /// - Precondition: every stratum is 2 × 2. Returns `nil` when no stratum has two observations or
    ///   the variance is 0 (a margin is empty in every stratum).
    public init?(strata: [ContingencyTable], confidence: Double = 0.95) {
        precondition(strata.allSatisfy { $0.rowCount == 2 && $0.columnCount == 2 }, "CMH needs 2 × 2 strata")
        let used = strata.filter { $0.total >= 2 }
        var observed = 0.0, expected = 0.0, variance = 0.0
        var diagonal = 0.0, offDiagonal = 0.0
        var rgbP = 0.0, rgbPQ = 0.0, rgbQ = 0.0
        for stratum in used {
            let a = Double(stratum.counts[0][0]), b = Double(stratum.counts[0][1])
            let c = Double(stratum.counts[1][0]), d = Double(stratum.counts[1][1])
            let n = a + b + c + d
            observed += a
            expected += (a + b) * (a + c) / n
            variance += (a + b) * (c + d) * (a + c) * (b + d) / (n * n * (n - 1))
            diagonal += a * d / n
            offDiagonal += b * c / n
            rgbP += (a + d) * a * d / (n * n)
            rgbPQ += ((a + d) * b * c + (b + c) * a * d) / (n * n)
            rgbQ += (b + c) * b * c / (n * n)
        }
        guard !used.isEmpty, variance > 0 else { return nil }
        let delta = abs(observed - expected)
        statistic = delta * delta / variance
        let corrected = delta >= 0.5 ? delta - 0.5 : delta
        correctedStatistic = corrected * corrected / variance
        p = Distribution.chiSquaredUpperTail(statistic, degreesOfFreedom: 1)
        correctedP = Distribution.chiSquaredUpperTail(correctedStatistic, degreesOfFreedom: 1)
        strataUsed = used.count
        if diagonal > 0 && offDiagonal > 0 {
            let estimate = diagonal / offDiagonal
            let standardError = (rgbP / (2 * diagonal * diagonal) + rgbPQ / (2 * diagonal * offDiagonal)
                + rgbQ / (2 * offDiagonal * offDiagonal)).squareRoot()
            let z = Distribution.normalQuantile(1 - (1 - confidence) / 2)
            oddsRatio = estimate
            lower = estimate * exp(-z * standardError)
            upper = estimate * exp(z * standardError)
        }
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey {
        case correctedP, correctedStatistic, lower, oddsRatio, p, statistic, strataUsed, upper
    }
}

import Foundation

/// The Breslow–Day test of homogeneity of the odds ratio across K stratified 2 × 2 tables, with Tarone's
/// correction: whether pooling the strata into one common odds ratio (``CochranMantelHaenszelTest``) is
/// warranted.
///
/// With ψ̂ the Mantel–Haenszel common odds ratio, each stratum's expected first cell Âₖ is the root in
/// [max(0, tₖ − nₖ), min(mₖ, tₖ)] of Âₖ(Nₖ − tₖ − mₖ + Âₖ) = ψ̂ (tₖ − Âₖ)(mₖ − Âₖ) (mₖ the first column's
/// total, tₖ the first row's, nₖ = Nₖ − mₖ), and Vₖ = 1 / (1/Âₖ + 1/(tₖ − Âₖ) + 1/(mₖ − Âₖ) + 1/(Nₖ − tₖ − mₖ + Âₖ)):
///
///     X²_BD = Σ (aₖ − Âₖ)² / Vₖ,   X²_BDT = X²_BD − (Σ aₖ − Σ Âₖ)² / Σ Vₖ,   df = K − 1
///
/// over the informative strata (those whose margins allow more than one table; R's `DescTools` and SAS
/// use every stratum, and a stratum with a zero margin makes their statistic undefined). `nil` with fewer
/// than two informative strata or when ψ̂ is 0 or undefined.
///
/// Reference: Breslow & Day (1980), *Statistical Methods in Cancer Research* I, §4.4; Tarone (1985),
/// Biometrika 72, 91–95; `DescTools::BreslowDayTest(correct = TRUE)`, SAS PROC FREQ `CMH BDT`.
public struct BreslowDayTest: Sendable, Equatable, Codable {
    /// X²_BDT, with Tarone's correction.
    public var statistic: Double
    /// X²_BD, without it.
    public var uncorrectedStatistic: Double
    public var degreesOfFreedom: Int
    /// The p-value of ``statistic`` (χ² with ``degreesOfFreedom``).
    public var p: Double
    public var uncorrectedP: Double

    /// - Precondition: every stratum is 2 × 2.
    public init?(strata: [ContingencyTable]) {
        precondition(strata.allSatisfy { $0.rowCount == 2 && $0.columnCount == 2 }, "Breslow–Day needs 2 × 2 strata")
        let informative = strata.filter { table in
            let t = table.counts[0][0] + table.counts[0][1], m = table.counts[0][0] + table.counts[1][0]
            return min(m, t) > max(0, t + m - table.total)
        }
        guard informative.count >= 2 else { return nil }
        var numerator = 0.0, denominator = 0.0
        for table in informative {
            let a = Double(table.counts[0][0]), b = Double(table.counts[0][1])
            let c = Double(table.counts[1][0]), d = Double(table.counts[1][1])
            let n = a + b + c + d
            numerator += a * d / n
            denominator += b * c / n
        }
        guard numerator > 0, denominator > 0 else { return nil }
        let psi = numerator / denominator

        var statistic = 0.0, observedSum = 0.0, expectedSum = 0.0, varianceSum = 0.0
        for table in informative {
            let a = Double(table.counts[0][0])
            let t = Double(table.counts[0][0] + table.counts[0][1])
            let m = Double(table.counts[0][0] + table.counts[1][0])
            let total = Double(table.total)
            let expected = Self.expectedFirstCell(psi: psi, t: t, m: m, total: total)
            let variance = 1 / (1 / expected + 1 / (t - expected) + 1 / (m - expected) + 1 / (total - t - m + expected))
            statistic += (a - expected) * (a - expected) / variance
            observedSum += a
            expectedSum += expected
            varianceSum += variance
        }
        degreesOfFreedom = informative.count - 1
        uncorrectedStatistic = statistic
        self.statistic = statistic - (observedSum - expectedSum) * (observedSum - expectedSum) / varianceSum
        p = Distribution.chiSquaredUpperTail(self.statistic, degreesOfFreedom: Double(degreesOfFreedom))
        uncorrectedP = Distribution.chiSquaredUpperTail(uncorrectedStatistic, degreesOfFreedom: Double(degreesOfFreedom))
    }

    /// Â, the first cell of a 2 × 2 table with first row total t, first column total m and total N whose
    /// odds ratio is ψ: the root of (1 − ψ)Â² + (N − t − m + ψ(t + m))Â − ψtm = 0 inside the margins.
    static func expectedFirstCell(psi: Double, t: Double, m: Double, total: Double) -> Double {
        let low = max(0, t + m - total), high = min(t, m)
        let quadratic = 1 - psi, linear = total - t - m + psi * (t + m), constant = -psi * t * m
        if abs(quadratic) < 1e-12 { return -constant / linear }
        let root = (linear * linear - 4 * quadratic * constant).squareRoot()
        let candidates = [(-linear + root) / (2 * quadratic), (-linear - root) / (2 * quadratic)]
        return candidates.first { $0 > low - 1e-9 && $0 < high + 1e-9 } ?? candidates[0]
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey {
        case degreesOfFreedom, p, statistic, uncorrectedP, uncorrectedStatistic
    }
}

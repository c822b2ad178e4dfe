import Foundation

/// Pearson's χ² and the likelihood-ratio G² test of independence on an r × c table, with the
/// expected-count diagnostics SPSS prints, Cramér's V and the adjusted standardized residuals.
///
/// Computed on the table without its empty rows and columns (R and scipy fail on them; SPSS drops them):
///
///     E = rᵢcⱼ/n,  X² = Σ (O − E)²/E,  G² = 2 Σ O ln(O/E)  (0 · ln 0 = 0),  df = (r − 1)(c − 1)
///     V = √(X² / (n (min(r, c) − 1)))                      (from the uncorrected X²)
///     adjusted residual = (O − E) / √(E (1 − rᵢ/n)(1 − cⱼ/n))   (Haberman 1973)
///
/// No continuity correction is applied, also on 2 × 2 tables. Matches R `chisq.test(x, correct = FALSE)`
/// (statistic, p, `$stdres`), SPSS CROSSTABS "Pearson Chi-Square", "Likelihood Ratio" and
/// `CELLS = ASRESID`, and scipy `chi2_contingency(x, correction = False)`.
public struct ChiSquareTest: Sendable, Equatable, Codable {
    public var pearson: Double
    public var likelihoodRatio: Double
    public var degreesOfFreedom: Int
    public var pearsonP: Double
    public var likelihoodRatioP: Double
    /// The smallest expected count (SPSS footnote "The minimum expected count is m").
    public var minimumExpected: Double
    /// Cells with an expected count below 5, and their share of all cells (of the reduced table).
    public var cellsBelowFive: Int
    public var cellCount: Int
    public var cramersV: Double
    /// Adjusted standardized residuals in the shape of the table given; `nil` for a dropped row or column.
    public var adjustedResiduals: [[Double?]]

    /// The test of `table`, or `nil` when fewer than two rows or two columns have observations.
    public init?(_ table: ContingencyTable) {
        let (reduced, keptRows, keptColumns) = table.droppingEmptyMargins()
        guard reduced.rowCount >= 2, reduced.columnCount >= 2 else { return nil }
        let n = Double(reduced.total)
        let rowTotals = reduced.rowTotals.map(Double.init)
        let columnTotals = reduced.columnTotals.map(Double.init)
        var pearson = 0.0
        var likelihood = 0.0
        var minimum = Double.infinity
        var below = 0
        var residuals = Array(repeating: Array(repeating: Double?.none, count: table.columnCount), count: table.rowCount)
        for i in 0..<reduced.rowCount {
            for j in 0..<reduced.columnCount {
                let observed = Double(reduced.counts[i][j])
                let expected = rowTotals[i] * columnTotals[j] / n
                pearson += (observed - expected) * (observed - expected) / expected
                if observed > 0 { likelihood += observed * log(observed / expected) }
                minimum = min(minimum, expected)
                if expected < 5 { below += 1 }
                let variance = expected * (1 - rowTotals[i] / n) * (1 - columnTotals[j] / n)
                residuals[keptRows[i]][keptColumns[j]] = (observed - expected) / variance.squareRoot()
            }
        }
        let df = (reduced.rowCount - 1) * (reduced.columnCount - 1)
        self.pearson = pearson
        likelihoodRatio = 2 * likelihood
        degreesOfFreedom = df
        pearsonP = Distribution.chiSquaredUpperTail(pearson, degreesOfFreedom: Double(df))
        likelihoodRatioP = Distribution.chiSquaredUpperTail(2 * likelihood, degreesOfFreedom: Double(df))
        minimumExpected = minimum
        cellsBelowFive = below
        cellCount = reduced.rowCount * reduced.columnCount
        cramersV = (pearson / (n * Double(min(reduced.rowCount, reduced.columnCount) - 1))).squareRoot()
        adjustedResiduals = residuals
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey {
        case adjustedResiduals, cellCount, cellsBelowFive, cramersV, degreesOfFreedom, likelihoodRatio
        case likelihoodRatioP, minimumExpected, pearson, pearsonP
    }
}

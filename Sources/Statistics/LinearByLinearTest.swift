import Foundation

/// The linear-by-linear association test of an r × c table whose rows and columns are both ordered
/// (SPSS's "Linear-by-Linear Association"): the ordinal test of a survey item across ordered groups.
///
/// With row scores uᵢ, column scores vⱼ and r the Pearson correlation of the scores over the N
/// observations (each cell nᵢⱼ times):
///
///     M² = (N − 1) r²,   df = 1,   p = P(χ²(1) ≥ M²)
///
/// Reference: Agresti (2002), *Categorical Data Analysis*, §3.4.1; Mantel (1963), JASA 58, 690–700.
/// coin's `lbl_test` gives the same M².
public struct LinearByLinearTest: Sendable, Equatable, Codable {
    /// M² = (N − 1) r².
    public var statistic: Double
    public var p: Double
    /// The correlation r of the scores: positive when higher rows give higher answers.
    public var correlation: Double

    /// The test of `table` with the given scores, or `nil` when N < 2 or the row or column scores of the
    /// observations do not vary.
    /// - Precondition: one score per row and per column.
    public init?(_ table: ContingencyTable, rowScores: [Double], columnScores: [Double]) {
        precondition(rowScores.count == table.rowCount && columnScores.count == table.columnCount, "one score per row and column")
        let n = Double(table.total)
        guard n >= 2 else { return nil }
        var sumU = 0.0, sumV = 0.0
        for (i, row) in table.counts.enumerated() {
            for (j, count) in row.enumerated() {
                sumU += Double(count) * rowScores[i]
                sumV += Double(count) * columnScores[j]
            }
        }
        let meanU = sumU / n, meanV = sumV / n
        var suu = 0.0, svv = 0.0, suv = 0.0
        for (i, row) in table.counts.enumerated() {
            for (j, count) in row.enumerated() {
                let du = rowScores[i] - meanU, dv = columnScores[j] - meanV
                suu += Double(count) * du * du
                svv += Double(count) * dv * dv
                suv += Double(count) * du * dv
            }
        }
        guard suu > 0, svv > 0 else { return nil }
        correlation = suv / (suu * svv).squareRoot()
        statistic = (n - 1) * correlation * correlation
        p = Distribution.chiSquaredUpperTail(statistic, degreesOfFreedom: 1)
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case correlation, p, statistic }
}

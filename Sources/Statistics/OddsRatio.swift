import Foundation

/// The sample odds ratio of a 2 × 2 table with its Woolf (log) 95% interval, and the risk difference.
///
/// For the table [[a, b], [c, d]] (rows: the two groups; first column: the outcome present):
///
///     OR = ad / bc,   SE(ln OR) = √(1/a + 1/b + 1/c + 1/d),   CI = exp(ln OR ± z · SE)
///     risk difference = a/(a + b) − c/(c + d)
///
/// When a cell is 0, the Haldane–Anscombe correction adds 0.5 to every cell before the odds ratio and
/// its interval are computed (``Correction/haldane``), as SPSS and epitools do; the risk difference is
/// never corrected. Matches SPSS CROSSTABS RISK, statsmodels `Table2x2(...).oddsratio_confint()` (without
/// its `shift_zeros`, which corrects only the zero cells) and scipy `odds_ratio(kind = "sample")`.
/// Reference: Woolf, B. (1955), Ann. Hum. Genet. 19, 251–253; Haldane (1956).
public struct OddsRatio: Sendable, Equatable, Codable {
    /// The zero-cell correction applied.
    public enum Correction: String, Sendable, Codable {
        case none
        /// 0.5 added to every cell because one was 0.
        case haldane
    }

    public var oddsRatio: Double
    public var lower: Double
    public var upper: Double
    public var correction: Correction
    public var riskDifference: Double?

    /// - Precondition: `table` is 2 × 2. Returns `nil` when a row or a column is empty (a group with no
    ///   observation, or an outcome nobody or everybody has: R and SPSS give no odds ratio then either).
    public init?(_ table: ContingencyTable, confidence: Double = 0.95) {
        precondition(table.rowCount == 2 && table.columnCount == 2, "the odds ratio needs a 2 × 2 table")
        let cells = table.counts.joined().map(Double.init)
        guard table.rowTotals.allSatisfy({ $0 > 0 }), table.columnTotals.allSatisfy({ $0 > 0 }) else { return nil }
        correction = cells.contains(0) ? .haldane : .none
        let (a, b, c, d) = correction == .haldane
            ? (cells[0] + 0.5, cells[1] + 0.5, cells[2] + 0.5, cells[3] + 0.5)
            : (cells[0], cells[1], cells[2], cells[3])
        oddsRatio = a * d / (b * c)
        let standardError = (1 / a + 1 / b + 1 / c + 1 / d).squareRoot()
        let z = Distribution.normalQuantile(1 - (1 - confidence) / 2)
        lower = exp(log(oddsRatio) - z * standardError)
        upper = exp(log(oddsRatio) + z * standardError)
        riskDifference = cells[0] / (cells[0] + cells[1]) - cells[2] / (cells[2] + cells[3])
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case correction, lower, oddsRatio, riskDifference, upper }
}

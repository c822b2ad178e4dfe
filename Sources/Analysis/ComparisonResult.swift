import Statistics
import StudyModel

/// Two groups compared on one row within one stratum (fathers against mothers in Kazakhstan).
public struct StratumComparison: Codable, Sendable, Equatable {
    public var stratum: String
    public var first: TableCell
    public var second: TableCell
    /// Fisher's exact test of the 2 × 2 table group × mentioned.
    public var fisher: FisherExactTest?
    /// The odds ratio of mentioning in the first group against the second, and the risk difference.
    public var oddsRatio: OddsRatio?
    /// Whether disclosure control withheld the tests (a cell is suppressed).
    public var withheld: Bool = false
}

/// One row of a group comparison: per stratum, and pooled over the strata.
public struct ComparisonRow: Codable, Sendable, Equatable {
    public var row: TableRow
    public var strata: [StratumComparison]
    /// The pooled cells (all strata together).
    public var pooledFirst: TableCell
    public var pooledSecond: TableCell
    /// The Cochran–Mantel–Haenszel test stratified by the strata, with the common odds ratio.
    public var cochranMantelHaenszel: CochranMantelHaenszelTest?
    /// The Benjamini–Hochberg adjusted CMH p-value (uncorrected statistic) within the family.
    public var adjustedP: Double?
    public var family: String
    public var familySize: Int
    /// Whether disclosure control withheld the pooled test (a cell of the row is suppressed).
    public var withheld: Bool = false
}

/// A comparison of two groups row by row, within strata and pooled (`barriers-fathers-vs-mothers`).
public struct GroupComparisonResult: Codable, Sendable, Equatable {
    public var id: String
    public var rowSet: RowSet
    public var comparison: GroupComparison
    /// The strata's levels, in declared order.
    public var strata: [String]
    public var rows: [ComparisonRow]
}

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

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case first, fisher, oddsRatio, second, stratum, withheld }
}

/// One row of a group comparison: per stratum, and pooled over the strata.
public struct ComparisonRow: Codable, Sendable, Equatable {
    public var row: TableRow
    public var strata: [StratumComparison]
    /// The pooled cells (all strata together).
    public var pooledFirst: TableCell
    public var pooledSecond: TableCell
    /// The Cochran–Mantel–Haenszel test stratified by the strata, with the common odds ratio: the asymptotic
    /// test, shown beside the exact one.
    public var cochranMantelHaenszel: CochranMantelHaenszelTest?
    /// The exact conditional test of the same strata (R's `mantelhaen.test(exact = TRUE)`), with the
    /// conditional MLE of the common odds ratio and its exact interval: the pooled test wherever it can be
    /// computed (``ExactConditionalCMHTest/workLimit``).
    public var exactCMH: ExactConditionalCMHTest? = nil
    /// Breslow–Day's test (Tarone's correction) of one common odds ratio across the strata: a pooled
    /// difference is not claimed where it rejects.
    public var breslowDay: BreslowDayTest? = nil
    /// Fisher's exact test of the pooled 2 × 2 table (group × mentioned, all strata together), with its
    /// odds ratio: the pooled test where a stratum's count is hidden but the pooled counts are published.
    public var pooledFisher: FisherExactTest? = nil
    public var pooledOddsRatio: OddsRatio? = nil
    /// Which pooled test ``adjustedP`` adjusts: the CMH test, or Fisher's test of the pooled counts.
    public var pooledTest: PooledTest? = nil
    /// The Benjamini–Hochberg adjusted p-value of the row's pooled test within the family.
    public var adjustedP: Double?
    public var family: String
    public var familySize: Int
    /// Whether disclosure control withheld the pooled test (a cell of the row is suppressed).
    public var withheld: Bool = false

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case adjustedP, breslowDay, cochranMantelHaenszel, exactCMH, family, familySize, pooledFirst, pooledFisher
        case pooledOddsRatio, pooledSecond, pooledTest, row, strata, withheld
    }
}

/// The test of a comparison row pooled over the strata.
public enum PooledTest: String, Codable, Sendable {
    /// The exact conditional test, stratified (the rule: wherever it can be computed).
    case exactConditional = "cmh-exact"
    /// Cochran–Mantel–Haenszel, stratified (the uncorrected statistic): only where the exact test is
    /// beyond its work limit.
    case cochranMantelHaenszel = "cmh"
    /// Fisher's exact test of the pooled counts, strata ignored.
    case fisherPooled = "fisher-pooled"
}

/// A comparison of two groups row by row, within strata and pooled (`barriers-fathers-vs-mothers`).
public struct GroupComparisonResult: Codable, Sendable, Equatable {
    public var id: String
    public var rowSet: RowSet
    public var comparison: GroupComparison
    /// The strata's levels, in declared order.
    public var strata: [String]
    public var rows: [ComparisonRow]
    /// Whether the cells carry their segment counts (see ``CrosstabResult/segmentsPublished``).
    public var segmentsPublished: Bool = true

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case comparison, id, rowSet, rows, segmentsPublished, strata }
}

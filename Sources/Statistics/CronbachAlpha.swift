/// Cronbach's α of a multi-item scale, with each item's item–rest correlation and the α if it were deleted.
///
///     α = k/(k − 1) · (1 − Σ sᵢ² / s_T²)
///
/// with k items, sᵢ² the item variances and s_T² the variance of the respondents' total scores (both
/// with n − 1 in the denominator). The item–rest correlation is Pearson's r between an item and the sum
/// of the other items. Only respondents who answered every item are used (listwise, as SPSS RELIABILITY
/// does; pingouin and psych default to pairwise). Reverse-coded items must be reversed before.
/// Reference: Cronbach, L. J. (1951), Psychometrika 16, 297–334.
public struct CronbachAlpha: Sendable, Equatable, Codable {
    public var alpha: Double
    public var itemRestCorrelations: [Double?]
    public var alphaIfDeleted: [Double?]
    /// Respondents with every item answered.
    public var respondents: Int

    /// α of `scores[respondent][item]`; rows with a missing item are dropped. `nil` with fewer than two
    /// items or two complete respondents, or when the total score does not vary.
    /// - Throws: ``StatisticsInputError`` for rows of different lengths or a non-finite score.
    public init?(_ scores: [[Double?]]) throws(StatisticsInputError) {
        if let first = scores.first, let row = scores.firstIndex(where: { $0.count != first.count }) {
            throw .raggedRows(statistic: "Cronbach's α", row: row, expected: first.count, found: scores[row].count)
        }
        if let position = scores.joined().firstIndex(where: { $0.map { !$0.isFinite } ?? false }) {
            throw .notFinite(statistic: "Cronbach's α", position: scores.joined().distance(from: scores.joined().startIndex, to: position))
        }
        let complete = scores.compactMap { row -> [Double]? in
            let values = row.compactMap { $0 }
            return values.count == row.count ? values : nil
        }
        guard let k = complete.first?.count, k >= 2, complete.count >= 2,
            let alpha = Self.alpha(complete)
        else { return nil }
        self.alpha = alpha
        respondents = complete.count
        itemRestCorrelations = (0..<k).map { item in
            Self.correlation(complete.map { $0[item] }, complete.map { $0.reduce(0, +) - $0[item] })
        }
        alphaIfDeleted = (0..<k).map { item in
            k > 2 ? Self.alpha(complete.map { row in row.enumerated().filter { $0.offset != item }.map(\.element) }) : nil
        }
    }

    private static func alpha(_ rows: [[Double]]) -> Double? {
        let k = Double(rows[0].count)
        let itemVariances = (0..<rows[0].count).map { item in variance(rows.map { $0[item] }) }
        let totalVariance = variance(rows.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        return k / (k - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
    }

    /// The sample variance (n − 1), by Welford's one-pass method.
    static func variance(_ values: [Double]) -> Double {
        var mean = 0.0, sum = 0.0
        for (index, value) in values.enumerated() {
            let delta = value - mean
            mean += delta / Double(index + 1)
            sum += delta * (value - mean)
        }
        return sum / Double(values.count - 1)
    }

    /// Pearson's r, or `nil` when either variable is constant.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - meanX) * (b - meanY)
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case alpha, alphaIfDeleted, itemRestCorrelations, respondents }
}

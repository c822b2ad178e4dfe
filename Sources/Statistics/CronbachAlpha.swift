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
    /// - Complexity: O(n·k²) additions for n complete rows of k items, over one flat copy of the rows (the
    ///   item variances are computed once and shared by every α-if-deleted; each sum is taken in item order
    ///   from zero, as `reduce(0, +)` takes it, so every value has the bits of the sums over row arrays).
    public init?(_ scores: [[Double?]]) throws(StatisticsInputError) {
        guard let first = scores.first else { return nil }
        let k = first.count
        if let row = scores.firstIndex(where: { $0.count != k }) {
            throw .raggedRows(statistic: "Cronbach's α", row: row, expected: k, found: scores[row].count)
        }
        // The complete rows, flat (row after row), checked for non-finite scores on the way.
        var values: [Double] = []
        values.reserveCapacity(scores.count * k)
        for (rowIndex, row) in scores.enumerated() {
            var complete = true
            for (item, score) in row.enumerated() {
                guard let score else { complete = false; continue }
                guard score.isFinite else { throw .notFinite(statistic: "Cronbach's α", position: rowIndex * k + item) }
            }
            if complete { for score in row { values.append(score!) } }
        }
        let n = k == 0 ? 0 : values.count / k
        guard k >= 2, n >= 2 else { return nil }
        let rows = Rows(values: values, items: k)
        let itemVariances = (0..<k).map { item in Self.variance(count: n) { rows[$0, item] } }
        let totals = (0..<n).map { rows.total(row: $0, skipping: nil) }
        guard let alpha = Self.alpha(items: k, itemVariances: itemVariances, skipping: nil, totalVariance: Self.variance(count: n) { totals[$0] })
        else { return nil }
        self.alpha = alpha
        respondents = n
        itemRestCorrelations = (0..<k).map { item in
            Self.correlation(count: n, { rows[$0, item] }, { totals[$0] - rows[$0, item] })
        }
        alphaIfDeleted = (0..<k).map { item in
            guard k > 2 else { return nil }
            let totalVariance = Self.variance(count: n) { rows.total(row: $0, skipping: item) }
            return Self.alpha(items: k - 1, itemVariances: itemVariances, skipping: item, totalVariance: totalVariance)
        }
    }

    /// The complete rows, flat: `values[row * items + item]`.
    private struct Rows {
        let values: [Double]
        let items: Int

        @inline(__always)
        subscript(row: Int, item: Int) -> Double { values[row * items + item] }

        /// The row's sum in item order from zero, without the item `skipping`.
        func total(row: Int, skipping: Int?) -> Double {
            var sum = 0.0
            for item in 0..<items where item != skipping { sum += values[row * items + item] }
            return sum
        }
    }

    /// α = k/(k − 1) · (1 − Σ sᵢ² / s_T²) over the items but `skipping`, their variances summed in item order.
    private static func alpha(items: Int, itemVariances: [Double], skipping: Int?, totalVariance: Double) -> Double? {
        guard totalVariance > 0 else { return nil }
        var varianceSum = 0.0
        for (item, variance) in itemVariances.enumerated() where item != skipping { varianceSum += variance }
        let k = Double(items)
        return k / (k - 1) * (1 - varianceSum / totalVariance)
    }

    /// The sample variance (n − 1) of `value(0)`, …, `value(count − 1)`, by Welford's one-pass method.
    static func variance(count: Int, _ value: (Int) -> Double) -> Double {
        var mean = 0.0, sum = 0.0
        for index in 0..<count {
            let value = value(index)
            let delta = value - mean
            mean += delta / Double(index + 1)
            sum += delta * (value - mean)
        }
        return sum / Double(count - 1)
    }

    /// Pearson's r of `x(i)` and `y(i)` over `count` pairs, or `nil` when either variable is constant.
    static func correlation(count: Int, _ x: (Int) -> Double, _ y: (Int) -> Double) -> Double? {
        let n = Double(count)
        var sumX = 0.0, sumY = 0.0
        for index in 0..<count { sumX += x(index) }
        for index in 0..<count { sumY += y(index) }
        let meanX = sumX / n, meanY = sumY / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for index in 0..<count {
            let (a, b) = (x(index), y(index))
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

@testable import Statistics
import Testing

/// Cronbach's α over one flat copy of the rows, and the rank tests' midranks from one sort of the values,
/// give the bits the computations over row arrays and sorted indices gave (kept here as the reference).
@Suite struct RankAndScaleBitsTests {
    /// Random scales: answers on 1…5 or real scores of both signs (whose sums depend on their order), some
    /// missing, some columns constant, a few zeros of both signs; 0 to 9 items, 0 to 60 respondents.
    @Test func cronbachAlphaHasTheBitsOfTheRowArrays() throws {
        var generator = SeededGenerator(seed: 20_261_205)
        var compared = 0, withDeleted = 0, undefined = 0
        for trial in 0..<600 {
            let items = Int.random(in: 0...9, using: &generator)
            let rows = Int.random(in: 0...60, using: &generator)
            let real = trial % 3 == 0
            let constant = trial % 7 == 0 ? Int.random(in: 0..<max(items, 1), using: &generator) : nil
            let missing = [0.0, 0.02, 0.2][trial % 3]
            let scores = (0..<rows).map { _ in
                (0..<items).map { item -> Double? in
                    if Double.random(in: 0..<1, using: &generator) < missing { return nil }
                    if item == constant { return 3 }
                    if real {
                        let value = Double.random(in: -3...3, using: &generator) / 7
                        return value == 0 || Int.random(in: 0..<50, using: &generator) == 0 ? -0.0 : value
                    }
                    return Double(Int.random(in: 1...5, using: &generator))
                }
            }
            let expected = try ReferenceCronbach(scores)
            let found = try CronbachAlpha(scores)
            #expect(found.map(Self.bits) == expected.map(Self.bits), "trial \(trial)")
            if expected == nil { undefined += 1 } else { compared += 1 }
            if expected?.alphaIfDeleted.contains(where: { $0 != nil }) == true { withDeleted += 1 }
        }
        #expect(compared > 300 && withDeleted > 200 && undefined > 50)
        // Errors in the same order: a ragged row before a non-finite score, the first non-finite by position.
        #expect(throws: StatisticsInputError.notFinite(statistic: "Cronbach's α", position: 4)) {
            _ = try CronbachAlpha([[1, nil, 3], [2, .infinity, .nan]])
        }
        #expect(throws: StatisticsInputError.raggedRows(statistic: "Cronbach's α", row: 1, expected: 2, found: 3)) {
            _ = try CronbachAlpha([[1, .nan], [2, 3, 4]])
        }
    }

    /// Samples of few distinct values (many ties) and of real values (few), with zeros of both signs.
    @Test func midranksHaveTheBitsOfSortedIndices() {
        var generator = SeededGenerator(seed: 6_001)
        var tied = 0
        for trial in 0..<500 {
            let count = Int.random(in: 0...120, using: &generator)
            let values = (0..<count).map { _ -> Double in
                switch trial % 4 {
                case 0: Double(Int.random(in: 1...5, using: &generator))
                case 1: Double.random(in: -1...1, using: &generator)
                case 2: [0.0, -0.0, 1.5, -2.25][Int.random(in: 0..<4, using: &generator)]
                default: Double(Int.random(in: -40...40, using: &generator)) / 4
                }
            }
            let found = Midranks(values)
            #expect(found.ranks.map(\.bitPattern) == Self.referenceMidranks(values).map(\.bitPattern), "trial \(trial)")
            let grouped = Dictionary(grouping: values, by: { $0 }).values.map(\.count).sorted()
            #expect(found.tieSizes.sorted() == grouped, "trial \(trial)")
            #expect(found.tieSizes.reduce(0, +) == count)
            if grouped.contains(where: { $0 > 1 }) { tied += 1 }
        }
        #expect(tied > 300)
    }

    private static func bits(_ alpha: CronbachAlpha) -> [UInt64?] {
        [alpha.alpha.bitPattern, UInt64(alpha.respondents)] + alpha.itemRestCorrelations.map { $0?.bitPattern }
            + [nil] + alpha.alphaIfDeleted.map { $0?.bitPattern }
    }

    private static func bits(_ alpha: ReferenceCronbach) -> [UInt64?] {
        [alpha.alpha.bitPattern, UInt64(alpha.respondents)] + alpha.itemRestCorrelations.map { $0?.bitPattern }
            + [nil] + alpha.alphaIfDeleted.map { $0?.bitPattern }
    }

    /// The midranks as computed before: the indices sorted by value, ties in index order.
    private static func referenceMidranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var ranks = Array(repeating: 0.0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = average }
            start = end + 1
        }
        return ranks
    }
}

/// Cronbach's α as computed before, over arrays of rows (one array per row and per deleted item).
private struct ReferenceCronbach {
    var alpha: Double
    var itemRestCorrelations: [Double?]
    var alphaIfDeleted: [Double?]
    var respondents: Int

    init?(_ scores: [[Double?]]) throws(StatisticsInputError) {
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
        guard let k = complete.first?.count, k >= 2, complete.count >= 2, let alpha = Self.alpha(complete) else { return nil }
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

    private static func variance(_ values: [Double]) -> Double {
        var mean = 0.0, sum = 0.0
        for (index, value) in values.enumerated() {
            let delta = value - mean
            mean += delta / Double(index + 1)
            sum += delta * (value - mean)
        }
        return sum / Double(values.count - 1)
    }

    private static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
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
}

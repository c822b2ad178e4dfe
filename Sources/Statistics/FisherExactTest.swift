import Foundation

/// Fisher's exact test of independence on an r × c table (Fisher–Freeman–Halton beyond 2 × 2), two-sided
/// as R's `fisher.test` defines it.
///
/// Given the margins, a table T has probability P(T) = Π rᵢ! Π cⱼ! / (n! Π xᵢⱼ!). The two-sided p-value is
/// the sum of P(T) over all tables with P(T) ≤ P(observed) · (1 + ε), which keeps tables equal in probability
/// but for rounding: for 2 × 2 tables ε = 10⁻⁷, R's `relErr` in its hypergeometric sum; for larger tables
/// log(1 + ε) = 3.45254 · 10⁻⁷, the tolerance R's FEXACT adds to the observed path length (it matters for large
/// n, where many tables come within 10⁻⁶ of P(observed): on a 2 × 5 table of n = 5000 the two differ by 8 · 10⁻⁷).
///
/// Small tables (at most ``enumerationLimit`` tables by an upper bound on their number) are enumerated
/// exhaustively; all others go to the network algorithm (``FisherNetwork``, as R's FEXACT), which is
/// exact too. Only when the network would exceed its work bound (``FisherNetwork/workLimit``, set so that
/// every table R's `fisher.test` solves with its default workspace is solved here) is the p-value estimated
/// by Monte Carlo with a fixed seed, as R's `simulate.p.value = TRUE` does:
/// p = (1 + #{simulated P(T) ≤ P(observed)(1 + ε)}) / (B + 1), drawing tables with the observed margins
/// uniformly by a random pairing of row and column labels; its standard error √(p(1 − p)/B) is reported
/// with it.
///
/// Reference: Fisher (1935); Freeman & Halton (1951), Biometrika 38, 141–149; R `stats::fisher.test`.
public struct FisherExactTest: Sendable, Equatable, Codable {
    /// How the p-value was obtained.
    public enum Method: Sendable, Equatable, Codable {
        case exact
        /// Estimated from `draws` seeded draws, with the estimate's standard error √(p(1 − p)/B).
        case monteCarlo(draws: Int, seed: UInt64, standardError: Double)
    }

    public var p: Double
    public var method: Method

    /// Tables with at most this many tables (by ``tableCountBound(_:)``) are enumerated one by one;
    /// larger ones go to the network algorithm.
    public static let enumerationLimit = 10_000
    /// Draws of the Monte Carlo fallback.
    public static let monteCarloDraws = 10_000
    /// The fixed seed of the Monte Carlo fallback, so that reports are reproducible.
    public static let monteCarloSeed: UInt64 = 20_251_129

    /// The test of `table` (empty rows and columns are dropped first), or `nil` when fewer than two
    /// rows or two columns have observations (the p-value is then 1 by definition, and not reported).
    public init?(_ table: ContingencyTable) {
        self.init(table, cached: true)
    }

    /// The test computed afresh, never taken from ``FisherTestCache`` (to test the cache).
    init?(uncached table: ContingencyTable) {
        self.init(table, cached: false)
    }

    init(p: Double, method: Method) {
        self.p = p
        self.method = method
    }

    /// Whether another thread is computing the test of `table` at this moment: a table beyond enumeration
    /// is tested once in the process (``FisherTestCache``), and a second thread asking for it waits for
    /// the first one's result, so a caller with other tests to do may do those first. The answer may be
    /// out of date as soon as it is given; it changes no result.
    public static func isBeingComputed(_ table: ContingencyTable) -> Bool {
        guard let oriented = oriented(table) else { return false }
        return FisherTestCache.isBeingComputed(oriented)
    }

    /// `table` without empty rows and columns, with the smaller dimension in rows (enumeration runs over
    /// the longer dimension's complement), or `nil` when fewer than two rows or columns are left.
    private static func oriented(_ table: ContingencyTable) -> ContingencyTable? {
        let reduced = table.droppingEmptyMargins().table
        guard reduced.rowCount >= 2, reduced.columnCount >= 2 else { return nil }
        return reduced.rowCount <= reduced.columnCount ? reduced : reduced.transposed()
    }

    private init?(_ table: ContingencyTable, cached: Bool) {
        guard let oriented = Self.oriented(table) else { return nil }
        if cached, Self.tableCountBound(oriented) > Double(Self.enumerationLimit) {
            self = FisherTestCache.test(of: oriented) { Self(oriented: oriented) }
        } else {
            self = Self(oriented: oriented)
        }
    }

    /// The test of a table with at least two rows and columns, none empty, rows no more than columns.
    private init(oriented: ContingencyTable) {
        let logFactorials = LogFactorials(upTo: oriented.total)
        let constant = oriented.rowTotals.reduce(0) { $0 + logFactorials[$1] }
            + oriented.columnTotals.reduce(0) { $0 + logFactorials[$1] } - logFactorials[oriented.total]
        let observed = constant - oriented.counts.joined().reduce(0) { $0 + logFactorials[$1] }
        let threshold = observed + Self.logTolerance(oriented)

        if Self.tableCountBound(oriented) <= Double(Self.enumerationLimit),
            let exact = Self.exactP(oriented, constant: constant, threshold: threshold, logFactorials: logFactorials)
        {
            self = Self(p: exact, method: .exact)
        } else {
            self = Self(beyondEnumeration: oriented, constant: constant, threshold: threshold, logFactorials: logFactorials)
        }
    }

    /// The test of a table too large to enumerate: by the network algorithm, or by Monte Carlo beyond
    /// the network's work bound.
    private init(beyondEnumeration oriented: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials) {
        if let exact = FisherNetwork(oriented, constant: constant, threshold: threshold, logFactorials: logFactorials).pValue() {
            p = exact
            method = .exact
        } else {
            let estimate = Self.monteCarloP(oriented, constant: constant, threshold: threshold, logFactorials: logFactorials)
            p = estimate
            method = .monteCarlo(
                draws: Self.monteCarloDraws, seed: Self.monteCarloSeed,
                standardError: (estimate * (1 - estimate) / Double(Self.monteCarloDraws)).squareRoot())
        }
    }

    /// log(1 + ε) of the comparison with P(observed): R's `relErr` 10⁻⁷ for 2 × 2 tables, FEXACT's
    /// 3.45254 · 10⁻⁷ (added to log P(observed)) for larger ones.
    static func logTolerance(_ table: ContingencyTable) -> Double {
        table.rowCount == 2 && table.columnCount == 2 ? log1p(1e-7) : 3.45254e-7
    }

    /// An upper bound on the number of tables with the margins of `table`: each column but the last
    /// split among the rows in every way, C(cⱼ + r − 1, r − 1), ignoring the row totals.
    static func tableCountBound(_ table: ContingencyTable) -> Double {
        let rows = Double(table.rowCount)
        return table.columnTotals.dropLast().reduce(1.0) { bound, total in
            bound * exp(Distribution.logGamma(Double(total) + rows) - Distribution.logGamma(Double(total) + 1)
                - Distribution.logGamma(rows)).rounded()
        }
    }

    /// Sums P(T) ≤ threshold over all tables with the margins of `table`, column by column; `nil` when
    /// more than ``enumerationLimit`` tables would be visited.
    private static func exactP(
        _ table: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials
    ) -> Double? {
        let rows = table.rowCount
        let columnTotals = table.columnTotals
        var remaining = table.rowTotals
        var visited = 0
        var sum = 0.0
        var aborted = false
        var column = Array(repeating: 0, count: rows)

        // Fills column `j` with every split of its total among the rows' remaining totals.
        func fill(_ j: Int, _ logDenominator: Double) {
            if aborted { return }
            if j == columnTotals.count - 1 {
                // The last column is determined by what remains.
                var last = logDenominator
                for i in 0..<rows { last += logFactorials[remaining[i]] }
                let logP = constant - last
                if logP <= threshold { sum += exp(logP) }
                visited += 1
                if visited > enumerationLimit { aborted = true }
                return
            }
            split(j, row: 0, left: columnTotals[j], logDenominator)
        }

        func split(_ j: Int, row: Int, left: Int, _ logDenominator: Double) {
            if aborted { return }
            if row == rows - 1 {
                guard left <= remaining[row] else { return }
                column[row] = left
                remaining[row] -= left
                fill(j + 1, logDenominator + logFactorials[left])
                remaining[row] += left
                return
            }
            // Rows below must be able to take what this row leaves.
            let capacityBelow = remaining[(row + 1)...].reduce(0, +)
            let lowest = max(0, left - capacityBelow)
            let highest = min(left, remaining[row])
            guard lowest <= highest else { return }
            for value in lowest...highest {
                column[row] = value
                remaining[row] -= value
                split(j, row: row + 1, left: left - value, logDenominator + logFactorials[value])
                remaining[row] += value
                if aborted { return }
            }
        }

        fill(0, 0)
        return aborted ? nil : min(1, sum)
    }

    /// Estimates the p-value from tables drawn uniformly among those with the observed margins, by the
    /// cheaper of two exact samplers: a partial shuffle of the n column slots (O(n − largest row) per
    /// draw, for small n) or sequential hypergeometric draws (O(r · c) calls of R's `rhyper`, for large n).
    private static func monteCarloP(
        _ table: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials
    ) -> Double {
        let slotsToDraw = table.total - (table.rowTotals.max() ?? 0)
        let hypergeometricCalls = (table.rowCount - 1) * (table.columnCount - 1)
        // One rhyper call with new parameters costs about as much as 60 shuffle steps (measured).
        return slotsToDraw <= 60 * hypergeometricCalls
            ? monteCarloByShuffle(table, constant: constant, threshold: threshold, logFactorials: logFactorials)
            : monteCarloByHypergeometric(table, constant: constant, threshold: threshold, logFactorials: logFactorials)
    }

    private static func monteCarloByShuffle(
        _ table: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials
    ) -> Double {
        var generator = SeededGenerator(seed: monteCarloSeed)
        let rowTotals = table.rowTotals
        let columnTotals = table.columnTotals
        // A uniformly random table with these margins is a random pairing of row labels with the n
        // column slots. Only the slots of the rows other than the largest need drawing: a partial
        // Fisher–Yates shuffle picks them, in order, in O(n − largest row) per draw.
        let background = rowTotals.indices.max { rowTotals[$0] < rowTotals[$1] }!
        let drawnRows = rowTotals.indices.filter { $0 != background }
        let drawn = drawnRows.reduce(0) { $0 + rowTotals[$1] }
        var columnOfSlot: [Int] = []
        for (column, total) in columnTotals.enumerated() { columnOfSlot += Array(repeating: column, count: total) }
        var slots = Array(columnOfSlot.indices)
        let n = slots.count
        var cells = Array(repeating: 0, count: drawnRows.count * columnTotals.count)
        var atMost = 0
        let columns = columnTotals.count
        slots.withUnsafeMutableBufferPointer { slots in
            cells.withUnsafeMutableBufferPointer { cells in
                for _ in 0..<monteCarloDraws {
                    for position in 0..<drawn {
                        slots.swapAt(position, position + generator.uniform(below: n - position))
                    }
                    for index in cells.indices { cells[index] = 0 }
                    var position = 0
                    for (rowIndex, row) in drawnRows.enumerated() {
                        for _ in 0..<rowTotals[row] {
                            cells[rowIndex * columns + columnOfSlot[slots[position]]] += 1
                            position += 1
                        }
                    }
                    var logDenominator = 0.0
                    for column in 0..<columns {
                        var rest = columnTotals[column]
                        for rowIndex in drawnRows.indices {
                            let count = cells[rowIndex * columns + column]
                            rest -= count
                            logDenominator += logFactorials[count]
                        }
                        logDenominator += logFactorials[rest]
                    }
                    if constant - logDenominator <= threshold { atMost += 1 }
                }
            }
        }
        return Double(1 + atMost) / Double(monteCarloDraws + 1)
    }

    /// Draws a table row by row: row i's total is spread over the columns' remaining totals as a
    /// multivariate hypergeometric draw, taken one column at a time with R's `rhyper` (its Swift port,
    /// ``HypergeometricSampler``: the same draws, and a stream of the test's own on any thread).
    private static func monteCarloByHypergeometric(
        _ table: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials
    ) -> Double {
        let rowTotals = table.rowTotals
        let columnTotals = table.columnTotals
        var random = HypergeometricSampler(seed: monteCarloSeed, largestUrn: table.total)
        var atMost = 0
        var remaining = columnTotals
        // The loops run on the arrays' storage (no bounds or uniqueness check per cell: every count is
        // within 0...total, which the log-factorials cover), and the sampler opened for drawing once;
        // the same draws and sums in the same order.
        random.withDraws { random in
            remaining.withUnsafeMutableBufferPointer { remaining in
                columnTotals.withUnsafeBufferPointer { columnTotals in
                    logFactorials.withUnsafeValues { logFactorials in
                        let last = remaining.count - 1
                        for _ in 0..<monteCarloDraws {
                            for column in 0...last { remaining[column] = columnTotals[column] }
                            var logDenominator = 0.0
                            for row in 0..<(rowTotals.count - 1) {
                                var left = rowTotals[row]
                                var slotsAfter = 0
                                for column in 0...last { slotsAfter += remaining[column] }
                                for column in 0..<last {
                                    slotsAfter -= remaining[column]
                                    let x = left == 0
                                        ? 0 : random.hypergeometric(white: remaining[column], black: slotsAfter, draws: left)
                                    remaining[column] -= x
                                    left -= x
                                    logDenominator += logFactorials[x]
                                }
                                remaining[last] -= left
                                logDenominator += logFactorials[left]
                            }
                            for column in 0...last { logDenominator += logFactorials[remaining[column]] }
                            if constant - logDenominator <= threshold { atMost += 1 }
                        }
                    }
                }
            }
        }
        random.recycle()
        return Double(1 + atMost) / Double(monteCarloDraws + 1)
    }
}

extension ContingencyTable {
    /// The table with rows and columns swapped.
    public func transposed() -> ContingencyTable {
        ContingencyTable((0..<columnCount).map { column in counts.map { $0[column] } })
    }
}

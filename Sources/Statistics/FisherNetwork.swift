import Foundation

/// The exact two-sided p-value of Fisher's test on an r × c table by the network algorithm of Mehta &
/// Patel (1983), in the form of R's FEXACT (Clarkson, Fan & Joe 1993).
///
/// A table is built one column (a stage) at a time. A node of the network is the multiset of the row
/// totals not yet used, so that nodes reached by different partial tables whose remaining row totals
/// are a permutation of each other merge; an arc fills one column. Write S(T) = Σ log xᵢⱼ! so that
/// log P(T) = K − S(T) with K = log(Π rᵢ! Π cⱼ! / n!); a table counts towards the p-value when
/// S(T) ≥ K − log(P(observed) (1 + ε)) (ε as in ``FisherExactTest``). At each node the distinct past sums S (of the columns filled
/// so far) are kept with their number of paths; those within a relative 10⁻¹² of each other merge.
/// A past s at a node whose completions have sums between `minimum` and `maximum` is
/// - counted whole when s + minimum reaches the limit: it adds weight · exp(K − s) · n′! / (Π r′ᵢ! Π c′ⱼ!),
///   the closed-form sum of Π 1/x! over all completions with the remaining margins r′, c′;
/// - dropped when s + maximum stays below the limit (no completion counts);
/// - carried along the arcs of the node otherwise.
/// `minimum` is bounded from below by the best of three relaxations (each column spread evenly over the
/// rows, each row spread evenly over the columns, and the Lagrangian dual of the separable convex
/// transportation problem, whose value at any multipliers is a lower bound); `maximum` from above by the
/// smaller of two relaxations (each column, or each row, concentrated in the largest cells). At the last
/// column both are exact, so every past is decided there.
///
/// Rows with equal remaining totals are interchangeable: a column is filled only in non-increasing order
/// within such a group, and the arc carries the number of distinct permutations as its weight.
///
/// Reference: Mehta & Patel (1983), JASA 78, 427–434; Mehta & Patel (1986), ACM TOMS 12, 154–161;
/// Clarkson, Fan & Joe (1993), ACM TOMS 19, 484–488.
struct FisherNetwork {
    /// A partial sum S of log x! over the cells filled so far, with the number of partial tables giving it.
    struct Past {
        var sum: Double
        var weight: Double
    }

    /// Work bounds: beyond any of them the network gives up (`pValue` returns `nil`) and the caller
    /// estimates the p-value by Monte Carlo. R's FEXACT, with its default `workspace = 200000`, keeps the
    /// nodes of a stage (but the last) in a hash table of 2 · LDKEY entries and their pasts in a stack of
    /// 30 · LDKEY, where LDKEY = (200000 − w)/318 − 1 and w is what its other arrays take (2(n + 1) for the
    /// log factorials, most of it), and stops with an error beyond. The network here is built in FEXACT's
    /// order and allowed as many nodes in a stage (``nodeLimit``) and eight times the pasts (``pastLimit``,
    /// cheap here). Calibrated on the `fisher_rxc` reference cases and on 87 random tables of 2 × 3 to 6 × 6
    /// with n = 30 to 6,000: every table R solved with its default workspace needed at most 0.91 of R's
    /// node and past limits here, and many that R solves only with a larger workspace are solved too.
    /// Giving up costs about 10 ms on a 2 × 6 table of n = 15,000.
    let nodeLimit: Int
    /// Distinct pasts (after merging) carried in one stage.
    let pastLimit: Int
    /// Steps in all, arcs plus the pasts carried along them (about 10⁷ a second): a bound on time.
    static let workLimit = 20_000_000

    /// FEXACT's LDKEY for an r × c table of n with R's default workspace (at least 1).
    static func fexactKeyCapacity(total n: Int, rows: Int, columns: Int) -> Int {
        let larger = max(rows, columns)
        let smaller = min(rows, columns)
        let k = rows + columns + 1
        let others = 2 * (n + 1) + 3 * larger + 2 * smaller + max(5 * k + 2 * k * larger, 7 * larger + 800)
            + 2 * (larger + 401)
        return max(1, (200_000 - others) / 318 - 1)
    }

    private let rows: [Int]
    /// Place values of the packed node key: remaining totals v (descending) pack to Σ vᵢ · placeᵢ with
    /// placeᵢ = Π_{h<i} (rowsₕ + 1); v is dominated by `rows` (both descending), so the packing is unique.
    /// `nil` when Π (rowsᵢ + 1) overflows an Int (R's FEXACT gives up sooner, at 2³¹).
    private let places: [Int]?
    private let columns: [Int]
    /// Total of columns k… (index columns.count gives 0).
    private let suffixTotals: [Int]
    /// Columns k… (the remaining columns at stage k).
    private let remainingColumns: [[Int]]
    private let logFactorials: LogFactorials
    private let constant: Double
    /// A table counts when its S is at least this.
    private let limit: Double

    /// The network of `table` (rows and columns with at least one observation), with K = `constant` and
    /// log(P(observed)(1 + ε)) = `threshold`. The smaller dimension is the node key; the larger one
    /// is filled column by column, smallest total first (as FEXACT does).
    init(_ table: ContingencyTable, constant: Double, threshold: Double, logFactorials: LogFactorials) {
        let oriented = table.rowCount <= table.columnCount ? table : table.transposed()
        rows = oriented.rowTotals.filter { $0 > 0 }.sorted(by: >)
        var places = [1]
        for row in rows {
            let (next, overflow) = places[places.count - 1].multipliedReportingOverflow(by: row + 1)
            if overflow { break }
            places.append(next)
        }
        self.places = places.count == rows.count + 1 ? places : nil
        let keyCapacity = Self.fexactKeyCapacity(total: oriented.total, rows: oriented.rowCount, columns: oriented.columnCount)
        nodeLimit = 2 * keyCapacity
        pastLimit = 8 * 30 * keyCapacity
        columns = oriented.columnTotals.filter { $0 > 0 }.sorted()
        var suffix = Array(repeating: 0, count: columns.count + 1)
        for k in stride(from: columns.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + columns[k] }
        suffixTotals = suffix
        let sortedColumns = columns
        remainingColumns = sortedColumns.indices.map { Array(sortedColumns[$0...]) }
        self.logFactorials = logFactorials
        self.constant = constant
        limit = constant - threshold
    }

    /// The p-value of `table` (rows and columns without observations dropped, at least 2 × 2 left), or
    /// `nil` beyond the work bound: the network on its own, for tests and benchmarks.
    static func pValue(_ table: ContingencyTable) -> Double? {
        let reduced = table.droppingEmptyMargins().table
        let logFactorials = LogFactorials(upTo: reduced.total)
        let rowSum: Double = reduced.rowTotals.reduce(0.0) { $0 + logFactorials[$1] }
        let columnSum: Double = reduced.columnTotals.reduce(0.0) { $0 + logFactorials[$1] }
        let cellSum: Double = reduced.counts.joined().reduce(0.0) { $0 + logFactorials[$1] }
        let constant = rowSum + columnSum - logFactorials[reduced.total]
        let threshold = constant - cellSum + FisherExactTest.logTolerance(reduced)
        return FisherNetwork(reduced, constant: constant, threshold: threshold, logFactorials: logFactorials).pValue()
    }

    /// The p-value, or `nil` when the network would exceed ``nodeLimit``, ``pastLimit`` or ``workLimit``.
    func pValue() -> Double? {
        guard let places else { return nil }
        let rootBounds = cheapBounds(rows, stage: 0)
        if rootBounds.minimum >= limit + margin(stage: 0) { return 1 }
        var p = 0.0
        var work = 0
        // The nodes of the current stage, and the pasts carried to them: runs of the previous stage's
        // merged pasts (the root's one past, 0 with weight 1, before the first), merged as each node is processed.
        var keys: [[Int]] = [rows]
        var carried = CarriedPasts()
        carried.carry(0..<1, arcSum: 0, multiplicity: 1, to: carried.addNode())
        var motherPasts = [Past(sum: 0, weight: 1)]
        var daughterIndex = NodeTable(capacity: nodeLimit)
        var seen = NodeTable(capacity: nodeLimit)
        var fills = Fills()
        var sums: [Double] = []
        var tail: [Double] = []
        for stage in columns.indices.dropLast() {
            let daughterStage = stage + 1
            let daughterMargin = margin(stage: daughterStage)
            var daughterKeys: [[Int]] = []
            var daughterBounds: [Bounds] = []
            var daughterTightened: [Bool] = []
            var daughterCarried = CarriedPasts()
            daughterIndex.removeAll()
            // This stage's nodes' merged pasts, one node after another: what the daughters' runs read.
            var stagePasts: [Past] = []
            // Pasts carried to the daughters so far (before merging), and when to count them merged next.
            var carriedCount = 0
            var nextCheck = pastLimit + 1
            for (node, key) in keys.enumerated() {
                let motherStart = stagePasts.count
                let motherCount = carried.merge(node: node, reading: motherPasts, into: &stagePasts)
                if stagePasts.count > pastLimit { return nil }
                sums.removeAll(keepingCapacity: true)
                for index in motherStart..<stagePasts.count { sums.append(stagePasts[index].sum) }
                let smallest = sums[0]
                // tail[i] = Σ_{j ≥ i} weightⱼ · exp(smallest − sumⱼ): the mass of the pasts from i on.
                tail.removeAll(keepingCapacity: true)
                tail.append(contentsOf: repeatElement(0.0, count: motherCount + 1))
                for i in stride(from: motherCount - 1, through: 0, by: -1) {
                    tail[i] = tail[i + 1] + stagePasts[motherStart + i].weight * exp(smallest - stagePasts[motherStart + i].sum)
                }
                fills.generate(from: key, total: columns[stage], places: places, logFactorials: logFactorials)
                if daughterStage == columns.count - 1 {
                    // The last column is forced: each fill completes one table, decided exactly.
                    for f in 0..<fills.count {
                        let tableSum = fills[f].sum + fills[f].restSum
                        let counted = Self.firstIndex(in: sums, notBelow: limit - tableSum)
                        if counted < motherCount {
                            p += fills[f].multiplicity * tail[counted] * exp(constant - smallest - tableSum)
                        }
                    }
                    work += fills.count
                    if work > Self.workLimit { return nil }
                    continue
                }
                // The fills below stop at the node limit once they reach that many distinct nodes: know it
                // before bounding each one (on a 2 × k table of n = 20,000 the first column has a thousand).
                if daughterKeys.count + fills.count > nodeLimit,
                    Self.newNodes(of: fills, beside: daughterIndex, seen: &seen, upTo: nodeLimit - daughterKeys.count + 1)
                        > nodeLimit - daughterKeys.count
                {
                    return nil
                }
                for f in 0..<fills.count {
                    let packed = fills[f].packedKey
                    let arcSum = fills[f].sum
                    let multiplicity = fills[f].multiplicity
                    let slot = daughterIndex.slot(of: packed)
                    var index = daughterIndex.node(at: slot)
                    if index < 0 {
                        index = daughterKeys.count
                        if index == nodeLimit { return nil }
                        daughterIndex.insert(packed, node: index, at: slot)
                        let remaining = Self.unpack(packed, places: places)
                        daughterKeys.append(remaining)
                        daughterBounds.append(cheapBounds(remaining, stage: daughterStage))
                        daughterTightened.append(daughterStage == columns.count - 1)
                        _ = daughterCarried.addNode()
                    }
                    // Pasts below `dropped` have no counting completion; from `counted` on every one counts.
                    let dropped = Self.firstIndex(in: sums, notBelow: limit - daughterMargin - arcSum - daughterBounds[index].maximum)
                    var counted = Self.firstIndex(in: sums, notBelow: limit + daughterMargin - arcSum - daughterBounds[index].minimum)
                    if dropped < counted, !daughterTightened[index] {
                        let key = daughterKeys[index]
                        let lagrangian = LagrangianBoundCache.bound(rows: key, columns: remainingColumns[daughterStage]) {
                            lagrangianMinimum(key, stage: daughterStage)
                        }
                        daughterBounds[index].minimum = max(daughterBounds[index].minimum, lagrangian)
                        daughterTightened[index] = true
                        counted = Self.firstIndex(in: sums, notBelow: limit + daughterMargin - arcSum - daughterBounds[index].minimum)
                    }
                    if counted < motherCount {
                        p += multiplicity * tail[counted]
                            * exp(constant - smallest - arcSum + daughterBounds[index].logCount)
                    }
                    work += 1 + max(0, counted - dropped)
                    if work > Self.workLimit { return nil }
                    if dropped < counted {
                        daughterCarried.carry(
                            (motherStart + dropped)..<(motherStart + counted), arcSum: arcSum, multiplicity: multiplicity,
                            to: index)
                        carriedCount += counted - dropped
                        if carriedCount >= nextCheck {
                            // The next stage will give up on its pasts: give up now, before they take memory.
                            if Self.mergedCountExceeds(pastLimit, daughterCarried, reading: stagePasts) { return nil }
                            nextCheck = 2 * carriedCount
                        }
                    }
                }
            }
            let live = daughterKeys.indices.filter { daughterCarried.hasPasts($0) }
            keys = live.map { daughterKeys[$0] }
            daughterCarried.keepNodes(live)
            carried = daughterCarried
            motherPasts = stagePasts
        }
        return min(1, p)
    }

    /// The margin that keeps rounding in the bounds from deciding a past; none at the last column, where
    /// the bounds are exact.
    private func margin(stage: Int) -> Double {
        stage == columns.count - 1 ? 0 : 1e-9 * max(1, abs(limit))
    }

    /// The first index of ascending `values` whose value is at least `bound` (`values.count` if none).
    private static func firstIndex(in values: [Double], notBelow bound: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The number of distinct keys among `fills` that `index` does not hold, counted up to `bound` (at
    /// most the node limit + 1); `seen` is scratch, left empty.
    private static func newNodes(of fills: Fills, beside index: NodeTable, seen: inout NodeTable, upTo bound: Int) -> Int {
        var count = 0
        for f in 0..<fills.count where count < bound {
            let packed = fills[f].packedKey
            if index.node(at: index.slot(of: packed)) >= 0 { continue }
            let slot = seen.slot(of: packed)
            if seen.node(at: slot) >= 0 { continue }
            count += 1
            if count < bound { seen.insert(packed, node: count, at: slot) }
        }
        seen.removeAll()
        return count
    }

    /// Whether the daughters' pasts, each merged, number more than `limit` in all: then the next stage
    /// stops at its ``pastLimit``. Merging more pasts into a node never makes fewer runs (a run's reach
    /// grows with its first sum, so the runs are a smallest cover), so the count now is a lower bound on
    /// the next stage's.
    private static func mergedCountExceeds(_ limit: Int, _ daughters: CarriedPasts, reading pasts: [Past]) -> Bool {
        var count = 0
        var scratch: [Past] = []
        for node in 0..<daughters.nodeCount {
            scratch.removeAll(keepingCapacity: true)
            count += daughters.merge(node: node, reading: pasts, into: &scratch)
            if count > limit { return true }
        }
        return false
    }

    private struct Bounds {
        var minimum: Double
        var maximum: Double
        /// log Σ over completions of Π 1/x! = log(n′! / (Π r′ᵢ! Π c′ⱼ!)).
        var logCount: Double
    }

    /// Bounds on S over the completions of a node from the even and concentrated relaxations.
    private func cheapBounds(_ key: [Int], stage: Int) -> Bounds {
        let rest = columns[stage...]
        var logCount = logFactorials[suffixTotals[stage]]
        for r in key { logCount -= logFactorials[r] }
        for c in rest { logCount -= logFactorials[c] }
        var columnsEven = 0.0
        var columnsConcentrated = 0.0
        var rowsEven = 0.0
        var rowsConcentrated = 0.0
        // The key is descending, the columns ascending: each relaxation takes its caps in the order it
        // needs by walking them forwards or backwards.
        key.withUnsafeBufferPointer { key in
            rest.withUnsafeBufferPointer { rest in
                for c in rest {
                    columnsEven += evenSpread(c, caps: key, descending: true)
                    columnsConcentrated += concentrated(c, caps: key, descending: true)
                }
                for r in key {
                    rowsEven += evenSpread(r, caps: rest, descending: false)
                    rowsConcentrated += concentrated(r, caps: rest, descending: false)
                }
            }
        }
        return Bounds(
            minimum: max(columnsEven, rowsEven), maximum: min(columnsConcentrated, rowsConcentrated), logCount: logCount)
    }

    /// min Σ log xᵢ! subject to Σ xᵢ = total, 0 ≤ xᵢ ≤ capsᵢ: the total spread as evenly as the caps allow
    /// (`caps` sorted, `descending` or ascending).
    private func evenSpread(_ total: Int, caps: UnsafeBufferPointer<Int>, descending: Bool) -> Double {
        let count = caps.count
        var left = total
        var sum = 0.0
        for index in 0..<count {
            let cap = descending ? caps[count - 1 - index] : caps[index]
            let share = left / (count - index)
            if cap <= share {
                sum += logFactorials[cap]
                left -= cap
            } else {
                // Every cap from here on exceeds the share: spread the rest in shares and shares + 1.
                let rest = count - index
                let q = left / rest
                let extra = left % rest
                sum += Double(extra) * logFactorials[q + 1] + Double(rest - extra) * logFactorials[q]
                break
            }
        }
        return sum
    }

    /// max Σ log xᵢ! subject to Σ xᵢ = total, 0 ≤ xᵢ ≤ capsᵢ: the largest caps filled first (this vector
    /// majorizes every other, and Σ log x! is Schur-convex; `caps` sorted, `descending` or ascending).
    private func concentrated(_ total: Int, caps: UnsafeBufferPointer<Int>, descending: Bool) -> Double {
        let count = caps.count
        var left = total
        var sum = 0.0
        var index = 0
        while index < count, left > 0 {
            let cap = descending ? caps[index] : caps[count - 1 - index]
            let x = min(cap, left)
            sum += logFactorials[x]
            left -= x
            index += 1
        }
        return sum
    }

    /// A lower bound on min S over the completions: the Lagrangian dual of the transportation problem
    /// min Σ log xᵢⱼ! with margins r, c, at multipliers aᵢ, bⱼ improved by two rounds of coordinate ascent
    /// from aᵢ + bⱼ = log(rᵢ cⱼ / n′). Every (a, b) gives Σ aᵢ rᵢ + Σ bⱼ cⱼ + Σ min over 0 ≤ x ≤ min(rᵢ, cⱼ) of
    /// (log x! − (aᵢ + bⱼ) x) ≤ min S, the inner minimum at x = min(cap, ⌊e^(aᵢ+bⱼ)⌋).
    /// (Kept by node in ``LagrangianBoundCache``.)
    private func lagrangianMinimum(_ key: [Int], stage: Int) -> Double {
        let rest = remainingColumns[stage]
        // Multipliers kept as e^a, e^b; the best cell is min(cap, ⌊e^a · e^b⌋).
        let total = Double(suffixTotals[stage])
        var rowMultipliers = key.map { Double($0) }
        var columnMultipliers = rest.map { Double($0) / total }

        rest.withUnsafeBufferPointer { rest in
            key.withUnsafeBufferPointer { key in
                rowMultipliers.withUnsafeMutableBufferPointer { rowMultipliers in
                    columnMultipliers.withUnsafeMutableBufferPointer { columnMultipliers in
                        for _ in 0..<2 {
                            LagrangianMultiplier.solve(
                                lineTotals: key, into: rowMultipliers, others: UnsafeBufferPointer(columnMultipliers),
                                otherTotals: rest)
                            LagrangianMultiplier.solve(
                                lineTotals: rest, into: columnMultipliers, others: UnsafeBufferPointer(rowMultipliers),
                                otherTotals: key)
                        }
                    }
                }
            }
        }
        let a = rowMultipliers.map { log($0) }
        let b = columnMultipliers.map { log($0) }
        var value = 0.0
        for i in key.indices { value += a[i] * Double(key[i]) }
        for j in rest.indices { value += b[j] * Double(rest[j]) }
        for i in key.indices {
            for j in rest.indices {
                let cap = min(key[i], rest[j])
                let product = rowMultipliers[i] * columnMultipliers[j]
                let x = product >= Double(cap) ? cap : Int(product)
                value += logFactorials[x] - (a[i] + b[j]) * Double(x)
            }
        }
        return value
    }

    /// The remaining totals (descending, zeros dropped) of a packed key.
    private static func unpack(_ packed: Int, places: [Int]) -> [Int] {
        // One array, written in place (the digits from the highest place down), its zeros then removed.
        var values = [Int](repeating: 0, count: places.count - 1)
        var rest = packed
        for i in stride(from: places.count - 2, through: 0, by: -1) {
            values[i] = rest / places[i]
            rest %= places[i]
        }
        values.removeAll { $0 == 0 }
        return values
    }
}

/// The ways to fill one column of the network from the rows' remaining totals, in one flat array (reused
/// from node to node): for each, the packed key of the remaining totals afterwards, Σ log x! over the
/// column, and the number of fills that are permutations of it within groups of equal totals (only fills
/// non-increasing within such a group are generated).
struct Fills {
    /// One fill of the column.
    struct Fill {
        /// The packed key of the remaining totals afterwards.
        let packedKey: Int
        /// Σ log x! over the column.
        let sum: Double
        /// The number of fills that are permutations of it within groups of equal totals.
        let multiplicity: Double
        /// Σ log r′! over the remaining totals afterwards: S of the last column when it is forced.
        let restSum: Double
    }

    /// The fills, in one array: one append a fill (one uniqueness and capacity check, not four).
    private var fills: [Fill] = []
    var count: Int { fills.count }

    /// The fill at `index`.
    subscript(index: Int) -> Fill { fills[index] }

    private var fill: [Int] = []
    private var left: [Int] = []
    private var partial: [Double] = []
    private var capacityBelow: [Int] = []
    private var scratch: [Int] = []

    /// Every fill of a column of `total` from `key` (remaining totals, descending, all positive).
    mutating func generate(from key: [Int], total: Int, places: [Int], logFactorials: LogFactorials) {
        if key.count == 2, key[0] > key[1] {
            fills.removeAll(keepingCapacity: true)
            generateTwo(from: key[0], key[1], total: total, places: places, logFactorials: logFactorials)
        } else {
            generateByWalk(from: key, total: total, places: places, logFactorials: logFactorials)
        }
    }

    /// Every fill by the depth-first walk over the rows, for any key (``generate(from:total:places:logFactorials:)``
    /// takes a shorter way for two rows of different totals; the tests compare the two).
    mutating func generateByWalk(from key: [Int], total: Int, places: [Int], logFactorials: LogFactorials) {
        fills.removeAll(keepingCapacity: true)
        let m = key.count
        Self.reset(&fill, count: m, to: 0)
        Self.reset(&left, count: m + 1, to: 0)
        Self.reset(&partial, count: m + 1, to: 0)
        Self.reset(&scratch, count: m, to: 0)
        Self.reset(&capacityBelow, count: m + 1, to: 0)
        for i in stride(from: m - 1, through: 0, by: -1) { capacityBelow[i] = capacityBelow[i + 1] + key[i] }
        left[0] = total

        // The walk runs on the scratch arrays' storage, taken out of `self` meanwhile, so that a write
        // costs no uniqueness check.
        var (fill, left, partial, scratch) = (self.fill, self.left, self.partial, self.scratch)
        (self.fill, self.left, self.partial, self.scratch) = ([], [], [], [])
        fill.withUnsafeMutableBufferPointer { fill in
            left.withUnsafeMutableBufferPointer { left in
                partial.withUnsafeMutableBufferPointer { partial in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        key.withUnsafeBufferPointer { key in
                            walk(key: key, fill: fill, left: left, partial: partial, scratch: scratch, places: places, logFactorials: logFactorials)
                        }
                    }
                }
            }
        }
        (self.fill, self.left, self.partial, self.scratch) = (fill, left, partial, scratch)
    }

    /// The fills of two rows of different totals `first` > `second` (every row table of a 2 × k
    /// crosstab): the walk's, in its order and with its arithmetic, without its bookkeeping. The first
    /// row takes each value from its largest down to the least the second can complete, the second the
    /// rest; the column's sum is 0 + log f₀! + log f₁! (the walk's partial sums, 0 + x = x); the remaining
    /// totals are sorted descending and packed, their sum taken in that order from 0; two rows of
    /// different totals form no group, so every multiplicity is 1.
    private mutating func generateTwo(
        from first: Int, _ second: Int, total: Int, places: [Int], logFactorials: LogFactorials
    ) {
        let highest = min(total, first)
        let lowest = max(0, total - second)
        guard lowest <= highest else { return }
        let (firstPlace, secondPlace) = (places[0], places[1])
        // The array sized first (in the storage it has), then written in place: an append per fill, or
        // appending a lazy map, cost about three times the fill's own arithmetic.
        fills.append(contentsOf: repeatElement(Fill(packedKey: 0, sum: 0, multiplicity: 0, restSum: 0), count: highest - lowest + 1))
        fills.withUnsafeMutableBufferPointer { fills in
            logFactorials.withUnsafeValues { logFactorials in
                for index in fills.indices {
                    let taken = highest - index
                    let rest = total - taken
                    let (left, right) = (first - taken, second - rest)
                    let (larger, smaller) = left < right ? (right, left) : (left, right)
                    fills[index] = Fill(
                        packedKey: larger * firstPlace + smaller * secondPlace,
                        sum: logFactorials[taken] + logFactorials[rest], multiplicity: 1,
                        restSum: logFactorials[larger] + logFactorials[smaller])
                }
            }
        }
    }

    /// Depth-first over rows: each row takes its largest allowed value first, then one less, down to the
    /// least that the rows below can still complete; each complete column emitted.
    private mutating func walk(
        key: UnsafeBufferPointer<Int>, fill: UnsafeMutableBufferPointer<Int>, left: UnsafeMutableBufferPointer<Int>,
        partial: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Int>, places: [Int],
        logFactorials: LogFactorials
    ) {
        let m = key.count
        func highest(_ i: Int) -> Int {
            let tiedCap = i > 0 && key[i] == key[i - 1] ? fill[i - 1] : Int.max
            return min(left[i], key[i], tiedCap)
        }
        var i = 0
        fill[0] = highest(0)
        while true {
            if fill[i] < max(0, left[i] - capacityBelow[i + 1]) {
                if i == 0 { break }
                i -= 1
                fill[i] -= 1
                continue
            }
            left[i + 1] = left[i] - fill[i]
            partial[i + 1] = partial[i] + logFactorials[fill[i]]
            if i == m - 1 {
                emit(key: key, fill: UnsafeBufferPointer(fill), sum: partial[m], scratch: scratch, places: places, logFactorials: logFactorials)
                fill[i] -= 1
                continue
            }
            i += 1
            fill[i] = highest(i)
        }
    }

    /// Sets `buffer` to `count` copies of `value`, in the storage it has.
    private static func reset<T>(_ buffer: inout [T], count: Int, to value: T) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: repeatElement(value, count: count))
    }

    private mutating func emit(
        key: UnsafeBufferPointer<Int>, fill: UnsafeBufferPointer<Int>, sum: Double, scratch: UnsafeMutableBufferPointer<Int>,
        places: [Int], logFactorials: LogFactorials
    ) {
        let m = key.count
        // Insertion sort of the remaining totals, descending, then packed.
        for j in 0..<m {
            let value = key[j] - fill[j]
            var h = j
            while h > 0, scratch[h - 1] < value {
                scratch[h] = scratch[h - 1]
                h -= 1
            }
            scratch[h] = value
        }
        var packed = 0
        var restSum = 0.0
        for j in 0..<m {
            packed += scratch[j] * places[j]
            restSum += logFactorials[scratch[j]]
        }
        // Within each group of equal totals: group size! / Π (size of each run of equal values)!.
        var multiplicity = 1.0
        var groupStart = 0
        while groupStart < m {
            var groupEnd = groupStart + 1
            while groupEnd < m, key[groupEnd] == key[groupStart] { groupEnd += 1 }
            if groupEnd - groupStart > 1 {
                var logValue = logFactorials[groupEnd - groupStart]
                var runStart = groupStart
                while runStart < groupEnd {
                    var runEnd = runStart + 1
                    while runEnd < groupEnd, fill[runEnd] == fill[runStart] { runEnd += 1 }
                    logValue -= logFactorials[runEnd - runStart]
                    runStart = runEnd
                }
                multiplicity *= exp(logValue).rounded()
            }
            groupStart = groupEnd
        }
        fills.append(Fill(packedKey: packed, sum: sum, multiplicity: multiplicity, restSum: restSum))
    }
}

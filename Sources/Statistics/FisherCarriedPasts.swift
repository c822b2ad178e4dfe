/// The pasts one stage of ``FisherNetwork`` carries to the nodes of the next, kept as runs instead of
/// copies: an arc carries a range of its mother's merged pasts (ascending by sum), each shifted by the
/// arc's sum and its weight scaled by the arc's multiplicity. A node's runs are linked in the order the
/// arcs carried them.
///
/// ``merge(node:reading:into:)`` gives what sorting the node's carried pasts stably by sum and merging
/// those within a relative 10⁻¹² of the first of a run (weights added in order) gave when the pasts were
/// copied: every run is ascending (a past plus the arc's sum is rounded monotonically), so merging the
/// runs pairwise, the earlier run's past first on equal sums, gives the stable sort's order, and each
/// carried past is the same sum and product as its copy was. (Swift's stable sort found the same runs
/// but first extended the short ones by insertion sort, and the copies cost an append each.)
struct CarriedPasts {
    /// A range of a mother's pasts carried along one arc.
    struct Run {
        /// The first past of the range, in the mothers' pasts.
        let start: Int
        /// The end of the range, in the mothers' pasts.
        let end: Int
        /// Σ log x! of the arc's column, added to every past's sum.
        let arcSum: Double
        /// The arc's number of fills, every past's weight multiplied by it.
        let multiplicity: Double
        /// The node's next run, −1 for its last.
        var next = -1
    }

    /// Every node's runs, in the order they were carried.
    private var runs: [Run] = []
    /// Each node's first and last run, −1 while it has none.
    private var first: [Int] = []
    private var last: [Int] = []

    /// The nodes' number.
    var nodeCount: Int { first.count }

    /// Adds a node with nothing carried to it yet; returns its index.
    mutating func addNode() -> Int {
        first.append(-1)
        last.append(-1)
        return first.count - 1
    }

    /// Whether anything was carried to `node`.
    func hasPasts(_ node: Int) -> Bool { first[node] >= 0 }

    /// Carries the mothers' pasts `range` along an arc of `arcSum` and `multiplicity` to `node`.
    mutating func carry(_ range: Range<Int>, arcSum: Double, multiplicity: Double, to node: Int) {
        let index = runs.count
        runs.append(Run(start: range.lowerBound, end: range.upperBound, arcSum: arcSum, multiplicity: multiplicity))
        if last[node] >= 0 { runs[last[node]].next = index } else { first[node] = index }
        last[node] = index
    }

    /// Only the pasts of the nodes in `kept`, renumbered in that order (the runs themselves stay).
    mutating func keepNodes(_ kept: [Int]) {
        first = kept.map { first[$0] }
        last = kept.map { last[$0] }
    }

    /// Appends `node`'s carried pasts, sorted by sum and merged, to `output`, reading the mothers' merged
    /// pasts `pasts`; returns how many were appended.
    func merge(node: Int, reading pasts: [FisherNetwork.Past], into output: inout [FisherNetwork.Past]) -> Int {
        guard first[node] >= 0 else { return 0 }
        // The node's runs, and room for all their pasts (merging leaves at most as many).
        var nodeRuns: [Run] = []
        var carried = 0
        var runIndex = first[node]
        while runIndex >= 0 {
            nodeRuns.append(runs[runIndex])
            carried += runs[runIndex].end - runs[runIndex].start
            runIndex = runs[runIndex].next
        }
        let before = output.count
        output.append(contentsOf: repeatElement(FisherNetwork.Past(sum: 0, weight: 0), count: carried))
        let written = pasts.withUnsafeBufferPointer { pasts in
            output.withUnsafeMutableBufferPointer { output in
                nodeRuns.withUnsafeBufferPointer { nodeRuns in
                    Self.merge(nodeRuns, reading: pasts, into: UnsafeMutableBufferPointer(rebasing: output[before...]))
                }
            }
        }
        output.removeLast(carried - written)
        return written
    }

    /// Merges a node's runs `nodeRuns` into `output`; returns how many merged pasts it wrote. The runs' pasts
    /// are laid out one run after another, adjacent runs merged pairwise round by round (the left one's
    /// past first on equal sums, so the order is the stable sort's), and the last two merged into `output`.
    private static func merge(
        _ nodeRuns: UnsafeBufferPointer<Run>, reading pasts: UnsafeBufferPointer<FisherNetwork.Past>,
        into output: UnsafeMutableBufferPointer<FisherNetwork.Past>
    ) -> Int {
        var merger = Merger(output: output)
        if nodeRuns.count == 1 {
            // One run: already in order.
            let run = nodeRuns[0]
            for index in run.start..<run.end { merger.take(pasts[index].sum + run.arcSum, pasts[index].weight * run.multiplicity) }
            return merger.finish()
        }
        let total = output.count
        return withUnsafeTemporaryAllocation(of: FisherNetwork.Past.self, capacity: 2 * total) { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: nodeRuns.count + 1) { bounds in
                var source = buffer.baseAddress!
                var target = source + total
                var runs = 0
                var offset = 0
                bounds[0] = 0
                for run in nodeRuns {
                    for index in run.start..<run.end {
                        source[offset] = FisherNetwork.Past(
                            sum: pasts[index].sum + run.arcSum, weight: pasts[index].weight * run.multiplicity)
                        offset += 1
                    }
                    runs += 1
                    bounds[runs] = offset
                }
                while runs > 2 {
                    var merged = 0
                    for pair in stride(from: 0, to: runs, by: 2) {
                        let (low, middle) = (bounds[pair], bounds[pair + 1])
                        let high = pair + 2 <= runs ? bounds[pair + 2] : middle
                        var (left, right, place) = (low, middle, low)
                        while left < middle, right < high {
                            if source[right].sum < source[left].sum {
                                target[place] = source[right]
                                right += 1
                            } else {
                                target[place] = source[left]
                                left += 1
                            }
                            place += 1
                        }
                        while left < middle {
                            target[place] = source[left]
                            left += 1
                            place += 1
                        }
                        while right < high {
                            target[place] = source[right]
                            right += 1
                            place += 1
                        }
                        merged += 1
                        bounds[merged] = high
                    }
                    runs = merged
                    swap(&source, &target)
                }
                let (middle, high) = (bounds[1], bounds[runs])
                var (left, right) = (0, middle)
                while left < middle, right < high {
                    if source[right].sum < source[left].sum {
                        merger.take(source[right].sum, source[right].weight)
                        right += 1
                    } else {
                        merger.take(source[left].sum, source[left].weight)
                        left += 1
                    }
                }
                for index in left..<middle { merger.take(source[index].sum, source[index].weight) }
                for index in right..<high { merger.take(source[index].sum, source[index].weight) }
                return merger.finish()
            }
        }
    }

    /// Pasts taken in order of sum, those within a relative 10⁻¹² of the first of a run merged (their
    /// weights added in the order taken), written to `output`.
    private struct Merger {
        let output: UnsafeMutableBufferPointer<FisherNetwork.Past>
        var written = 0
        var current = FisherNetwork.Past(sum: 0, weight: 0)

        @inline(__always)
        mutating func take(_ sum: Double, _ weight: Double) {
            if written > 0, sum - current.sum <= 1e-12 * max(1, abs(current.sum)) {
                current.weight += weight
            } else {
                if written > 0 { output[written - 1] = current }
                current = FisherNetwork.Past(sum: sum, weight: weight)
                written += 1
            }
        }

        /// The number of merged pasts written.
        mutating func finish() -> Int {
            if written > 0 { output[written - 1] = current }
            return written
        }
    }
}

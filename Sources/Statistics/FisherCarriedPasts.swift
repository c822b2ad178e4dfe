/// The pasts one stage of ``FisherNetwork`` carries to the nodes of the next, kept as runs instead of
/// copies: an arc carries a range of its mother's merged pasts (ascending by sum), each shifted by the
/// arc's sum and its weight scaled by the arc's multiplicity. A node's runs are linked in the order the
/// arcs carried them.
///
/// ``merge(node:reading:into:)`` gives what sorting the node's carried pasts stably by sum and merging
/// those within a relative 10⁻¹² of the first of a run (weights added in order) gave when the pasts were
/// copied: each carried past is the same sum and product as its copy was, and a bucket sort whose buckets
/// are in order of sum and which keeps equal sums in the order carried gives the stable sort's order.
/// (Swift's stable sort found the ascending runs but first extended the short ones by insertion sort;
/// merging the runs pairwise, round by round, took about four rounds a past, each a branch that the
/// sums' order decides.)
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

    /// The most pasts one bucket of the merge may hold; a node with a larger bucket (sums crowded in a
    /// small part of their range, whose insertion sort would take up to the square of its size) is sorted
    /// by the standard library's stable sort instead.
    static let largestBucket = 64

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
        // Room for all the node's pasts (merging leaves at most as many).
        var carried = 0
        var runIndex = first[node]
        while runIndex >= 0 {
            carried += runs[runIndex].end - runs[runIndex].start
            runIndex = runs[runIndex].next
        }
        let before = output.count
        output.append(contentsOf: repeatElement(FisherNetwork.Past(sum: 0, weight: 0), count: carried))
        let written = pasts.withUnsafeBufferPointer { pasts in
            output.withUnsafeMutableBufferPointer { output in
                runs.withUnsafeBufferPointer { runs in
                    Self.merge(
                        runs, from: first[node], reading: pasts, into: UnsafeMutableBufferPointer(rebasing: output[before...]))
                }
            }
        }
        output.removeLast(carried - written)
        return written
    }

    /// Merges a node's runs, those of `runs` linked from `first`, into `output` (room for all their pasts);
    /// returns how many merged pasts it wrote. The runs' pasts are laid out one run after another
    /// and sorted stably by sum by buckets: as many buckets as pasts over the range of the sums, a past's
    /// bucket ⌊(sum − lowest) · scale⌋ (non-decreasing in the sum, so equal sums share a bucket and the
    /// buckets come in order), the pasts placed bucket by bucket in the order laid out, each then inserted
    /// after the pasts of no larger sum before it (so equal sums stay in the order of their runs: the
    /// stable sort's); beyond ``largestBucket`` the standard library's stable sort. At S a carried past
    /// moves 0.3 places in the insertion sort on average.
    private static func merge(
        _ runs: UnsafeBufferPointer<Run>, from first: Int, reading pasts: UnsafeBufferPointer<FisherNetwork.Past>,
        into output: UnsafeMutableBufferPointer<FisherNetwork.Past>
    ) -> Int {
        let total = output.count
        if runs[first].next < 0 || total < 2 {
            // One run (or one past): already in order.
            var merger = Merger(output: output)
            var runIndex = first
            while runIndex >= 0 {
                let run = runs[runIndex]
                for index in run.start..<run.end { merger.take(pasts[index].sum + run.arcSum, pasts[index].weight * run.multiplicity) }
                runIndex = run.next
            }
            return merger.finish()
        }
        return withUnsafeTemporaryAllocation(of: FisherNetwork.Past.self, capacity: 2 * total) { buffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * total + 1) { buckets in
                var merger = Merger(output: output)
                let laid = buffer.baseAddress!
                let sorted = laid + total
                // Each run ascends: the sums' range from its ends. (A bucket is clamped into range, so a
                // run out of order would cost time, not order.)
                var lowest = Double.infinity
                var highest = -Double.infinity
                var runIndex = first
                while runIndex >= 0 {
                    let run = runs[runIndex]
                    if run.start < run.end {
                        lowest = min(lowest, pasts[run.start].sum + run.arcSum)
                        highest = max(highest, pasts[run.end &- 1].sum + run.arcSum)
                    }
                    runIndex = run.next
                }
                var scale = Double(total) / (highest - lowest)
                if !scale.isFinite { scale = 0 }
                let lastBucket = Double(total &- 1)
                // bucketOf[i]: past i's bucket; next[b]: where bucket b's next past goes (first its start).
                let bucketOf = buckets.baseAddress!
                let next = bucketOf + total
                for b in 0...total { next[b] = 0 }
                var offset = 0
                runIndex = first
                while runIndex >= 0 {
                    let run = runs[runIndex]
                    runIndex = run.next
                    for index in run.start..<run.end {
                        let sum = pasts[index].sum + run.arcSum
                        laid[offset] = FisherNetwork.Past(sum: sum, weight: pasts[index].weight * run.multiplicity)
                        let bucket = Int(min(lastBucket, max(0, (sum - lowest) * scale)))
                        bucketOf[offset] = bucket
                        next[bucket &+ 1] &+= 1
                        offset &+= 1
                    }
                }
                var largest = 0
                for b in 0..<total {
                    largest = max(largest, next[b &+ 1])
                    next[b &+ 1] &+= next[b]
                }
                if largest > largestBucket {
                    var all = UnsafeMutableBufferPointer(start: laid, count: total)
                    all.sort { $0.sum < $1.sum }
                    for i in 0..<total { merger.take(laid[i].sum, laid[i].weight) }
                    return merger.finish()
                }
                for i in 0..<total {
                    let bucket = bucketOf[i]
                    sorted[next[bucket]] = laid[i]
                    next[bucket] &+= 1
                }
                // Insertion sort: a past moves only within its bucket (every earlier bucket's sums are
                // smaller), and never past an equal sum.
                for i in 1..<total {
                    let past = sorted[i]
                    var place = i
                    while place > 0, sorted[place &- 1].sum > past.sum {
                        sorted[place] = sorted[place &- 1]
                        place &-= 1
                    }
                    sorted[place] = past
                }
                for i in 0..<total { merger.take(sorted[i].sum, sorted[i].weight) }
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

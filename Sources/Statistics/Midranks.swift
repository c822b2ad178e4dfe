/// Ranks 1…N of a sample with ties given their average rank (midranks), and the sizes of its ties: what
/// the rank tests (``MannWhitneyUTest``, ``KruskalWallisTest``) need from their values.
///
/// The values are sorted once (a plain sort of a copy: equal values are interchangeable, so no order of
/// indices is kept); a run of equal values at sorted positions s…e gets the rank (s + e)/2 + 1, and each
/// value its run's rank by a binary search among the distinct values. The ranks are those of sorting the
/// indices by value, ties in index order, and the runs' sizes those of grouping equal values.
struct Midranks {
    /// `ranks[i]`: the midrank of the `i`-th value.
    let ranks: [Double]
    /// The number of values in each run of equal values, in increasing order of the value.
    let tieSizes: [Int]

    /// - Precondition: no value is NaN (the tests refuse non-finite values first).
    init(_ values: [Double]) {
        let sorted = values.sorted()
        var distinct: [Double] = []
        var averages: [Double] = []
        var sizes: [Int] = []
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count && sorted[end + 1] == sorted[start] { end += 1 }
            distinct.append(sorted[start])
            averages.append(Double(start + end) / 2 + 1)
            sizes.append(end - start + 1)
            start = end + 1
        }
        ranks = values.map { value in
            // The first distinct value not below `value`: `value` itself.
            var (low, high) = (0, distinct.count - 1)
            while low < high {
                let middle = (low + high) / 2
                if distinct[middle] < value { low = middle + 1 } else { high = middle }
            }
            return averages[low]
        }
        tieSizes = sizes
    }
}

/// log(k!) for k = 0…n, from R's log-gamma: log(k!) = lgamma(k + 1).
///
/// The values come from one table shared by the whole process, extended when a larger n is asked for:
/// every test of a study's tables needs the same log-factorials up to about its number of participants,
/// and log-gamma costs a call into R's math library each. A value is the same whichever table computed it.
struct LogFactorials {
    private let values: [Double]

    init(upTo n: Int) {
        values = Self.table.values(upTo: max(n, 1))
    }

    subscript(k: Int) -> Double { values[k] }

    /// Calls `body` with the values' storage: log(k!) at index k, for k = 0…n and maybe beyond.
    func withUnsafeValues<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    private static let table = SharedValueTable { Distribution.logGamma(Double($0) + 1) }
}

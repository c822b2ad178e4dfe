import Synchronization

/// Values f(0), f(1), … computed once for the whole process and shared by every caller, extended when
/// a caller asks for more: the log-factorial tables of Fisher's tests (``LogFactorials``) and of the
/// Monte Carlo draws (``ApproximateLogFactorials``). A value is the same whichever caller computed it.
final class SharedValueTable: Sendable {
    private let values = Mutex<[Double]>([])
    private let value: @Sendable (Int) -> Double

    /// The table of `value(i)`.
    init(_ value: @escaping @Sendable (Int) -> Double) {
        self.value = value
    }

    /// The values for 0…n (at least), extended first if the table is shorter.
    func values(upTo n: Int) -> [Double] {
        values.withLock { values in
            if values.count <= n {
                values.reserveCapacity(n + 1)
                for i in values.count...n { values.append(value(i)) }
            }
            return values
        }
    }
}

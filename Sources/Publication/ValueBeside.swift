import Dispatch

/// A value computed on a worker thread while the caller goes on (or at once, on the caller's thread,
/// when not `concurrently`); ``value()`` waits for it.
///
/// The disclosure pass publishes the tables that read the ledger alone so while its audit runs.
final class ValueBeside<Value: Sendable>: @unchecked Sendable {
    // Written once, by the worker, before it leaves `done`; read only after `done.wait()`.
    private var computed: Value?
    private let done = DispatchGroup()

    init(concurrently: Bool, _ compute: @escaping @Sendable () -> Value) {
        guard concurrently else {
            computed = compute()
            return
        }
        done.enter()
        DispatchQueue.global().async {
            self.computed = compute()
            self.done.leave()
        }
    }

    /// The value, once computed.
    func value() -> Value {
        done.wait()
        return computed!
    }
}

import Dispatch

/// A value computed on another thread while this one goes on (or at once, on this thread, when not
/// `concurrently`); ``value()`` waits for it and gives what computing it threw.
///
/// `analyze run` encodes `results.json` so while the report is made, and writes it beside its place: the
/// file is put in place, and announced, only when asked for, in the order the commands write. The
/// disclosure pass publishes the tables that read its ledger alone so while its audit runs.
public final class BackgroundValue<T: Sendable, Failure: Error>: @unchecked Sendable {
    // `result` is written once, by the worker, before it leaves `done`; read only after `done.wait()`.
    private var result: Result<T, Failure>?
    private let done = DispatchGroup()

    public init(concurrently: Bool = true, _ compute: @escaping @Sendable () throws(Failure) -> T) {
        guard concurrently else {
            result = Result(catching: compute)
            return
        }
        done.enter()
        DispatchQueue.global().async {
            self.result = Result(catching: compute)
            self.done.leave()
        }
    }

    /// The value, once computed; what computing it threw.
    public func value() throws(Failure) -> T {
        done.wait()
        return try result!.get()
    }
}

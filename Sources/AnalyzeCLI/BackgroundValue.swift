import Dispatch

/// A value computed on another thread while this one goes on; ``value()`` waits for it.
///
/// `analyze run` encodes `results.json` so while the report is made (the disclosure pass runs on one
/// thread), and writes it beside its place: the file is put in place, and announced, only when asked
/// for, in the order the commands write.
final class BackgroundValue<T: Sendable>: @unchecked Sendable {
    // `result` is written once, by the worker, before it leaves `done`; read only after `done.wait()`.
    private var result: Result<T, any Error>?
    private let done = DispatchGroup()

    init(_ compute: @escaping @Sendable () throws -> T) {
        done.enter()
        DispatchQueue.global().async {
            self.result = Result { try compute() }
            self.done.leave()
        }
    }

    /// The value, once computed; what computing it threw.
    func value() throws -> T {
        done.wait()
        return try result!.get()
    }
}

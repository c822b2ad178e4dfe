import Dispatch

/// Frees a value on another thread: its last reference is handed to a worker thread, which drops it.
///
/// Freeing a large graph of arrays and strings (the study data after the tables, a report's document and
/// published results once its files are made) takes milliseconds on one core, and the thread that
/// made them has more to do (write the files) while the other core is idle. The value must not be used
/// again: it is consumed, so the caller holds no reference that could outlive the worker's.
public enum ReleasedElsewhere {
    /// Drops `value` on a worker thread (soon, in the background); nothing waits for it.
    public static func drop<Value>(_ value: consuming Value) {
        // One reference owned by the worker's closure, not by this thread: `Unmanaged` is captured as a
        // plain pointer, so whichever thread runs first, the value's last reference is dropped there.
        let owned = Unmanaged.passRetained(Holder(consume value))
        DispatchQueue.global().async { owned.release() }
    }

    /// Holds the value until the worker releases it.
    private final class Holder<Held>: @unchecked Sendable {
        let held: Held

        init(_ held: consuming Held) {
            self.held = held
        }
    }
}

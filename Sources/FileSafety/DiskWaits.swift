import Dispatch
import Foundation

/// Calls that wait on the disk, made on several threads at once so that the disk takes the waits
/// together (one journal commit for many of them) instead of one after the other.
///
/// On this project's machines (ext4), 49 report files took 7–65 ms synced one by one and 3–10 ms on 8
/// threads; an old report's 49 files took 100–170 ms unlinked one by one and 8–25 ms on 8 threads.
///
/// ```swift
/// DiskWaits.unlink(oldFiles)
/// ```
public enum DiskWaits {
    /// Threads that wait at once: enough for the disk to batch the waits, few enough to start fast.
    static let threads = 8

    /// Runs `body` for every index below `count`, each once, on up to ``threads`` threads of their own
    /// (not Dispatch's pool: a thread waiting on the disk uses no core, so more of them than cores keep
    /// more calls in flight); returns when all have run.
    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let next = Counter()
        let finished = DispatchGroup()
        for _ in 0..<min(threads, count) {
            finished.enter()
            Thread {
                // Each thread takes the next index until none is left: a slow call does not hold up the rest.
                while let index = next.take(below: count) { body(index) }
                finished.leave()
            }.start()
        }
        finished.wait()
    }

    /// Removes every file of `paths` (`unlink`), several at once; a file that cannot be removed stays,
    /// unreported, as one `unlink` would leave it.
    public static func unlink(_ paths: [String]) {
        run(count: paths.count) { index in _ = Foundation.unlink(paths[index]) }
    }
}

/// Hands out 0, 1, 2, … to the waiting threads, each number once.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

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
    public static let threads = 8

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

extension DiskWaits {
    /// Calls handed over one at a time, as they come, and made in that order on up to `threads` threads
    /// of their own; ``wait()`` returns once every call handed over so far has run. ``SyncedFiles`` syncs
    /// each file so as soon as it is written; with one thread, the calls run one after the other (a
    /// report's files written while the next are made).
    ///
    /// A thread with nothing left to take waits ``idleTime`` for the next call before it ends: the calls
    /// come in bursts (a job's files), and a thread started and ended for each burst cost `analyze run` S
    /// 25–55 threads (about 60 µs of CPU each, most of it the kernel's).
    public final class Queue: @unchecked Sendable {
        /// How long a thread with nothing to do waits for a call before it ends.
        static let idleTime: TimeInterval = 0.25

        private let condition = NSCondition()
        private let limit: Int
        // Guarded by `condition`.
        private var pending: [@Sendable () -> Void] = []
        private var threads = 0
        private var idle = 0
        private var running = 0
        private var started = 0

        /// - Parameter threads: how many threads may run calls at once.
        public init(threads: Int = DiskWaits.threads) {
            limit = threads
        }

        /// How many threads the queue has started so far.
        var threadsStarted: Int {
            condition.lock()
            defer { condition.unlock() }
            return started
        }

        /// Hands `call` over: it runs on a waiting thread, a new one if none is free and fewer than
        /// `threads` run.
        public func add(_ call: @escaping @Sendable () -> Void) {
            condition.lock()
            defer { condition.unlock() }
            pending.append(call)
            // A thread that waits for calls takes it; else one more, up to the limit.
            // (`broadcast`: a `wait()` waits on the same condition.)
            if idle >= pending.count {
                condition.broadcast()
                return
            }
            guard threads < limit else { return }
            threads += 1
            started += 1
            Thread { [self] in work() }.start()
        }

        private func work() {
            condition.lock()
            while true {
                while !pending.isEmpty {
                    let call = pending.removeFirst()
                    running += 1
                    condition.unlock()
                    call()
                    condition.lock()
                    running -= 1
                    if pending.isEmpty, running == 0 { condition.broadcast() }
                }
                // Nothing to take: wait a while for the next call, then end.
                let deadline = Date(timeIntervalSinceNow: Self.idleTime)
                idle += 1
                while pending.isEmpty, condition.wait(until: deadline) {}
                idle -= 1
                if pending.isEmpty { break }
            }
            threads -= 1
            condition.unlock()
        }

        /// Waits until every call handed over has run.
        public func wait() {
            condition.lock()
            while running > 0 || !pending.isEmpty { condition.wait() }
            condition.unlock()
        }
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

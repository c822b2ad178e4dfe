import Dispatch
import Foundation

/// Files and folders a command is writing that must not outlive it: a store being built, a report
/// being assembled, results being written. Each is removed when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP) and by the code that made it on every error; a leftover of a process killed outright
/// (SIGKILL, power loss) carries its process id in its name and is removed by the next run
/// (``isLeftover(_:)``).
public enum TemporaryPaths {
    private static let lock = NSLock()
    /// Held through a step that must not be cut in two (``uninterrupted(_:)``); an interrupt waits for it.
    private static let criticalLock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    /// The paths of ``paths`` whose writer makes nothing in them but inside ``uninterrupted(_:)`` after a
    /// ``checkInterrupted()`` (``register(_:guarded:)``).
    nonisolated(unsafe) private static var guarded: Set<String> = []
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var interruption: Int32?
    nonisolated(unsafe) private static var acknowledged = false

    /// Thrown by ``checkInterrupted()`` once the process has been told to stop, with the signal.
    public struct Interrupted: Error {
        public var signal: Int32
    }

    /// Throws once the process has been interrupted: writers call it before each file and before they
    /// put anything in place, so that they make nothing after the interrupt. The first call after it
    /// tells the interrupt that writing has stopped.
    public static func checkInterrupted() throws {
        let signal = lock.withLock { () -> Int32? in
            if interruption != nil { acknowledged = true }
            return interruption
        }
        if let signal { throw Interrupted(signal: signal) }
    }

    /// Marks `path` for removal if the process is interrupted before ``forget(_:)``.
    /// - Parameter guarded: whether its writer makes every file and folder in it inside
    ///   ``uninterrupted(_:)``, after a ``checkInterrupted()`` (a report's draft): an interrupt then removes
    ///   it at once instead of waiting for the writer's next check. Registering the path again unguarded
    ///   (before a step that makes files outside ``uninterrupted(_:)``) drops the guard.
    public static func register(_ path: String, guarded isGuarded: Bool = false) {
        lock.withLock {
            paths.insert(path)
            if isGuarded { guarded.insert(path) } else { guarded.remove(path) }
        }
    }

    /// Runs `body` whole even if the process is interrupted meanwhile: the interrupt waits for it to end
    /// before it removes anything (a report folder exchanged with the old one, say, between the moment its
    /// temporary name is forgotten and the moment it is in place).
    public static func uninterrupted<T>(_ body: () throws -> T) rethrows -> T {
        criticalLock.lock()
        defer { criticalLock.unlock() }
        return try body()
    }

    /// Removes `path` (a file or a folder) until it is gone: the writer, stopped by its check, and the
    /// interrupt may remove the same folder at once, and two removals of one tree each give up at the first
    /// entry the other took. Both go on until it is gone, so that whichever ends the process first leaves
    /// nothing.
    public static func remove(_ path: String) {
        for _ in 0..<100 where FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// `path` is done with (renamed into place, or removed).
    public static func forget(_ path: String) {
        lock.withLock {
            paths.remove(path)
            guarded.remove(path)
        }
    }

    /// From now on, SIGINT, SIGTERM and SIGHUP remove every registered path, then end the process with
    /// the signal's usual status (128 + signal). Called once by the command line.
    public static func removeOnInterrupt() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    lock.withLock { interruption = signalNumber }
                    // A writer stops at its next check; until then it may make a file again. Wait for it
                    // while it has anything to remove (up to 10 s on a loaded machine; a store being built
                    // has no checks, but only writes into the file it opened). A writer registers a path
                    // before it checks and before it makes the path, so with nothing registered now it
                    // will make nothing. A guarded path needs no wait: nothing is made in it but under the
                    // lock taken below, after a check.
                    for _ in 0..<2_000 where !lock.withLock({ acknowledged || paths.isSubset(of: guarded) }) { usleep(5_000) }
                    // A step that must not be cut in two ends first; the process ends before it may start another.
                    criticalLock.lock()
                    let pending = lock.withLock { paths }
                    for path in pending.sorted() { remove(path) }
                    _exit(128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// The suffix of a temporary path of this process: `-PID`.
    public static var processSuffix: String { "-\(getpid())" }

    /// Whether `name` is a temporary path `base + marker + "-PID"` of a process that no longer runs.
    public static func isLeftover(_ name: String, base: String, marker: String) -> Bool {
        let prefix = base + marker + "-"
        guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)) else { return false }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes the leftovers `base + marker + "-PID"` beside `path` of processes that no longer run.
    public static func removeLeftovers(beside path: String, marker: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let folder = directory.isEmpty ? "." : directory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where isLeftover(name, base: base, marker: marker) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }
}

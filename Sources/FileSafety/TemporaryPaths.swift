import Dispatch
import Foundation

/// Files and folders a command is writing that must not outlive it: a store being built, a report
/// being assembled, results being written. Each is removed when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP) and by the code that made it on every error; a leftover of a process killed outright
/// (SIGKILL, power loss) carries its process id in its name and is removed by the next run
/// (``isLeftover(_:)``).
public enum TemporaryPaths {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    nonisolated(unsafe) private static var interrupted = false

    /// Thrown by ``checkInterrupted()`` once the process has been told to stop.
    public struct Interrupted: Error {}

    /// Throws once the process has been interrupted: writers call it before each file, so that they do
    /// not make again what the interrupt removes.
    public static func checkInterrupted() throws {
        if lock.withLock({ interrupted }) { throw Interrupted() }
    }

    /// Marks `path` for removal if the process is interrupted before ``forget(_:)``.
    public static func register(_ path: String) {
        lock.withLock { _ = paths.insert(path) }
    }

    /// `path` is done with (renamed into place, or removed).
    public static func forget(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
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
                    let pending = lock.withLock {
                        interrupted = true
                        return paths
                    }
                    // Twice: a writer may have made a folder again between its last check and the first pass.
                    for pass in 0..<2 {
                        if pass == 1 { usleep(50_000) }
                        for path in pending.sorted() { try? FileManager.default.removeItem(atPath: path) }
                    }
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

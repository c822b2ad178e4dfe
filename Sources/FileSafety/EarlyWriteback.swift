import Dispatch
import Foundation

/// Has the system start writing a file to disk while it is still being written, so that the `fsync`
/// at its end waits only for the last of it.
///
/// A store is built with SQLite's syncing off and synced once at the end (``sync()``); left alone, the
/// system keeps all of it in memory until then (the M study's 355 MB store: 0.18 s of `fsync` after the
/// last row). A thread of its own asks every ``interval`` for what has been written so far to go to disk
/// (`sync_file_range(SYNC_FILE_RANGE_WRITE)`, which starts the writing and does not wait for it), so the
/// disk works beside the ingest.
///
/// The file is opened once, before it is written, and synced through that descriptor: a write error of
/// the early writing is reported by ``sync()`` (Linux reports it to descriptors open when it happened).
public final class EarlyWriteback: @unchecked Sendable {
    /// How often the written part is handed to the disk.
    static let interval = 0.05
    private let descriptor: Int32
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchGroup()
    /// `sync_file_range`, looked up by name (glibc declares it only under `_GNU_SOURCE`); `nil` where it
    /// is missing, and then the file is only synced at the end.
    static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()

    /// Opens `path` (which exists) and starts the writing back.
    /// - Throws: ``SystemFailure`` naming `reportedPath` when the file cannot be opened.
    public init(path: String, reportedAs reportedPath: String, action: String) throws(SystemFailure) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last(path: reportedPath, action: action) }
        guard Self.syncFileRange != nil else { return }
        let descriptor = descriptor, stopped = stopped
        finished.enter()
        Thread { [finished] in
            while stopped.wait(timeout: .now() + Self.interval) == .timedOut { Self.startWriting(descriptor) }
            finished.leave()
        }.start()
    }

    /// Asks the system to start writing what `descriptor`'s file holds so far to disk, without waiting
    /// for it (`sync_file_range(SYNC_FILE_RANGE_WRITE)`), so that a later `fsync` waits for less; nothing
    /// where the call is missing. A write error is still reported by that `fsync`.
    static func startWriting(_ descriptor: Int32) {
        let writeStart: UInt32 = 2  // SYNC_FILE_RANGE_WRITE
        _ = syncFileRange?(descriptor, 0, 0, writeStart)
    }

    deinit {
        stop()
        close(descriptor)
    }

    /// Stops the writing back (idempotent): no more requests after it returns.
    public func stop() {
        guard Self.syncFileRange != nil else { return }
        if !isStopped {
            isStopped = true
            stopped.signal()
            finished.wait()
        }
    }
    private var isStopped = false

    /// Stops the writing back and syncs the whole file to disk.
    /// - Returns: `false` when `fsync` failed (`errno` says why).
    public func sync() -> Bool {
        stop()
        return fsync(descriptor) == 0
    }
}

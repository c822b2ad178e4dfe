import Dispatch
import FileSafety
import Foundation

/// A store file built whole beside its place (``StudyStore/buildBeside(_:_:)``), not yet synced nor in
/// place: ``place()`` syncs it and renames it over its place in one atomic step.
///
/// `analyze run` reads the new store from ``file`` (closed by its builder: nothing writes it any more)
/// while the disk syncs it on another thread (``startSyncing()``), and puts it in place before it writes
/// anything else, so that the sync's wait is off its critical path. Until then the old store stays in
/// place, byte for byte; a failed sync or rename removes the new file and throws what a build would
/// have thrown; an interrupted process removes it (a killed one leaves it for the next build to remove).
/// The build's lock on the store is held until the store is placed or dropped.
public final class BuiltStore: @unchecked Sendable {
    /// Where the store goes.
    public let path: String
    /// The new store file, whole, beside ``path``: read it, never write it.
    public let file: String
    /// Whether the store's summaries of the coding are those its ``SummaryStream`` gave as the rows were
    /// checked (``CodingObserver``), not those of the pass over the segment table.
    public let summariesStreamed: Bool
    private let lock: Int32
    private let writeback: EarlyWriteback
    private let sync = Sync()
    private var syncing = false
    private var done = false

    init(path: String, file: String, lock: Int32, writeback: EarlyWriteback, summariesStreamed: Bool) {
        self.path = path
        self.file = file
        self.summariesStreamed = summariesStreamed
        self.lock = lock
        self.writeback = writeback
        // Nothing writes the file any more: an interrupt may remove it at once (it is put in place only
        // inside `TemporaryPaths.uninterrupted`, after a check).
        TemporaryPaths.register(file, guarded: true)
    }

    /// Starts syncing the file on another thread; ``place()`` waits for it.
    public func startSyncing() {
        guard !syncing else { return }
        syncing = true
        // Not `self`: a store dropped while it is synced is removed by the thread that drops it.
        let writeback = writeback, sync = sync
        sync.done.enter()
        DispatchQueue.global().async {
            sync.failure = writeback.sync() ? 0 : errno
            sync.done.leave()
        }
    }

    /// Syncs the file (or waits for ``startSyncing()``'s sync) and renames it over ``path``.
    /// - Throws: ``SystemFailure`` when the sync or the rename fails, `TemporaryPaths.Interrupted` once the
    ///   process is interrupted; the new file is then removed and the old store left as it was.
    public func place() throws {
        precondition(!done, "a built store is placed once")
        defer { finish() }
        if syncing {
            sync.done.wait()
        } else {
            sync.failure = writeback.sync() ? 0 : errno
        }
        do {
            guard sync.failure == 0 else { throw SystemFailure(path: path, action: "write the store", code: sync.failure) }
            try TemporaryPaths.uninterrupted {
                // An interrupted process never puts its store in place, however far it got.
                try TemporaryPaths.checkInterrupted()
                guard rename(file, path) == 0 else { throw SystemFailure.last(path: path, action: "put the new store in place") }
                TemporaryPaths.forget(file)
            }
        } catch {
            unlink(file)
            throw error
        }
    }

    /// The file removed, the lock released: the store is not put in place.
    deinit {
        if !done {
            sync.done.wait()
            unlink(file)
            finish()
        }
    }

    /// A sync's outcome: `errno` of a failed sync, 0 after a good one, written before `done` is left.
    private final class Sync: @unchecked Sendable {
        var failure: Int32 = 0
        let done = DispatchGroup()
    }

    private func finish() {
        done = true
        TemporaryPaths.forget(file)
        close(lock)
    }
}

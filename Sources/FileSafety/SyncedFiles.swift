import Foundation

/// New files written into a folder that no other process writes to (a report being built beside the
/// report folder), then synced to disk together before the folder is put in place.
///
/// Each file is written straight to its place, without a temporary file of its own: the folder is
/// private until it is renamed, so a reader never sees half a file. What ``AtomicFile`` does for one
/// file, an `fsync` before the rename, is done here for each file as soon as it is written, on threads
/// that wait for the disk (``DiskWaits``) while the caller goes on making the next files; several at
/// once, so that the disk takes the waits together (one journal commit for many files) instead of one
/// after the other. ``sync(folders:)`` waits for them and syncs the folders.
///
/// ```swift
/// var files = SyncedFiles()
/// defer { files.close() }
/// try files.write("a,b\n", to: building + "/table.csv")
/// try files.sync(folders: [building])
/// ```
public struct SyncedFiles {
    private let syncing = Syncing()
    /// Files made empty ahead of their contents (``reserve(_:)``) and not written yet: path and descriptor.
    private var reserved: [String: Int32] = [:]
    /// Files being synced at most; a write waits for them beyond it (the descriptor limit).
    static let openAtMost = 256

    public init() {}

    /// Creates the file at `path`, which must not exist, with `contents`, and starts its sync; it stays
    /// open until it is synced.
    /// - Throws: ``SystemFailure`` naming `path`, with the action "write".
    public mutating func write(_ contents: String, to path: String) throws(SystemFailure) {
        if syncing.count >= Self.openAtMost { syncing.wait() }
        let descriptor: Int32
        if let made = reserved.removeValue(forKey: path) { descriptor = made } else { descriptor = try Self.create(path) }
        var contents = contents
        guard contents.withUTF8({ AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) else {
            let failure = SystemFailure.last(path: path, action: "write")
            Foundation.close(descriptor)
            throw failure
        }
        // The disk starts on it now, and a waiting thread syncs and closes it.
        EarlyWriteback.startWriting(descriptor)
        syncing.add(path, descriptor)
    }

    /// Creates the file at `path`, which must not exist, empty, before its contents are known: where the
    /// file system takes long to make a file (ext4 without a journal passes over every inode deleted in
    /// the last minutes), it is made while the caller has a core to spare. ``write(_:to:)`` then writes
    /// into it; a file reserved and never written is removed by ``sync(folders:)``.
    /// - Throws: ``SystemFailure`` naming `path`, with the action "write".
    public mutating func reserve(_ path: String) throws(SystemFailure) {
        if reserved.count >= Self.openAtMost { return }
        reserved[path] = try Self.create(path)
    }

    /// Opens a new file at `path`.
    private static func create(_ path: String) throws(SystemFailure) -> Int32 {
        // 0666 less the umask: the mode FileManager gives a file it creates, as the report's files had before.
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .last(path: path, action: "write") }
        return descriptor
    }

    /// Removes the files reserved and not written.
    private mutating func removeUnwritten() {
        for (path, descriptor) in reserved {
            Foundation.close(descriptor)
            unlink(path)
        }
        reserved = [:]
    }

    /// Waits until every file written since the last call is synced to disk and closed, and syncs every
    /// folder of `folders`, several at once; a file reserved and not written is removed first.
    /// - Throws: ``SystemFailure`` for the first (in the order written, then `folders`) that failed, with
    ///   the action "write".
    public mutating func sync(folders: [String]) throws(SystemFailure) {
        removeUnwritten()
        let codes = UnsafeMutableBufferPointer<Int32>.allocate(capacity: folders.count)
        defer { codes.deallocate() }
        codes.initialize(repeating: 0)
        nonisolated(unsafe) let results = codes
        // The folders are synced while the last files' syncs end (every file is in its folder already:
        // each sync makes its own part durable, and all of them are done when this returns); the files'
        // syncs are waited for on one more of those threads.
        let syncing = syncing, waited = SyncedFilesWaited()
        DiskWaits.run(count: folders.count + 1) { index in
            guard index < folders.count else {
                waited.files = syncing.finish()
                return
            }
            var code: Int32 = 0
            let folder = Foundation.open(folders[index], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if folder < 0 || fsync(folder) != 0 { code = errno }
            if folder >= 0 { Foundation.close(folder) }
            results[index] = code
        }
        let files = waited.files
        if let failed = files.first(where: { $0.code != 0 }) {
            throw SystemFailure(path: failed.path, action: "write", code: failed.code)
        }
        if let failed = codes.firstIndex(where: { $0 != 0 }) {
            throw SystemFailure(path: folders[failed], action: "write", code: codes[failed])
        }
    }

    /// Waits for the files being synced and forgets them, and removes those reserved and not written
    /// (after a failure: the folder is thrown away).
    public mutating func close() {
        removeUnwritten()
        _ = syncing.finish()
    }
}

/// The files ``SyncedFiles/sync(folders:)`` waited for on a thread of its own, with their syncs' error
/// numbers: written by that thread, read once ``DiskWaits/run(count:_:)`` has returned.
private final class SyncedFilesWaited: @unchecked Sendable {
    var files: [(path: String, code: Int32)] = []
}

/// The files of a ``SyncedFiles`` being synced on ``DiskWaits``' threads, and what each sync returned.
private final class Syncing: @unchecked Sendable {
    private let queue = DiskWaits.Queue()
    private let lock = NSLock()
    // Guarded by `lock`: the files in the order written, and each one's error number (0: synced).
    private var files: [(path: String, code: Int32)] = []
    private var unfinished = 0

    /// Files handed over and not yet synced.
    var count: Int { lock.withLock { unfinished } }

    /// Syncs and closes `descriptor` (of `path`) on a waiting thread.
    func add(_ path: String, _ descriptor: Int32) {
        let index = lock.withLock {
            files.append((path, 0))
            unfinished += 1
            return files.count - 1
        }
        queue.add { [self] in
            var code: Int32 = 0
            if fsync(descriptor) != 0 { code = errno }
            if Foundation.close(descriptor) != 0, code == 0 { code = errno }
            lock.withLock {
                files[index].code = code
                unfinished -= 1
            }
        }
    }

    /// Waits for every file handed over.
    func wait() { queue.wait() }

    /// Waits for every file handed over; returns them with their syncs' error numbers, and forgets them.
    func finish() -> [(path: String, code: Int32)] {
        queue.wait()
        return lock.withLock {
            defer { files = [] }
            return files
        }
    }
}

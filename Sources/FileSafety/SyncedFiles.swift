import Foundation

/// New files written into a folder that no other process writes to (a report being built beside the
/// report folder), then synced to disk together before the folder is put in place.
///
/// Each file is written straight to its place, without a temporary file of its own: the folder is
/// private until it is renamed, so a reader never sees half a file. What ``AtomicFile`` does for one
/// file, an `fsync` before the rename, is done here for all of them at once: ``sync(folders:)`` syncs
/// every file and folder on several threads (``DiskWaits``), so that the disk takes the waits together
/// (one journal commit for many files) instead of one after the other.
///
/// ```swift
/// var files = SyncedFiles()
/// defer { files.close() }
/// try files.write("a,b\n", to: building + "/table.csv")
/// try files.sync(folders: [building])
/// ```
public struct SyncedFiles {
    /// The files written and not synced yet: their paths and open descriptors.
    private var open: [(path: String, descriptor: Int32)] = []
    /// Files kept open at most; more are synced and closed as they come (the descriptor limit).
    static let openAtMost = 256

    public init() {}

    /// Creates the file at `path`, which must not exist, with `contents`; it stays open until
    /// ``sync(folders:)``.
    /// - Throws: ``SystemFailure`` naming `path`, with the action "write".
    public mutating func write(_ contents: String, to path: String) throws(SystemFailure) {
        if open.count == Self.openAtMost { try sync(folders: []) }
        // 0666 less the umask: the mode FileManager gives a file it creates, as the report's files had before.
        let descriptor = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .last(path: path, action: "write") }
        open.append((path, descriptor))
        var contents = contents
        guard contents.withUTF8({ AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) else {
            throw .last(path: path, action: "write")
        }
    }

    /// Syncs every file written since the last call and every folder of `folders` to disk, several at
    /// once, and closes the files.
    /// - Throws: ``SystemFailure`` for the first (in the order written, then `folders`) that failed, with
    ///   the action "write".
    public mutating func sync(folders: [String]) throws(SystemFailure) {
        let files = open
        open = []
        let count = files.count + folders.count
        guard count > 0 else { return }
        let codes = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer { codes.deallocate() }
        codes.initialize(repeating: 0)
        nonisolated(unsafe) let results = codes
        DiskWaits.run(count: count) { index in
            var code: Int32 = 0
            if index < files.count {
                let descriptor = files[index].descriptor
                if fsync(descriptor) != 0 { code = errno }
                if Foundation.close(descriptor) != 0, code == 0 { code = errno }
            } else {
                let folder = Foundation.open(folders[index - files.count], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if folder < 0 || fsync(folder) != 0 { code = errno }
                if folder >= 0 { Foundation.close(folder) }
            }
            results[index] = code
        }
        if let failed = codes.firstIndex(where: { $0 != 0 }) {
            let path = failed < files.count ? files[failed].path : folders[failed - files.count]
            throw SystemFailure(path: path, action: "write", code: codes[failed])
        }
    }

    /// Closes the files still open, unsynced (after a failure: the folder is thrown away).
    public mutating func close() {
        for file in open { Foundation.close(file.descriptor) }
        open = []
    }
}

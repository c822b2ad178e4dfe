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
                code = Self.syncFolder(folders[index - files.count])
            }
            results[index] = code
        }
        if let failed = codes.firstIndex(where: { $0 != 0 }) {
            let path = failed < files.count ? files[failed].path : folders[failed - files.count]
            throw SystemFailure(path: path, action: "write", code: codes[failed])
        }
    }

    /// Creates every file of `files` (none may exist), on this thread, then writes their contents and
    /// syncs them several at once on ``DiskWaits``' threads, then syncs every folder of `folders` (which
    /// must hold the files' entries) the same way: what ``write(_:to:)`` for each file and then
    /// ``sync(folders:)`` do, with the copying into the page cache spread over the cores. The files are
    /// created one after the other: the file system creates one at a time in a folder (the folder's
    /// lock), and two threads creating at once spin on the lock while the holder looks for a free inode
    /// (ext4 passes over recently deleted ones; `analyze run` M, `perf`: 40 ms of both cores, against
    /// 10 ms of one).
    /// - Throws: ``SystemFailure`` for the first (in the order of `files`, then `folders`) that failed,
    ///   with the action "write"; every file is closed. A file after one that cannot be created is not
    ///   created.
    public static func writeTogether(_ files: [(path: String, contents: String)], folders: [String]) throws(SystemFailure) {
        let codes = UnsafeMutableBufferPointer<Int32>.allocate(capacity: files.count + folders.count)
        defer { codes.deallocate() }
        codes.initialize(repeating: 0)
        nonisolated(unsafe) let results = codes
        var start = 0
        // At most ``openAtMost`` files open at once (the descriptor limit).
        while start < files.count, !codes.contains(where: { $0 != 0 }) {
            var descriptors: [Int32] = []
            for index in start..<min(start + openAtMost, files.count) {
                // 0666 less the umask, as ``write(_:to:)``.
                let descriptor = Foundation.open(files[index].path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
                guard descriptor >= 0 else {
                    codes[index] = errno
                    break
                }
                descriptors.append(descriptor)
            }
            let (first, opened) = (start, descriptors)
            DiskWaits.run(count: opened.count) { offset in
                let descriptor = opened[offset]
                var contents = files[first + offset].contents
                var code: Int32 = 0
                if !contents.withUTF8({ AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) { code = errno }
                if code == 0, fsync(descriptor) != 0 { code = errno }
                if Foundation.close(descriptor) != 0, code == 0 { code = errno }
                results[first + offset] = code
            }
            start += openAtMost
        }
        if !codes.contains(where: { $0 != 0 }) {
            DiskWaits.run(count: folders.count) { index in results[files.count + index] = syncFolder(folders[index]) }
        }
        if let failed = codes.firstIndex(where: { $0 != 0 }) {
            let path = failed < files.count ? files[failed].path : folders[failed - files.count]
            throw SystemFailure(path: path, action: "write", code: codes[failed])
        }
    }

    /// Syncs the folder at `path`; returns 0, or the `errno` of the call that failed.
    private static func syncFolder(_ path: String) -> Int32 {
        let folder = Foundation.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var code: Int32 = 0
        if folder < 0 || fsync(folder) != 0 { code = errno }
        if folder >= 0 { Foundation.close(folder) }
        return code
    }

    /// Closes the files still open, unsynced (after a failure: the folder is thrown away).
    public mutating func close() {
        for file in open { Foundation.close(file.descriptor) }
        open = []
    }
}

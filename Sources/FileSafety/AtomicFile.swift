import Foundation

/// Writes a whole file or nothing: the bytes go to `path.writing-PID` beside it, are synced to disk,
/// and the file is renamed over `path`. A reader never sees half a file; an interrupted write leaves the
/// old file as it was and no temporary file (``TemporaryPaths``); a leftover of a killed process is
/// removed by the next write of the same file.
public enum AtomicFile {
    public static let marker = ".writing"

    /// - Throws: ``SystemFailure`` in plain words (the disk full, no permission).
    public static func write(_ data: Data, to path: String) throws(SystemFailure) {
        TemporaryPaths.removeLeftovers(beside: path, marker: marker)
        let temporary = path + marker + TemporaryPaths.processSuffix
        TemporaryPaths.register(temporary)
        defer { TemporaryPaths.forget(temporary) }
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .last(path: path, action: "write") }
        var failure: SystemFailure?
        if !data.withUnsafeBytes({ writeAll($0, to: descriptor) }) { failure = .last(path: path, action: "write") }
        if failure == nil, fsync(descriptor) != 0 { failure = .last(path: path, action: "write") }
        if close(descriptor) != 0, failure == nil { failure = .last(path: path, action: "write") }
        if failure == nil, rename(temporary, path) != 0 { failure = .last(path: path, action: "write") }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Writes all of `bytes` to `descriptor`, again after a partial write or an interrupted call.
    /// - Returns: `false` when a write failed (`errno` says why).
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}

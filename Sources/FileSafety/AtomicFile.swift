import Foundation

/// Writes a whole file or nothing: the bytes go to `path.writing-PID` beside it, are synced to disk,
/// and the file is renamed over `path`. A reader never sees half a file; an interrupted write leaves the
/// old file as it was and no temporary file (``TemporaryPaths``); a leftover of a killed process is
/// removed by the next write of the same file.
public enum AtomicFile {
    public static let marker = ".writing"

    /// - Throws: ``SystemFailure`` in plain words (the disk full, no permission).
    public static func write(_ data: Data, to path: String) throws(SystemFailure) {
        try prepare(data, to: path).commit()
    }

    /// The first part of ``write(_:to:)``: the bytes written to the temporary file beside `path` and
    /// synced, the file not yet renamed. Another thread may prepare the file (`analyze run` writes
    /// `results.json` so on the core the report's disclosure pass leaves idle) and this one put it in
    /// place later (``Prepared/commit()``), in the order the command writes its files.
    /// - Throws: ``SystemFailure`` in plain words; the temporary file is removed.
    public static func prepare(_ data: Data, to path: String) throws(SystemFailure) -> Prepared {
        TemporaryPaths.removeLeftovers(beside: path, marker: marker)
        let temporary = path + marker + TemporaryPaths.processSuffix
        TemporaryPaths.register(temporary)
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            TemporaryPaths.forget(temporary)
            throw .last(path: path, action: "write")
        }
        var failure: SystemFailure?
        if !data.withUnsafeBytes({ writeAll($0, to: descriptor) }) { failure = .last(path: path, action: "write") }
        if failure == nil, fsync(descriptor) != 0 { failure = .last(path: path, action: "write") }
        if close(descriptor) != 0, failure == nil { failure = .last(path: path, action: "write") }
        let prepared = Prepared(path: path, temporary: temporary)
        if let failure {
            prepared.discard()
            throw failure
        }
        return prepared
    }

    /// A file written and synced beside its place (``prepare(_:to:)``), removed on an interrupt until it
    /// is committed or discarded.
    public struct Prepared: Sendable {
        /// Where the file goes.
        public let path: String
        let temporary: String

        /// Renames the file into place.
        /// - Throws: ``SystemFailure``; the temporary file is removed.
        public func commit() throws(SystemFailure) {
            defer { TemporaryPaths.forget(temporary) }
            if rename(temporary, path) != 0 {
                let failure = SystemFailure.last(path: path, action: "write")
                unlink(temporary)
                throw failure
            }
        }

        /// Removes the file, leaving the one at ``path`` as it was.
        public func discard() {
            unlink(temporary)
            TemporaryPaths.forget(temporary)
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

import Foundation

/// Writes a file and makes its bytes durable (`fsync`) before returning, in place: no temporary file
/// and no rename, unlike ``AtomicFile``. For files in a folder that is itself put in place at once (a
/// report being built beside the report folder), where no reader sees a file half written.
///
/// ```swift
/// try DurableFile.write("a,b\n", to: building + "/tables.csv")
/// ```
public enum DurableFile {
    /// Creates the file at `path` (or empties the one there), with permissions 0666 less the umask, as
    /// `FileManager.createFile` gives a new file; writes `text` as UTF-8; `fsync`s and closes it.
    /// - Throws: ``SystemFailure`` (action "write") of the call that failed.
    public static func write(_ text: String, to path: String) throws(SystemFailure) {
        let descriptor = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .last(path: path, action: "write") }
        var text = text
        var failure: SystemFailure? = text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return .last(path: path, action: "write")
                }
                offset += written
            }
            return nil
        }
        if failure == nil, fsync(descriptor) != 0 { failure = .last(path: path, action: "write") }
        if close(descriptor) != 0, failure == nil { failure = .last(path: path, action: "write") }
        if let failure { throw failure }
    }
}

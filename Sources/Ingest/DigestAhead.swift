import Crypto
import CSVInput
import Foundation
import StudyModel

/// The SHA-256 of an input file, computed on a thread of its own while the ingest does other work (the
/// participants, before the segments), so that the parse of the file (``SourceReader``) need not hash
/// its blocks.
///
/// The fingerprint must be that of the bytes the parse read. A second read of the file gives the same
/// bytes when the file is not written in between, and a write sets the file's status-change time (see
/// ``SourceFileStat``): the file's stat is taken before the hash and again after the parse, and the
/// digest is used only when the two are equal. And only for a file settled before the hash began
/// (``SourceFileStat/isSettled(before:)``), since a write in the same coarse tick as the file's last
/// change could leave its times as they were; a file not settled is hashed by its parse, as before.
///
/// A hash nobody asks for (the ingest failed before the parse) runs to its end and is dropped.
///
/// `@unchecked Sendable`: `stat` and `path` are immutable, the digest is handed over through
/// `ReadAhead`'s lock, and `result` and `taken` are used by the ingest's thread alone.
final class DigestAhead: @unchecked Sendable {
    /// What the hashing thread read.
    private struct Digest: Sendable {
        /// In lowercase hexadecimal.
        var sha256: String
        var byteCount: Int
    }

    /// The file's stat before the hash began.
    private let stat: SourceFileStat
    private let path: String
    /// The digest, or `nil` when the file could not be read; `nil` until ``start()``.
    private var result: ReadAhead<Digest?>?
    private var taken: Digest??

    /// The bytes hashed a `read` call.
    private static let chunk = 1 << 18

    /// A hash of the file at `path` when it is a regular file settled before `instant` (nanoseconds since
    /// 1970, as ``SourceFileStat/now()``), its stat taken now; ``start()`` starts it; `nil` when it is not
    /// (a named pipe must be read once, by its parse), or has no stat: its parse hashes it.
    init?(path: String, settledBefore instant: Int64) {
        guard SourceFileStat.isRegularFile(path), let stat = SourceFileStat(path: path), stat.isSettled(before: instant)
        else { return nil }
        self.stat = stat
        self.path = path
    }

    /// Starts hashing the file on a thread of its own (once; ``outcome(ofBytesRead:)`` starts it if need be).
    func start() {
        guard result == nil else { return }
        result = ReadAhead(depth: 1, name: "DigestAhead") { [path] queue in
            _ = queue.put(Self.hash(path: path))
        }
    }

    /// What the hash gives the parse's fingerprint.
    enum Outcome: Equatable {
        /// The SHA-256 of the file, in lowercase hexadecimal: the bytes the parse read.
        case digest(String)
        /// The parse ended before the end of the file (a structural error ended it, and failed the ingest).
        case partial
        /// The file was written (or could not be read) between the stat taken before the hash and now.
        case changed
    }

    /// What the hash gives the parse that read `byteCount` bytes of the file, once it ended (waiting for
    /// the hash to end).
    func outcome(ofBytesRead byteCount: Int) -> Outcome {
        start()
        if taken == nil { taken = result!.take() }
        guard let digest = taken!, SourceFileStat(path: path) == stat else { return .changed }
        return digest.byteCount == byteCount ? .digest(digest.sha256) : .partial
    }

    private static func hash(path: String) -> Digest? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var byteCount = 0
        while true {
            let count = read(file, buffer.baseAddress, chunk)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return Digest(sha256: hasher.finalize().lowercaseHexadecimal, byteCount: byteCount) }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            byteCount += count
        }
    }
}


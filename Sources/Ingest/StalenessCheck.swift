import Crypto
import Foundation
import Storage
import StudyModel

/// What the staleness check found: the input files that changed, and the stats it confirmed.
public struct InputCheck: Sendable {
    /// The input files whose bytes differ from what the store ingested (or that are missing now), by
    /// their manifest path. Empty when the store is current.
    public var changedFiles: [String]
    /// The confirmed stats to keep for the next check (the ones given, less those the store voided,
    /// plus the files just hashed and found current), or `nil` when they are the ones given: nothing to
    /// write.
    public var confirmedStats: ConfirmedInputStats?
}

extension StudyIngester {
    /// The input files whose bytes differ from what the store ingested (or that are missing now),
    /// by their manifest path. An empty list means the store is current.
    ///
    /// A file whose stat (``SourceFileStat``: device, inode, size, modification and status-change times)
    /// is the one recorded at ingest has not been written since, and is not read; every other file is.
    /// - Complexity: one `stat` per input file; reads (SHA-256) only the files whose stat differs or was
    ///   not recorded.
    public func changedFiles(since store: StudyStore) throws -> [String] {
        try checkInputs(since: store, confirmed: ConfirmedInputStats()).changedFiles
    }

    /// The staleness check of ``changedFiles(since:)``, which also skips a file whose stat `confirmed`
    /// vouches for with the store's SHA-256 (``ConfirmedInputStats``), and notes the files it hashed and
    /// found current.
    ///
    /// A hashed file is confirmed only when its stat was settled before the read began
    /// (``SourceFileStat/isSettled(before:)``) and is the same after the read: otherwise a write in the
    /// same tick as the read could leave the stat as it was.
    public func checkInputs(since store: StudyStore, confirmed: ConfirmedInputStats) throws -> InputCheck {
        let (stored, stats) = try store.read { (try $0.sourceFiles(), try $0.sourceFileStats()) }
        var kept = ConfirmedInputStats(entries: confirmed.entries.filter { path, entry in
            stored.contains { $0.path == path && $0.sha256 == entry.sha256 }
        })
        var changed: [String] = []
        for file in stored {
            let path = manifest.path(of: file.path)
            let stat = SourceFileStat(path: path)
            if let recorded = stats[file.path], stat == recorded { continue }
            if kept.confirms(file.path, sha256: file.sha256, stat: stat) { continue }
            let started = SourceFileStat.now() + settledShift
            guard let digest = Self.sha256(ofFileAt: path), digest == file.sha256 else {
                changed.append(file.path)
                continue
            }
            if let stat, stat.isSettled(before: started), SourceFileStat(path: path) == stat {
                kept.entries[file.path] = ConfirmedInputStats.Entry(sha256: digest, stat: stat)
            }
        }
        return InputCheck(changedFiles: changed, confirmedStats: kept == confirmed ? nil : kept)
    }

    /// The SHA-256 of the file at `path` in lowercase hexadecimal, or `nil` when it cannot be read.
    static func sha256(ofFileAt path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // `nil` or an empty block: the end of the file.
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        } catch {
            return nil
        }
        return hasher.finalize().lowercaseHexadecimal
    }
}

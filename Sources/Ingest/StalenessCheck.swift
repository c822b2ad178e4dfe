import Crypto
import Foundation
import Storage
import StudyModel

extension StudyIngester {
    /// The input files whose bytes differ from what the store ingested (or that are missing now),
    /// by their manifest path. An empty list means the store is current.
    ///
    /// A file whose stat (``SourceFileStat``: device, inode, size, modification and status-change times)
    /// is the one recorded at ingest has not been written since, and is not read; every other file is.
    /// - Complexity: one `stat` per input file; reads (SHA-256) only the files whose stat differs or was
    ///   not recorded.
    public func changedFiles(since store: StudyStore) throws -> [String] {
        let (stored, stats) = try store.read { (try $0.sourceFiles(), try $0.sourceFileStats()) }
        return stored.filter { file in
            if let recorded = stats[file.path], SourceFileStat(path: manifest.path(of: file.path)) == recorded { return false }
            guard let handle = FileHandle(forReadingAtPath: manifest.path(of: file.path)) else { return true }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
            return hasher.finalize().lowercaseHexadecimal != file.sha256
        }.map(\.path)
    }
}

import Crypto
import Foundation
import Storage
import StudyModel

extension StudyIngester {
    /// The input files whose bytes differ from what the store ingested (or that are missing now),
    /// by their manifest path. An empty list means the store is current.
    ///
    /// - Complexity: reads every input file once (SHA-256).
    public func changedFiles(since store: StudyStore) throws -> [String] {
        let stored = try store.read { try $0.sourceFiles() }
        return stored.filter { file in
            guard let handle = FileHandle(forReadingAtPath: manifest.path(of: file.path)) else { return true }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
            return hasher.finalize().lowercaseHexadecimal != file.sha256
        }.map(\.path)
    }
}

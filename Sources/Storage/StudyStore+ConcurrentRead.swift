import Dispatch
import GRDB
import StudyModel

extension StudyStore {
    /// Runs `body` for parts `0..<parts` at once, each on its own connection to the store file: part 0
    /// on the store's own, the others on read-only connections opened for the call. The results come in
    /// part order, whatever the scheduling.
    ///
    /// An ingest replaces the store file by renaming a new one into place, so a connection opened now
    /// may see a newer store than the store's own. A new connection is used only when the two agree on
    /// the study and on every input file's SHA-256 (the same inputs ingest to the same content);
    /// otherwise, and for a store in memory, every part runs on the store's own connection, one after
    /// another.
    /// - Throws: the error of the first part (in part order) that threw.
    public func readConcurrently<T: Sendable>(
        parts: Int, _ body: @Sendable (_ part: Int, _ reader: StoreReader) throws -> T
    ) throws -> [T] {
        precondition(parts >= 1, "at least one part")
        let others = parts > 1 ? try matchingConnections(parts - 1) : nil
        guard let others else {
            return try (0..<parts).map { part in try read { try body(part, $0) } }
        }
        let connections: [any DatabaseReader] = [writer] + others
        let results = PartResults<T>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results[part] = Result { try connections[part].read { db in try body(part, StoreReader(db: db)) } }
        }
        return try results.values.map { try $0!.get() }
    }

    /// `count` read-only connections to the store's file, or `nil` when the store is in memory or the
    /// file now holds another study or other inputs than the store's own connection sees.
    private func matchingConnections(_ count: Int) throws -> [DatabaseQueue]? {
        let path = writer.path
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:") else { return nil }
        func fingerprint(_ reader: StoreReader) throws -> [String] {
            let study = try reader.study().map { [$0.name, $0.version, $0.codebookVersion, $0.toolVersion] } ?? []
            return study + (try reader.sourceFiles().map { "\($0.path) \($0.sha256)" })
        }
        let own = try read(fingerprint)
        var configuration = Configuration()
        configuration.readonly = true
        var connections: [DatabaseQueue] = []
        for _ in 0..<count {
            guard let connection = try? DatabaseQueue(path: path, configuration: configuration),
                (try? connection.read({ try fingerprint(StoreReader(db: $0)) })) == own
            else { return nil }
            connections.append(connection)
        }
        return connections
    }
}

/// One result slot per part, each written by one thread, read after all are done.
private final class PartResults<T>: @unchecked Sendable {
    var values: [Result<T, any Error>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    subscript(part: Int) -> Result<T, any Error>? {
        get { values[part] }
        set { values.withUnsafeMutableBufferPointer { $0[part] = newValue } }
    }
}

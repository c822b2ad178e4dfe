import GRDB
import StudyModel

extension StudyStore {
    /// `count` stores to read at once, each on its own connection to the store's file: this store first,
    /// then read-only connections opened for the call (a pass split into parts reads part `i` from the
    /// `i`-th, on a thread of its own).
    ///
    /// An ingest replaces the store file by renaming a new one into place, so a connection opened now
    /// may see a newer store than this store's own. A new connection is used only when the two agree on
    /// the study and on every input file's SHA-256 (the same inputs ingest to the same content);
    /// otherwise, and for a store in memory, every one of the `count` is this store (whose connection
    /// takes the reads one after another).
    public func connections(_ count: Int) throws -> [StudyStore] {
        precondition(count >= 1, "at least one connection")
        let others = count > 1 ? try matchingConnections(count - 1) : []
        return others.map { [self] + $0.map { StudyStore(readOnly: $0) } } ?? Array(repeating: self, count: count)
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

import GRDB
import StudyModel

/// The study's embedded SQLite store: participants, coded segments, survey responses, the codebook,
/// the instruments and the fingerprints of the files they came from.
///
/// A store file is written whole by ``build(at:_:)`` (a new file renamed into place on success); an
/// open store, in memory for tests, is refilled in one transaction by ``replaceContents(_:)``. Either
/// way the store holds the study as the last successful ingest read it, or, after a failed ingest,
/// exactly what it held before.
///
/// ```swift
/// try StudyStore.build(at: "data/sample/.analyze/study.sqlite") { transaction in
///     _ = try transaction.insert(participant, position: 0, line: 2)
/// }
/// let store = try StudyStore(path: "data/sample/.analyze/study.sqlite")
/// ```
public struct StudyStore: Sendable {
    /// The store's connection (read-only for a store of ``connections(_:)`` after the first).
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: a `DatabaseError` when the file cannot be opened or is not a store.
    public init(path: String) throws {
        SQLiteSettings.applied
        try self.init(writer: DatabaseQueue(path: path, configuration: Self.makeConfiguration()))
    }

    /// Whether the file at `path` is a store of `analyze` (an SQLite database with the study's tables),
    /// opened read-only: an ingest may replace such a file, and no other.
    public static func isStudyStore(at path: String) -> Bool {
        SQLiteSettings.applied
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return false }
        return (try? queue.read { db in try db.tableExists("study") && db.tableExists("segment") }) ?? false
    }

    /// Opens an empty store in memory (for tests).
    public static func inMemory() throws -> StudyStore {
        SQLiteSettings.applied
        return try StudyStore(writer: DatabaseQueue(configuration: makeConfiguration()))
    }

    private init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// A store on a read-only connection to a store's file whose schema is up to date (no migration).
    init(readOnly connection: DatabaseQueue) {
        writer = connection
    }

    private static func makeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // A single-user command-line store: the rollback journal keeps one file, and the
            // transaction still makes every ingest all-or-nothing.
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "PRAGMA cache_size = -16384")  // 16 MiB page cache
            try db.execute(sql: "PRAGMA temp_store = FILE")
        }
        return configuration
    }

    /// Empties the store and fills it anew in one transaction.
    ///
    /// If `body` throws, the transaction is rolled back and the store is left exactly as it was.
    /// - Returns: what `body` returns.
    public func replaceContents<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try writer.write { db in
            for table in StoreSummaries.tables + ["sourceFileStat", "coverage", "surveyRespondent", "instrument", "segment", "participantAttribute",
                          "participant", "code", "sourceFile", "study"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            let transaction = StoreTransaction(db: db)
            let result = try body(transaction)
            try transaction.finishSummaries()
            return result
        }
    }

    /// Reads from the store.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try writer.read { db in try body(StoreReader(db: db)) }
    }
}

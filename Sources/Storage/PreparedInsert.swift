import GRDB
internal import GRDBSQLite

/// An `INSERT` run row after row through SQLite's C API: the bulk path of ingest.
///
/// GRDB prepares and caches the statement; binding and stepping go straight to `sqlite3_bind_*` and
/// `sqlite3_step`, which skips building a `StatementArguments` array of existentials for every row
/// (a third of ingest's time when measured). With the passes of `StoreSummaries.swift` and `StoredCoding.swift`, the store's only use of the C API.
struct PreparedInsert {
    private let db: Database
    /// Held so that GRDB's cache cannot finalize the statement while this insert uses its handle.
    private let statement: Statement
    private let handle: SQLiteStatement

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    /// Binds text (or NULL) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ text: String?) {
        if var text {
            text.withUTF8 { bytes in
                _ = bytes.withMemoryRebound(to: CChar.self) { characters in
                    if let address = characters.baseAddress {
                        sqlite3_bind_text(handle, index, address, Int32(characters.count), transient)
                    } else {
                        // An empty buffer has no address, and a NULL pointer would store NULL.
                        sqlite3_bind_text(handle, index, "", 0, transient)
                    }
                }
            }
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// Binds UTF-8 bytes as text (or NULL) to the 1-based parameter `index` without copying them
    /// (`SQLITE_STATIC`): the bytes must stay put until ``executeAndClear()`` has returned.
    func bindWithoutCopy(_ index: Int32, _ bytes: UnsafeRawBufferPointer?) {
        guard let bytes else {
            sqlite3_bind_null(handle, index)
            return
        }
        if let address = bytes.baseAddress {
            sqlite3_bind_text(handle, index, address.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
        } else {
            // An empty buffer has no address, and a NULL pointer would store NULL.
            sqlite3_bind_text(handle, index, "", 0, transient)
        }
    }

    /// Binds bytes as a blob to the 1-based parameter `index` without copying them (`SQLITE_STATIC`):
    /// the bytes must stay put until ``executeAndClear()`` has returned.
    func bindBlobWithoutCopy(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        // An empty buffer may have no address, and a NULL pointer would store NULL.
        sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil)
    }

    /// Runs the statement with the values bound (see ``execute()``) and clears every binding, so that
    /// SQLite keeps no pointer into bytes bound without a copy.
    func executeAndClear() throws -> Bool {
        defer { sqlite3_clear_bindings(handle) }
        return try execute()
    }

    /// Binds bytes as a blob to the 1-based parameter `index` (copied at once).
    func bind(_ index: Int32, blob: [UInt8]) {
        blob.withUnsafeBytes { bytes in
            // An empty buffer may have no address, and a NULL pointer would store NULL.
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), transient)
        }
    }

    /// Binds an integer (or NULL) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: Int?) {
        if let value {
            sqlite3_bind_int64(handle, index, Int64(value))
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// Binds `texts` (or NULLs) to their 1-based parameters without copying them (`SQLITE_STATIC`), runs
    /// the statement with them and the values bound before, and clears every binding, so that SQLite
    /// keeps no pointer into the strings once they are gone.
    /// - Returns: whether a row was written, as ``execute()``.
    func execute(texts: [(index: Int32, text: String?)]) throws -> Bool {
        try bindWithoutCopy(texts[...])
    }

    /// Binds the first text, then the rest inside its `withUTF8` (where its bytes stay put), then runs.
    private func bindWithoutCopy(_ texts: ArraySlice<(index: Int32, text: String?)>) throws -> Bool {
        guard let (index, text) = texts.first else { return try executeAndClear() }
        guard var text else {
            sqlite3_bind_null(handle, index)
            return try bindWithoutCopy(texts.dropFirst())
        }
        return try text.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { characters in
                if let address = characters.baseAddress {
                    sqlite3_bind_text(handle, index, address, Int32(characters.count), nil)
                } else {
                    // An empty buffer has no address, and a NULL pointer would store NULL.
                    sqlite3_bind_text(handle, index, "", 0, transient)
                }
                return try bindWithoutCopy(texts.dropFirst())
            }
        }
    }

    /// Runs the statement with the bound values.
    /// - Returns: whether a row was written (`false` when `INSERT OR IGNORE` met an existing key).
    /// - Throws: `DatabaseError` with SQLite's message.
    func execute() throws -> Bool {
        try executeCountingRows() == 1
    }

    /// Runs the statement with the bound values.
    /// - Returns: how many rows it wrote (a multi-row `INSERT OR IGNORE` leaves out those whose key exists).
    /// - Throws: `DatabaseError` with SQLite's message.
    func executeCountingRows() throws -> Int {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}

/// SQLite copies bound text at once (`SQLITE_TRANSIENT`), so Swift strings need not outlive the call.
let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)


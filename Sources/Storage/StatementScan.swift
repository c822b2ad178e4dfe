import GRDB
internal import GRDBSQLite

/// The rows of a statement read through SQLite's C API, their columns as bytes that stay valid until the
/// next step: the passes over the segment table, which look at every row and keep few.
///
/// ```swift
/// let scan = try StatementScan(db, sql: "SELECT participantId, codes FROM segment")
/// while try scan.next() { let id = scan.text(0) }
/// ```
struct StatementScan {
    private let db: Database
    /// Held so that GRDB's cache cannot finalize the statement while the scan uses its handle.
    private let statement: Statement
    private let handle: SQLiteStatement

    /// A scan of `sql`, its parameters bound to `texts` (as text, their bytes as they are).
    init(_ db: Database, sql: String, texts: [[UInt8]] = []) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        for (index, text) in texts.enumerated() {
            _ = text.withUnsafeBytes {
                sqlite3_bind_text(handle, Int32(index + 1), $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32($0.count), transient)
            }
        }
    }

    /// Steps to the next row.
    /// - Returns: `false` after the last row.
    func next() throws -> Bool {
        let step = sqlite3_step(handle)
        if step == SQLITE_DONE { return false }
        guard step == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        return true
    }

    /// Whether column `column` of the row is NULL.
    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// The UTF-8 bytes of text column `column` (empty for NULL).
    func text(_ column: Int32) -> UnsafeRawBufferPointer {
        // The text first, then its length (SQLite's order: the length is then that of the UTF-8 text).
        guard let address = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: address, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The text of column `column`, or `nil` for NULL.
    func optionalText(_ column: Int32) -> [UInt8]? {
        isNull(column) ? nil : Array(text(column))
    }

    /// The bytes of blob column `column` (empty for NULL).
    func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let address = sqlite3_column_blob(handle, column)
        return UnsafeRawBufferPointer(start: address, count: address == nil ? 0 : Int(sqlite3_column_bytes(handle, column)))
    }

    /// The integer of column `column`, or `nil` for NULL.
    func integer(_ column: Int32) -> Int? {
        isNull(column) ? nil : Int(sqlite3_column_int64(handle, column))
    }
}

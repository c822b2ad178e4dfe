import FileSafety
import Foundation
import GRDB

extension StudyStore {
    /// Builds a new store file at `path` and puts it in place only when `body` succeeds.
    ///
    /// The store is written to a temporary file beside `path` with SQLite's journal and syncing off (a
    /// bulk load: nothing needs rolling back, because a failed build is thrown away), handed to the disk
    /// as it grows (``EarlyWriteback``), synced once at the end, and renamed over `path` in one atomic
    /// step. So a failed build leaves `path` exactly as it was, byte for byte, or absent if it was
    /// absent; and a reader never sees half a store.
    /// - Returns: what `body` returns.
    ///
    /// One build at a time: the build holds an advisory lock on `path + ".lock"` (`flock`), and a second
    /// build of the same store fails at once with ``StoreError/locked(_:)`` instead of racing the first.
    /// The temporary file's name is the process's own; leftovers of a killed build are removed by the
    /// next one (under the lock no other build can be running).
    public static func build<T>(at path: String, _ body: (StoreTransaction) throws -> T) throws -> T {
        let (result, built) = try buildBeside(path, body)
        try built.place()
        return result
    }

    /// The first part of ``build(at:_:)``: the new store file written whole beside `path` and closed, not
    /// yet synced nor in place (``BuiltStore/place()`` does both; the lock is held until then).
    /// - Returns: what `body` returns, and the built store.
    public static func buildBeside<T>(_ path: String, _ body: (StoreTransaction) throws -> T) throws -> (T, BuiltStore) {
        let lock = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw StoreError.cannotLock(path, String(cString: strerror(errno))) }
        var lockHandedOver = false
        defer { if !lockHandedOver { close(lock) } }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { throw StoreError.locked(path) }
        let manager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".building"
        for leftover in (try? manager.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        where leftover.hasPrefix(prefix) {
            try? manager.removeItem(atPath: (directory as NSString).appendingPathComponent(leftover))
        }
        let temporaryPath = path + ".building-\(getpid())"
        TemporaryPaths.register(temporaryPath)
        // Forgotten here on a failure; a built store's file is forgotten once placed or dropped.
        defer { if !lockHandedOver { TemporaryPaths.forget(temporaryPath) } }
        do {
            var configuration = Configuration()
            // No foreign key checks while the store is built: every row that names another is inserted
            // after it (an attribute after its participant, a respondent after its instrument, a file's
            // stat after the file), so the checks never fail; they were a tenth or more of the
            // participants' inserts. A store opened later checks its writes as before.
            configuration.foreignKeysEnabled = false
            configuration.prepareDatabase { db in
                // 16 KiB pages (set before the file's first table): a segment row with its excerpt is
                // several hundred bytes, and four times fewer pages made the M study's ingest spend
                // 10% less CPU, and its analysis too.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                // 2 MiB of page cache: rows arrive in the order of the tables' keys, so inserts touch
                // few pages (a table's last ones and those above them). 32 MiB made ingest's peak RSS 25
                // MiB larger (M: 72 -> 47 MiB; L: 98 -> 70 MiB) and its system time larger at L (20.6 ->
                // 10.7 s), for the same user time; 8 MiB, against 2, 5.6 MiB larger at M (44.3 -> 38.7
                // MiB) for 84 pages fewer written of 14,600 and the same times. The file is the same.
                try db.execute(sql: "PRAGMA cache_size = -2048")
            }
            try TemporaryPaths.checkInterrupted()
            SQLiteSettings.applied
            let queue = try DatabaseQueue(path: temporaryPath, configuration: configuration)
            // The disk writes the store while it is built; the sync at the end waits for the rest.
            let writeback = try EarlyWriteback(path: temporaryPath, reportedAs: path, action: "write the store")
            let result: T
            var summariesStreamed = false
            do {
                result = try queue.write { db in
                    // The file is new: its schema made at once, as the migrations would leave it.
                    try createSchema(db)
                    let transaction = StoreTransaction(db: db)
                    let result = try body(transaction)
                    summariesStreamed = try transaction.finishSummaries()
                    return result
                }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            lockHandedOver = true
            return (result, BuiltStore(
                path: path, file: temporaryPath, lock: lock, writeback: writeback, summariesStreamed: summariesStreamed))
        } catch let error as DatabaseError {
            try? manager.removeItem(atPath: temporaryPath)
            throw Self.failure(error, path: path)
        } catch {
            try? manager.removeItem(atPath: temporaryPath)
            throw error
        }
    }

    /// A failure of SQLite's writing in plain words (the disk full, an input/output error), or the
    /// error itself when it is not one of the system.
    static func failure(_ error: DatabaseError, path: String) -> any Error {
        let code: Int32? = switch error.resultCode {
        case .SQLITE_FULL: ENOSPC
        case .SQLITE_IOERR: EIO
        case .SQLITE_READONLY: EROFS
        case .SQLITE_PERM: EACCES
        case .SQLITE_CANTOPEN: errno == 0 ? ENOENT : errno
        default: nil
        }
        guard let code else { return error }
        return SystemFailure(path: path, action: "write the store", code: code)
    }
}

/// Why a store cannot be built.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// Another process is building the same store.
    case locked(String)
    /// The lock file cannot be created (a read-only folder, say).
    case cannotLock(String, String)
    /// The store's summary of a participant's coding (by the participant's and the coder's positions)
    /// is not of the shape the tool writes: the file was damaged after its ingest.
    case damagedCoding(participant: Int, coder: Int)
    /// The store's answers of a survey respondent (by the instrument's and the respondent's ids) are not
    /// of the shape ``SurveyAnswers`` writes: the file was damaged after its ingest.
    case damagedAnswers(instrument: String, respondent: String)

    public var description: String {
        switch self {
        case .locked(let path):
            "\(path): another ingest is writing this store now; wait for it to finish, then run this one again"
        case .cannotLock(let path, let reason):
            "\(path).lock: cannot create the store's lock file (\(reason)); check that the folder is writable"
        case .damagedCoding(let participant, let coder):
            "the store's summary of the coding is damaged (the participant at position \(participant), the coder at position \(coder)); run `analyze ingest` again to rebuild the store"
        case .damagedAnswers(let instrument, let respondent):
            "the store's answers of respondent \(respondent) of the survey \(instrument) are damaged; run `analyze ingest` again to rebuild the store"
        }
    }
}

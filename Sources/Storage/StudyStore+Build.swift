import Foundation
import GRDB

extension StudyStore {
    /// Builds a new store file at `path` and puts it in place only when `body` succeeds.
    ///
    /// The store is written to a temporary file beside `path` with SQLite's journal and syncing off (a
    /// bulk load: nothing needs rolling back, because a failed build is thrown away), synced to disk
    /// once, and renamed over `path` in one atomic step. So a failed build leaves `path` exactly as it
    /// was, byte for byte, or absent if it was absent; and a reader never sees half a store.
    /// - Returns: what `body` returns.
    public static func build<T>(at path: String, _ body: (StoreTransaction) throws -> T) throws -> T {
        let temporaryPath = path + ".building"
        let manager = FileManager.default
        try? manager.removeItem(atPath: temporaryPath)
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "PRAGMA cache_size = -32768")  // 32 MiB page cache
            }
            let queue = try DatabaseQueue(path: temporaryPath, configuration: configuration)
            let result: T
            do {
                try migrator.migrate(queue)
                result = try queue.write { db in try body(StoreTransaction(db: db)) }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: temporaryPath))
            try handle.synchronize()
            try handle.close()
            guard rename(temporaryPath, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            return result
        } catch {
            try? manager.removeItem(atPath: temporaryPath)
            throw error
        }
    }
}

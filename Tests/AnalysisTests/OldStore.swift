import GRDB
@testable import Storage

/// A store of an older layout for the migration tests: the migrations up to `migration` applied, without
/// foreign key checks, then, in one transaction with the store at `newPath` attached as `new`, every table of
/// the new store but `grdb_migrations` and `except` copied as it is, and `fill` run to write the rest.
/// - Returns: the old store's connection (to be closed before the store is opened as a `StudyStore`).
func oldStore(
    at path: String, upTo migration: String, from newPath: String, except tables: [String], fill: (Database) throws -> Void
) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let old = try DatabaseQueue(path: path, configuration: configuration)
    try StudyStore.migrator.migrate(old, upTo: migration)
    try old.writeWithoutTransaction { db in
        try db.execute(sql: "ATTACH DATABASE ? AS new", arguments: [newPath])
        try db.inTransaction {
            let names = (["grdb_migrations"] + tables).map { "'\($0)'" }.joined(separator: ", ")
            let copied = try String.fetchAll(db, sql: "SELECT name FROM new.sqlite_master WHERE type = 'table' AND name NOT IN (\(names))")
            for table in copied { try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM new.\(table)") }
            try fill(db)
            return .commit
        }
        try db.execute(sql: "DETACH DATABASE new")
    }
    return old
}

internal import CSQLiteSettings

/// SQLite's process-wide settings, made once before the process opens its first connection.
///
/// SQLite counts the memory it allocates (`SQLITE_CONFIG_MEMSTATUS`, on by default) under a global
/// mutex, a lock and an unlock on every allocation; and Debian's library is built without lookaside
/// memory, so every allocation goes through it. Nothing in the tool reads the counts (nor sets a heap
/// limit, which needs them), so they are turned off: on the ingest of M's first 100,000 rows, the
/// inserting thread's instructions fall by 1.3% (callgrind: 1,820.5 M → 1,796.8 M), and the uncontended
/// locks cost more time than their instructions say.
enum SQLiteSettings {
    /// Applies the settings on first use; a connection's opening touches it first.
    static let applied: Void = {
        // SQLITE_MISUSE when SQLite was used already (say by a test's own connection): then nothing
        // changes, and SQLite works as before.
        _ = analyze_sqlite3_memstatus_off()
    }()
}

import Foundation
import GRDB

extension StudyStore {
    /// The store's migrations. A migration is never edited once it has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createStudy") { db in
            try db.execute(sql: studyTables + segmentPerApplicationTable + surveyTables)
        }
        // The coder-coverage list (`coding.coverage`): which participants each coder was assigned.
        migrator.registerMigration("coverage") { db in
            try db.execute(sql: coverageTable)
        }
        // The stat of each input file settled before its ingest (SourceFileStat): the staleness check
        // hashes a file only when its stat differs, or none was recorded.
        migrator.registerMigration("sourceFileStat") { db in
            try db.execute(sql: sourceFileStatTable)
        }
        // The summaries of the segment table that the analysis reads instead of it (StoreSummaries): the
        // coders, and per participant and coder the distinct segments and the segments carrying each set
        // of codes. A store ingested before them gets them filled from its segments.
        migrator.registerMigration("storeSummaries") { db in
            try db.execute(sql: summaryTables)
            try StoreSummaries.fill(db)
        }
        // The segment table with a row per segment (a participant, coder and segment id, with its document,
        // offsets, excerpt and language) instead of a row per code application: the codes and their lines
        // packed into one blob (SegmentCodes), the excerpt stored once per segment. A key's rows with
        // another document, offsets, excerpt or language are its next parts. A table with rowids and an
        // index of the keys, not one without rowids: its rows are appended, and only the short keys are
        // sorted into a B-tree (M: the inserting thread's sqlite3_step 5,353 M -> 4,993 M instructions). The rows of an
        // older store are copied over. (`segmentKeyOnDemand` replaced the table's index by one made when needed.)
        migrator.registerMigration("packSegments") { db in
            try db.execute(sql: "ALTER TABLE segment RENAME TO segmentPerApplication; " + indexedSegmentTable)
            try SegmentWriter(db).copyRowsPerApplication(from: "segmentPerApplication")
            try db.execute(sql: "DROP TABLE segmentPerApplication")
        }
        // A survey respondent's answers packed into one blob of their row (SurveyAnswers) instead of a row
        // of `surveyAnswer` each: an ingest inserts a row per respondent, not one more per answer (S: 300
        // rows instead of 5,250). The answers of an older store are copied into the blobs.
        migrator.registerMigration("packAnswers") { db in
            try db.execute(sql: "ALTER TABLE surveyRespondent RENAME TO surveyRespondentPerAnswer; " + respondentTable)
            try copyRespondentsPerAnswer(db)
            try db.execute(sql: "DROP TABLE surveyRespondentPerAnswer; DROP TABLE surveyAnswer")
        }
        // The segment table without its unique index of the keys: ``SegmentWriter`` makes the index
        // (``segmentKeyIndex``) when a write may meet a stored key, so a store whose rows all came in
        // ascending key order has none (M: the inserting thread 6,739 M -> 5,193 M instructions, the store
        // 237 -> 208 MB). The rows of a store with the index are copied over with their rowids.
        migrator.registerMigration("segmentKeyOnDemand") { db in
            try db.execute(sql: "ALTER TABLE segment RENAME TO segmentIndexed; " + segmentTable + """

                INSERT INTO segment (rowid, \(SegmentWriter.columns)) SELECT rowid, \(SegmentWriter.columns) FROM segmentIndexed ORDER BY rowid;
                DROP TABLE segmentIndexed;
                """)
        }
        return migrator
    }

    /// Makes the schema of a new, empty store file at once: the tables the migrations leave, in the order
    /// they leave them and with the same text (the segment table of a row per segment and the respondents'
    /// table with their answers, never the ones they replaced), and every migration recorded as applied in GRDB's table, as ``migrator`` records them.
    /// One batch instead of seven migrations, three of which rename, copy and drop a table (SQLite parses
    /// the whole schema again after each). `StoreBuildTests` compares the result with the migrations'.
    static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);\n" + studyTables + instrumentTable + coverageTable
                + sourceFileStatTable + summaryTables + respondentTable + segmentTable)
        for identifier in migrator.migrations {
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }

    // The tables' statements, each table's text as SQLite keeps it in the schema: the migrations run them,
    // and a new store's file (``createSchema(_:)``) is made of them directly.

    /// The study, its files, codes and participants (`createStudy`, before its segment table).
    static let studyTables = """
        CREATE TABLE study (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            version TEXT NOT NULL,
            codebookVersion TEXT NOT NULL,
            toolVersion TEXT NOT NULL
        );
        CREATE TABLE sourceFile (
            path TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            byteCount INTEGER NOT NULL,
            recordCount INTEGER NOT NULL
        );
        CREATE TABLE code (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            definition TEXT NOT NULL  -- the Code as JSON
        );
        CREATE TABLE participant (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL UNIQUE,
            country TEXT NOT NULL,
            role TEXT NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE TABLE participantAttribute (
            participantId TEXT NOT NULL REFERENCES participant(id),
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (participantId, name)
        ) WITHOUT ROWID;
        """

    /// The segment table of a row per code application (`createStudy`; renamed and dropped by `packSegments`).
    static let segmentPerApplicationTable = """
        CREATE TABLE segment (
            participantId TEXT NOT NULL,
            code TEXT NOT NULL,
            coder TEXT NOT NULL,
            segmentId TEXT NOT NULL,
            document TEXT,
            start INTEGER,
            "end" INTEGER,
            excerpt TEXT,
            language TEXT,
            line INTEGER NOT NULL,
            PRIMARY KEY (participantId, code, coder, segmentId)
        ) WITHOUT ROWID;
        """

    /// The instruments and the survey answers of a row per answer (`createStudy`, after its segment
    /// table; the respondents and answers renamed and dropped by `packAnswers`).
    static let surveyTables = instrumentTable + """

        CREATE TABLE surveyRespondent (
            instrumentId TEXT NOT NULL REFERENCES instrument(id),
            respondentId TEXT NOT NULL,
            position INTEGER NOT NULL,
            country TEXT NOT NULL,
            role TEXT NOT NULL,
            line INTEGER NOT NULL,
            PRIMARY KEY (instrumentId, respondentId)
        ) WITHOUT ROWID;
        CREATE TABLE surveyAnswer (
            instrumentId TEXT NOT NULL,
            respondentId TEXT NOT NULL,
            itemId TEXT NOT NULL,
            value INTEGER,  -- NULL: no answer
            PRIMARY KEY (instrumentId, respondentId, itemId)
        ) WITHOUT ROWID;
        """

    /// The instruments (`createStudy`).
    static let instrumentTable = """
        CREATE TABLE instrument (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            definition TEXT NOT NULL  -- the Instrument as JSON
        );
        """

    /// The survey respondents with their answers in one blob each (`packAnswers`).
    static let respondentTable = """
        CREATE TABLE surveyRespondent (
            instrumentId TEXT NOT NULL REFERENCES instrument(id),
            respondentId TEXT NOT NULL,
            position INTEGER NOT NULL,
            country TEXT NOT NULL,
            role TEXT NOT NULL,
            line INTEGER NOT NULL,
            answers BLOB NOT NULL,  -- each answer's item id and value (SurveyAnswers)
            PRIMARY KEY (instrumentId, respondentId)
        ) WITHOUT ROWID;
        """

    /// The coder-coverage list (`coverage`).
    static let coverageTable = """
        CREATE TABLE coverage (
            participantId TEXT NOT NULL,
            coder TEXT NOT NULL,
            line INTEGER NOT NULL,
            PRIMARY KEY (participantId, coder)
        ) WITHOUT ROWID;
        """

    /// The input files' stats (`sourceFileStat`).
    static let sourceFileStatTable = """
        CREATE TABLE sourceFileStat (
            path TEXT PRIMARY KEY REFERENCES sourceFile(path),
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            byteCount INTEGER NOT NULL,
            modified INTEGER NOT NULL,  -- nanoseconds since 1970
            changed INTEGER NOT NULL
        ) WITHOUT ROWID;
        """

    /// The summaries of the segment table (`storeSummaries`).
    static let summaryTables = """
        CREATE TABLE coder (
            position INTEGER PRIMARY KEY,  -- the rank of the id in byte order
            id TEXT NOT NULL UNIQUE
        );
        CREATE TABLE coding (
            participant INTEGER NOT NULL,  -- participant.position
            coder INTEGER NOT NULL,  -- coder.position
            segments INTEGER NOT NULL,  -- distinct segments
            codeSets BLOB NOT NULL,  -- per set of codes: code count, segments, code.position of each (StoredCoding)
            PRIMARY KEY (participant, coder)
        ) WITHOUT ROWID;
        """

    /// The segment table of a row per segment with a unique index of the keys (`packSegments`; renamed and
    /// dropped by `segmentKeyOnDemand`).
    static let indexedSegmentTable = """
        CREATE TABLE segment (
        \(segmentColumns),
            UNIQUE (participantId, coder, segmentId, part)
        );
        """

    /// The segment table of a row per segment (`segmentKeyOnDemand`); its keys are unique, and indexed by
    /// ``segmentKeyIndex`` once a write may meet a stored key.
    static let segmentTable = """
        CREATE TABLE segment (
        \(segmentColumns)
        );
        """

    /// The columns of both segment tables: a segment's key, its code applications, where it stands and its
    /// excerpt.
    private static let segmentColumns = """
            participantId TEXT NOT NULL,
            coder TEXT NOT NULL,
            segmentId TEXT NOT NULL,
            part INTEGER NOT NULL,  -- 0, then 1, 2, ... for the key's rows that differ in the columns after codes
            codes BLOB NOT NULL,  -- each application's code and line (SegmentCodes)
            document TEXT,
            start INTEGER,
            "end" INTEGER,
            language TEXT,
            excerpt TEXT
        """

    /// The unique index of the segment table's keys, made by ``SegmentWriter`` when first needed.
    static let segmentKeyIndex = "CREATE UNIQUE INDEX IF NOT EXISTS segmentKey ON segment (participantId, coder, segmentId, part)"

    /// Copies the respondents of a store of a row per answer (`surveyRespondentPerAnswer` and
    /// `surveyAnswer`) into the respondents' table, each with their answers in item id order.
    private static func copyRespondentsPerAnswer(_ db: Database) throws {
        let answers = try db.makeStatement(
            sql: "SELECT itemId, value FROM surveyAnswer WHERE instrumentId = ? AND respondentId = ? ORDER BY itemId")
        let insert = try db.makeStatement(sql: "INSERT INTO surveyRespondent VALUES (?, ?, ?, ?, ?, ?, ?)")
        let respondents = try Row.fetchCursor(
            db, sql: "SELECT instrumentId, respondentId, position, country, role, line FROM surveyRespondentPerAnswer")
        while let respondent = try respondents.next() {
            let instrument: String = respondent[0], id: String = respondent[1]
            var blob: [UInt8] = []
            let rows = try Row.fetchCursor(answers, arguments: [instrument, id])
            while let answer = try rows.next() {
                SurveyAnswers.append(item: answer[0], value: answer[1], to: &blob)
            }
            try insert.execute(arguments: [
                instrument, id, respondent[2] as Int, respondent[3] as String, respondent[4] as String, respondent[5] as Int, Data(blob),
            ])
        }
    }
}

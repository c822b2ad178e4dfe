import Foundation
import GRDB
import StudyModel

/// Writes inside the one transaction of ``StudyStore/replaceContents(_:)``.
///
/// Insert methods use cached statements; those that can meet a duplicate return `false` instead of
/// throwing, so the caller can report the duplicate with its place in the input.
public struct StoreTransaction {
    let db: Database
    /// The bulk inserts, prepared once per transaction instead of looked up in GRDB's cache by their SQL
    /// (hashing the SQL text) for every row.
    private let inserts = BulkInserts()
    /// The summaries written as `segments.csv`'s rows are read (see ``summariseSegments(codes:)``).
    private let summary = StreamedSummaries()
    /// The segment rows' writer (its statements prepared on first use).
    private let segmentWriter: SegmentWriter

    init(db: Database) {
        self.db = db
        segmentWriter = SegmentWriter(db)
    }

    /// Records what the study is.
    public func setStudy(name: String, version: String, codebookVersion: String, toolVersion: String) throws {
        try db.execute(
            sql: "INSERT INTO study (id, name, version, codebookVersion, toolVersion) VALUES (1, ?, ?, ?, ?)",
            arguments: [name, version, codebookVersion, toolVersion])
    }

    /// Records an input file's fingerprint.
    public func insert(_ file: SourceFileRecord) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO sourceFile (path, kind, sha256, byteCount, recordCount) VALUES (?, ?, ?, ?, ?)",
            arguments: [file.path, file.kind, file.sha256, file.byteCount, file.recordCount])
    }

    /// Records the stat of an input file (recorded with ``insert(_:)-(SourceFileRecord)`` before).
    public func insert(_ stat: SourceFileStat, path: String) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO sourceFileStat (path, device, inode, byteCount, modified, changed) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [path, stat.device, stat.inode, stat.byteCount, stat.modified, stat.changed])
    }

    /// Stores the codebook's codes, in order.
    public func insert(_ codebook: Codebook) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (position, code) in codebook.codes.enumerated() {
            let json = String(decoding: try encoder.encode(code), as: UTF8.self)
            try db.execute(
                sql: "INSERT INTO code (id, position, definition) VALUES (?, ?, ?)",
                arguments: [code.id, position, json])
        }
    }

    /// Stores a survey instrument's definition.
    public func insert(_ instrument: Instrument, position: Int) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(instrument), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO instrument (id, position, definition) VALUES (?, ?, ?)",
            arguments: [instrument.id, position, json])
    }

    /// Stores a participant and its attributes.
    /// - Returns: `false` when a participant with this id is already stored (nothing is written).
    public func insert(_ participant: Participant, position: Int, line: Int) throws -> Bool {
        let insert = try inserts.statement(
            \.participant, db, sql: "INSERT OR IGNORE INTO participant (id, position, country, role, line) VALUES (?, ?, ?, ?, ?)")
        insert.bind(1, participant.id)
        insert.bind(2, position)
        insert.bind(3, participant.country)
        insert.bind(4, participant.role)
        insert.bind(5, line)
        guard try insert.execute() else { return false }
        // Several attributes a statement: a statement's step costs SQLite more than the rows it writes.
        try inserts.insert(participant.attributes.keys.sorted(), into: .attributes, db) { attributes, row, name in
            attributes.bind(3 * row + 1, participant.id)
            attributes.bind(3 * row + 2, name)
            attributes.bind(3 * row + 3, participant.attributes[name])
        }
        return true
    }

    /// Stores the batch's participants and their attributes (see ``ParticipantBatch``), up to 64
    /// participants a statement and up to 64 attributes a statement (across participants): a statement's
    /// step costs SQLite more than the rows it writes. Their texts are bound where the batch keeps them,
    /// without a copy (SQLite's own copy of a bound text was half the cost of these inserts). Each id
    /// must be new and each position free: the caller has checked; a repeat fails the build. Empties the
    /// batch.
    public func insert(_ participants: inout ParticipantBatch) throws {
        try participants.bytes.withUnsafeBytes { base in
            func text(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: base[range]) }
            try inserts.insert(participants.participants, into: .participants, db) { insert, row, stored in
                stored.bind(to: insert, after: 5 * row, text)
            }
            try inserts.insert(participants.attributes, into: .attributes, db) { insert, row, attribute in
                insert.bindWithoutCopy(3 * row + 1, text(attribute.participant))
                insert.bindWithoutCopy(3 * row + 2, text(attribute.name))
                insert.bindWithoutCopy(3 * row + 3, text(attribute.value))
            }
        }
        participants.removeAll()
    }

    /// Writes the store's summaries of the coding as the rows stored by ``insert(_:)-(SegmentBatch)``
    /// are read, instead of in a pass over the stored rows at the end of the build: call it before the
    /// first row, with the ids of the codes in the order they will be stored (the codebook's), feed the
    /// stream it returns the rows to be stored (on any thread), write the rows of `coding` it gives with
    /// ``insert(_:)-([CodingRow])`` and its end with ``endSummaries(coders:)``. It holds when the rows
    /// come participant by participant, name stored participants, and the codes are stored in that order;
    /// otherwise the build makes the pass, with the same result.
    public func summariseSegments(codes: [String]) -> SummaryStream {
        summary.declare(codes)
        return SummaryStream(codes: codes)
    }

    /// Writes rows of the summary `coding` that a ``SummaryStream`` gave.
    public func insert(_ rows: [CodingRow]) throws {
        guard !rows.isEmpty else { return }
        try SummaryWriter.write(rows, with: try inserts.statement(\.coding, db, sql: SummaryWriter.codingInsertSQL))
    }

    /// Records how the ``SummaryStream`` ended: its coders (``SummaryStream/finish(endingInto:)``), or `nil`
    /// when it stopped; written at the end of the build.
    public func endSummaries(coders: [[UInt8]]?) {
        summary.end(coders: coders)
    }

    /// Writes the summaries of the coding: the end of those written as the rows were read, or else from
    /// one pass over the stored rows (``StoreSummaries/fill(_:)``). The last step of every store build.
    /// - Returns: whether the summaries are those the ``SummaryStream`` gave (`false`: the pass wrote them).
    @discardableResult
    func finishSummaries() throws -> Bool {
        if try summary.finish(db) { return true }
        try StoreSummaries.fill(db)
        return false
    }

    /// Stores a code application (a coding tool's: one at a time), joined to its segment's stored row
    /// when the segment has one with the same document, offsets, excerpt and language (see ``SegmentWriter``).
    /// - Returns: `false` when the same participant, code, coder and segment are already stored.
    public func insert(_ segment: CodedSegment) throws -> Bool {
        summary.end(coders: nil)
        var batch = SegmentBatch()
        batch.append(segment)
        return try segmentWriter.write(batch)
    }

    /// Stores the batch's complete segments (the bulk path of `segments.csv`), a row each with one
    /// statement, and forgets them; the segment being gathered stays (``SegmentBatch/close()`` completes
    /// it). An application whose participant, code, coder and segment are stored already (or come
    /// earlier in its segment) is left out, as ``insert(_:)-(CodedSegment)`` leaves it out.
    /// - Returns: how many applications were stored, and those left out, in line order, each with the
    ///   line of the application stored.
    public func insert(_ batch: inout SegmentBatch) throws -> (stored: Int, duplicates: [SegmentBatch.Duplicate]) {
        try segmentWriter.write(&batch)
    }

    /// Stores one assignment of the coverage list.
    /// - Returns: `false` when the same participant and coder are already stored.
    public func insertCoverage(participantID: String, coder: String, line: Int) throws -> Bool {
        let insert = try inserts.statement(
            \.coverage, db, sql: "INSERT OR IGNORE INTO coverage (participantId, coder, line) VALUES (?, ?, ?)")
        insert.bind(1, participantID)
        insert.bind(2, coder)
        insert.bind(3, line)
        return try insert.execute()
    }

    /// The line of the stored assignment that a duplicate repeats.
    public func lineOfCoverage(participantID: String, coder: String) throws -> Int? {
        try Int.fetchOne(
            db, sql: "SELECT line FROM coverage WHERE participantId = ? AND coder = ?", arguments: [participantID, coder])
    }

    /// Stores the batch's survey respondents with their answers (see ``RespondentBatch``), up to 64
    /// respondents a statement, a row each with its answers as one blob, bound without a copy like its
    /// texts, and empties it. Each respondent's id must be new to its instrument: the caller has checked;
    /// a repeat fails the build.
    public func insert(_ respondents: inout RespondentBatch) throws {
        try respondents.bytes.withUnsafeBytes { base in
            func text(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: base[range]) }
            let instrument = text(respondents.instrument)
            let rows = zip(respondents.respondents, respondents.answers).map { (person: $0, answers: $1) }
            try inserts.insert(rows, into: .respondents, db) { insert, row, stored in
                insert.bindWithoutCopy(7 * row + 1, instrument)
                stored.person.bind(to: insert, after: 7 * row + 1, text)
                insert.bindBlobWithoutCopy(7 * row + 7, text(stored.answers))
            }
        }
        respondents.removeAll()
    }
}

/// The statements of ``StoreTransaction``'s inserts, prepared on first use, once per store build.
private final class BulkInserts {
    var participant: PreparedInsert?
    var coverage: PreparedInsert?
    var coding: PreparedInsert?

    /// A table whose rows come several at a time (a participant's attributes, participants.csv's
    /// participants, a survey's respondents).
    enum RowGroup: Int, CaseIterable {
        case attributes, participants, respondents

        var sql: (table: String, columns: Int) {
            switch self {
            case .participants: ("participant (id, position, country, role, line)", 5)
            case .attributes: ("participantAttribute (participantId, name, value)", 3)
            case .respondents: ("surveyRespondent (instrumentId, respondentId, position, country, role, line, answers)", 7)
            }
        }
    }

    /// The most rows one statement inserts.
    static let rowsPerStatement = 64

    /// The inserts of 1 to ``rowsPerStatement`` rows, by group and number of rows.
    private var multiRow: [[PreparedInsert?]] = Array(
        repeating: Array(repeating: nil, count: rowsPerStatement + 1), count: RowGroup.allCases.count)

    /// Inserts a row of `group` for each of `elements`, up to ``rowsPerStatement`` a statement: `bind`
    /// binds an element as the statement's row (0-based; its first parameter follows the row before's).
    func insert<Element>(
        _ elements: [Element], into group: RowGroup, _ db: Database,
        bind: (PreparedInsert, Int32, Element) -> Void
    ) throws {
        var start = 0
        while start < elements.count {
            let rows = elements[start..<min(elements.count, start + Self.rowsPerStatement)]
            let insert = try statement(rows: rows.count, of: group, db)
            for (row, element) in rows.enumerated() { bind(insert, Int32(row), element) }
            // Cleared: a text bound without a copy may be gone before the statement's next use.
            _ = try insert.executeAndClear()
            start += rows.count
        }
    }

    /// The insert of `rows` rows of `group` (1 to ``rowsPerStatement``), prepared on first use.
    private func statement(rows: Int, of group: RowGroup, _ db: Database) throws -> PreparedInsert {
        if let insert = multiRow[group.rawValue][rows] { return insert }
        let (table, columns) = group.sql
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let insert = try PreparedInsert(db, sql: "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ", "))
        multiRow[group.rawValue][rows] = insert
        return insert
    }

    /// The statement at `slot`, prepared from `sql` and kept there on first use.
    func statement(_ slot: ReferenceWritableKeyPath<BulkInserts, PreparedInsert?>, _ db: Database, sql: String) throws -> PreparedInsert {
        if let insert = self[keyPath: slot] { return insert }
        let insert = try PreparedInsert(db, sql: sql)
        self[keyPath: slot] = insert
        return insert
    }
}

/// What the build knows of the summaries streamed while `segments.csv` was read (``SummaryStream``).
private final class StreamedSummaries {
    /// The codes' ids at the positions declared (`nil`: no stream).
    private var declared: [String]?
    /// The stream's coders once it ended in full.
    private var coders: [[UInt8]]?
    /// Whether a stream was declared twice, stopped, or a row stored another way.
    private var stopped = false

    func declare(_ codes: [String]) {
        if declared != nil { stopped = true }
        declared = codes
    }

    func end(coders: [[UInt8]]?) {
        if coders == nil { stopped = true }
        self.coders = coders
    }

    /// Writes the coders.
    /// - Returns: `false` when the summaries are not written in full (no stream, or it stopped, or the
    ///   codes were not stored at the declared positions): the caller empties them and runs the pass.
    func finish(_ db: Database) throws -> Bool {
        guard !stopped, let declared, let coders,
            try String.fetchAll(db, sql: "SELECT id FROM code ORDER BY position") == declared,
            try Int.fetchOne(db, sql: "SELECT COUNT(*) = MAX(position) + 1 FROM code") != 0
        else { return false }
        try SummaryWriter.writeCoders(coders, db)
        return true
    }
}

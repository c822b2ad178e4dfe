import Foundation
import GRDB

/// The store's summaries of the segment table (`coder`, `coding`): what the analysis reads of the coding,
/// so that it never reads the wide segment rows (their excerpts) again.
///
/// `coding` holds a row per participant and coder: the coder's distinct segments of the participant, and
/// how many of them carry exactly each set of codes (keyed by positions, not ids, in one blob: see
/// ``StoredCoding``). The segment count of each code, the distinct segments and the segments carrying
/// both codes of a pair all follow from it. Filled at the end of every ingest, and by the migration that
/// adds the tables to an older store.
enum StoreSummaries {
    /// The summary tables, emptied before they are filled.
    static let tables = ["coding", "coder"]

    /// Empties the summary tables and fills them from the segment, code and participant tables.
    ///
    /// Segments of a participant that the store does not list (none after a successful ingest) are left
    /// out (the analysis ignores them); codes that it does not list (none either) are left out of their
    /// segments' sets, so a segment with only such codes is an empty set (it still shows that its coder
    /// coded the participant).
    /// - Complexity: one pass over the segment table in key order (sorted by SQLite when the table has no
    ///   index of its keys) merged with one over the participant ids, a row written per participant and
    ///   coder; memory O(one participant's segments).
    static func fill(_ db: Database) throws {
        for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
        var codePositions: [String: UInt32] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, position FROM code") { codePositions[row[0]] = UInt32(row[1] as Int) }
        var participants = ParticipantPositions(try Row.fetchCursor(db, sql: "SELECT id, position FROM participant ORDER BY id"))
        var writer = try SummaryWriter(db, codePositions: codePositions)
        var lastParticipant: [UInt8]?
        func begin(_ participantID: UnsafeRawBufferPointer) throws {
            guard lastParticipant.map({ !same(participantID, $0) }) ?? true else { return }
            lastParticipant = Array(participantID)
            try writer.begin(participant: try participants.position(of: String(decoding: participantID, as: UTF8.self)))
        }
        if try holdsRowPerApplication(db) {
            // The table before ``StudyStore/migrator``'s `packSegments` (its migration `storeSummaries` runs first).
            let scan = try StatementScan(
                db, sql: "SELECT participantId, code, coder, segmentId FROM segment ORDER BY participantId, code, coder, segmentId")
            while try scan.next() {
                try begin(scan.text(0))
                writer.add(code: scan.text(1), coder: scan.text(2), segment: scan.text(3))
            }
        } else {
            let scan = try StatementScan(
                db, sql: "SELECT participantId, coder, segmentId, codes FROM segment ORDER BY participantId, coder, segmentId, part")
            while try scan.next() {
                try begin(scan.text(0))
                SegmentCodes.forEach(in: scan.blob(3)) { code, _ in
                    writer.add(code: code, coder: scan.text(1), segment: scan.text(2))
                    return true
                }
            }
        }
        try writer.finish()
    }

    /// Whether the segment table holds a row per code application (its layout before the migration
    /// `packSegments`), not a row per segment.
    static func holdsRowPerApplication(_ db: Database) throws -> Bool {
        try db.columns(in: "segment").contains { $0.name == "code" }
    }

    /// Whether `bytes` are `other`'s.
    static func same(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
        ShortBytes.equal(bytes, other)
    }
}

/// The participants' positions by id, for ids asked in ascending byte order (SQLite's): a merge with the
/// participant table read in id order, nothing held.
private struct ParticipantPositions {
    let rows: RowCursor
    private var current: (id: String, position: Int)?
    private var done = false

    init(_ rows: RowCursor) {
        self.rows = rows
    }

    /// The position of the participant with id `id` (`nil`: none), `id` not before the last asked.
    mutating func position(of id: String) throws -> Int? {
        while !done, current.map({ $0.id.utf8.lexicographicallyPrecedes(id.utf8) }) ?? true {
            guard let row = try rows.next() else {
                done = true
                break
            }
            current = (row[0], row[1])
        }
        return current?.id == id ? current?.position : nil
    }
}

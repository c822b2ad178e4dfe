import Foundation
import GRDB
internal import GRDBSQLite

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
    /// - Complexity: one pass over the segment table in key order merged with one over the participant
    ///   ids (nothing sorted by SQLite), a row written per participant and coder; memory O(one
    ///   participant's segment rows).
    static func fill(_ db: Database) throws {
        for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
        var codePositions: [String: UInt32] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, position FROM code") { codePositions[row[0]] = UInt32(row[1] as Int) }
        var participants = ParticipantPositions(try Row.fetchCursor(db, sql: "SELECT id, position FROM participant ORDER BY id"))
        var builder = CodingBuilder(insert: try PreparedInsert(
            db, sql: "INSERT INTO coding (participant, coder, segments, codeSets) VALUES (?, ?, ?, ?)"))
        var coders: [[UInt8]] = []
        var lastCoder: (bytes: [UInt8], position: Int) = ([], -1)
        var lastCode: (bytes: [UInt8], position: UInt32) = ([], CodingBuilder.unknownCode)
        var lastParticipant: [UInt8]?

        let scan = try db.makeStatement(
            sql: "SELECT participantId, code, coder, segmentId FROM segment ORDER BY participantId, code, coder, segmentId")
        let handle = scan.sqliteStatement
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let participantID = text(handle, 0)
            if lastParticipant.map({ !same(participantID, $0) }) ?? true {
                try builder.flush()
                lastParticipant = Array(participantID)
                builder.participant = try participants.position(of: String(decoding: participantID, as: UTF8.self))
            }
            guard builder.participant != nil else { continue }
            let code = text(handle, 1)
            if !same(code, lastCode.bytes) {
                lastCode = (Array(code), codePositions[String(decoding: code, as: UTF8.self)] ?? CodingBuilder.unknownCode)
            }
            let coder = text(handle, 2)
            if !same(coder, lastCoder.bytes) {
                let bytes = Array(coder)
                if let index = coders.firstIndex(of: bytes) {
                    lastCoder = (bytes, index)
                } else {
                    lastCoder = (bytes, coders.count)
                    coders.append(bytes)
                }
            }
            builder.add(coder: lastCoder.position, segment: text(handle, 3), code: lastCode.position)
        }
        try builder.flush()
        for (position, coder) in coders.enumerated() {
            try db.execute(sql: "INSERT INTO coder (position, id) VALUES (?, ?)", arguments: [position, String(decoding: coder, as: UTF8.self)])
        }
    }

    /// Whether `bytes` are `other`'s.
    private static func same(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
        bytes.count == other.count
            && (bytes.isEmpty || other.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
    }

    /// The bytes of text column `column` of the current row (valid until the next step).
    private static func text(_ handle: SQLiteStatement, _ column: Int32) -> UnsafeRawBufferPointer {
        // The text first, then its length (SQLite's order: the length is then that of the UTF-8 text).
        guard let address = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: address, count: Int(sqlite3_column_bytes(handle, column)))
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

/// One participant's segment rows gathered into code sets per coder, written to `coding` when the
/// participant's rows end.
private struct CodingBuilder {
    /// The position of a code the store does not list.
    static let unknownCode = UInt32.max

    let insert: PreparedInsert
    /// The participant's position (`nil`: not stored, its rows are skipped).
    var participant: Int?
    /// The participant's code applications: the coder, where the segment id is in `ids`, the code's position.
    private var applications: [(coder: Int32, id: Range<Int32>, code: UInt32)] = []
    /// The segment ids of `applications`, one after the other.
    private var ids: [UInt8] = []

    init(insert: PreparedInsert) {
        self.insert = insert
    }

    mutating func add(coder: Int, segment: UnsafeRawBufferPointer, code: UInt32) {
        let start = Int32(ids.count)
        ids.append(contentsOf: segment)
        applications.append((Int32(coder), start..<Int32(ids.count), code))
    }

    /// Writes the participant's rows (one per coder) and forgets its segments.
    mutating func flush() throws {
        defer {
            applications.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
        }
        guard let participant, !applications.isEmpty else { return }
        // The applications of each segment together (by coder, then segment id), its codes ascending;
        // then each segment's codes.
        let bytes = ids
        var codes: [UInt32] = []
        var sets: [(coder: Int, codes: Range<Int>)] = []
        bytes.withUnsafeBytes { bytes in
            func order(_ first: Range<Int32>, _ second: Range<Int32>) -> Int32 {
                let common = min(first.count, second.count)
                let order = common == 0 ? 0 : memcmp(bytes.baseAddress! + Int(first.lowerBound), bytes.baseAddress! + Int(second.lowerBound), common)
                return order != 0 ? order : Int32(first.count - second.count)
            }
            applications.sort {
                if $0.coder != $1.coder { return $0.coder < $1.coder }
                let segment = order($0.id, $1.id)
                return segment != 0 ? segment < 0 : $0.code < $1.code
            }
            var start = 0
            while start < applications.count {
                let (coder, id) = (applications[start].coder, applications[start].id)
                let first = codes.count
                var end = start
                while end < applications.count, applications[end].coder == coder, order(applications[end].id, id) == 0 {
                    if applications[end].code != Self.unknownCode { codes.append(applications[end].code) }
                    end += 1
                }
                sets.append((Int(coder), first..<codes.count))
                start = end
            }
        }
        // Segments of one coder with the same codes together, the sets in order.
        sets.sort { $0.coder != $1.coder ? $0.coder < $1.coder : codes[$0.codes].lexicographicallyPrecedes(codes[$1.codes]) }
        var index = 0
        while index < sets.count {
            let coder = sets[index].coder
            var blob: [UInt8] = []
            var distinct = 0
            while index < sets.count, sets[index].coder == coder {
                var count = 1
                while index + count < sets.count, sets[index + count].coder == coder,
                    codes[sets[index + count].codes].elementsEqual(codes[sets[index].codes])
                {
                    count += 1
                }
                StoredCoding.append(codes: codes[sets[index].codes], segments: count, to: &blob)
                distinct += count
                index += count
            }
            insert.bind(1, participant)
            insert.bind(2, coder)
            insert.bind(3, distinct)
            insert.bind(4, blob: blob)
            _ = try insert.execute()
        }
    }
}


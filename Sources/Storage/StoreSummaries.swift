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
    /// The participant's segments by number: the coder and where the segment id is in `ids`.
    private var segments: [(coder: Int32, id: Range<Int32>)] = []
    /// The segment ids, one after the other.
    private var ids: [UInt8] = []
    /// An open-addressing table of segment numbers + 1 (0: free) by the hash of coder and id.
    private var slots = [Int32](repeating: 0, count: 64)
    /// The participant's code applications: the segment's number above, the code's position below.
    private var applications: [UInt64] = []

    init(insert: PreparedInsert) {
        self.insert = insert
    }

    mutating func add(coder: Int, segment: UnsafeRawBufferPointer, code: UInt32) {
        applications.append(UInt64(number(coder: Int32(coder), segment: segment)) << 32 | UInt64(code))
    }

    /// The number of the segment (a new one for a coder and id not seen yet).
    private mutating func number(coder: Int32, segment: UnsafeRawBufferPointer) -> UInt32 {
        if segments.count * 2 >= slots.count { grow() }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(UInt32(bitPattern: coder))
        for byte in segment { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ hash >> 29) & mask
        while slots[slot] != 0 {
            let known = Int(slots[slot] - 1)
            if segments[known].coder == coder, same(segments[known].id, segment) { return UInt32(known) }
            slot = (slot + 1) & mask
        }
        let start = Int32(ids.count)
        ids.append(contentsOf: segment)
        segments.append((coder, start..<Int32(ids.count)))
        slots[slot] = Int32(segments.count)
        return UInt32(segments.count - 1)
    }

    private func same(_ id: Range<Int32>, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard id.count == bytes.count else { return false }
        var index = Int(id.lowerBound)
        for byte in bytes {
            if ids[index] != byte { return false }
            index += 1
        }
        return true
    }

    /// A table twice as large, the segments placed again.
    private mutating func grow() {
        let known = segments
        segments.removeAll(keepingCapacity: true)
        let bytes = ids
        ids.removeAll(keepingCapacity: true)
        slots = [Int32](repeating: 0, count: slots.count * 2)
        bytes.withUnsafeBytes { bytes in
            for segment in known {
                _ = number(coder: segment.coder, segment: UnsafeRawBufferPointer(rebasing: bytes[Int(segment.id.lowerBound)..<Int(segment.id.upperBound)]))
            }
        }
    }

    /// Writes the participant's rows (one per coder) and forgets its segments.
    mutating func flush() throws {
        defer {
            segments.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            applications.removeAll(keepingCapacity: true)
            // A participant with very many segments does not make every later one clear a large table.
            if slots.count > 1024 {
                slots = [Int32](repeating: 0, count: 64)
            } else {
                for index in slots.indices { slots[index] = 0 }
            }
        }
        guard let participant, !applications.isEmpty else { return }
        // Each segment's codes, ascending: the applications sorted by segment number, then code.
        applications.sort()
        var codes: [UInt32] = []
        var sets: [Range<Int>] = Array(repeating: 0..<0, count: segments.count)
        var start = 0
        while start < applications.count {
            let number = applications[start] >> 32
            let first = codes.count
            var end = start
            while end < applications.count, applications[end] >> 32 == number {
                let code = UInt32(truncatingIfNeeded: applications[end])
                if code != Self.unknownCode { codes.append(code) }
                end += 1
            }
            sets[Int(number)] = first..<codes.count
            start = end
        }
        // The segments of one coder with the same codes together, the coders and sets in order.
        func precedes(_ first: Int, _ second: Int) -> Bool {
            if segments[first].coder != segments[second].coder { return segments[first].coder < segments[second].coder }
            let (one, other) = (sets[first], sets[second])
            for offset in 0..<min(one.count, other.count) where codes[one.lowerBound + offset] != codes[other.lowerBound + offset] {
                return codes[one.lowerBound + offset] < codes[other.lowerBound + offset]
            }
            return one.count < other.count
        }
        let order = (0..<segments.count).sorted(by: precedes)
        var index = 0
        while index < order.count {
            let coder = segments[order[index]].coder
            var blob: [UInt8] = []
            var distinct = 0
            while index < order.count, segments[order[index]].coder == coder {
                var count = 1
                while index + count < order.count, !precedes(order[index], order[index + count]) { count += 1 }
                StoredCoding.append(codes: codes[sets[order[index]]], segments: count, to: &blob)
                distinct += count
                index += count
            }
            insert.bind(1, participant)
            insert.bind(2, Int(coder))
            insert.bind(3, distinct)
            insert.bind(4, blob: blob)
            _ = try insert.execute()
        }
    }
}

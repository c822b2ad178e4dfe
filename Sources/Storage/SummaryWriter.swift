import Foundation
import GRDB

/// A row of the summary `coding`: one participant's segments by one coder, gathered into code sets.
public struct CodingRow: Sendable, Equatable {
    /// The participant's position, the coder's number (renumbered in byte order at the end), the
    /// number of distinct segments, and the code sets (``StoredCoding``).
    let participant: Int, coder: Int, segments: Int, codeSets: [UInt8]
}

/// The summaries (`coding`, `coder`) from segment rows given participant by participant (the rows of
/// one participant together, in any order among them), computed without the store: the rows of
/// `coding` as each participant ends, and the coders at the end. Written by ``SummaryWriter`` (the pass
/// over the segment table) or, as the ingest reads `segments.csv`, on the thread that checks the rows
/// (``SummaryStream``).
struct CodingSummary: Sendable {
    private let codePositions: [String: UInt32]
    /// The same by their bytes (a miss is then asked of `codePositions`, which also finds another
    /// spelling of the same text, as `Codebook.index(of:)` does).
    private let codes: KnownIDs
    private let codeOrder: [UInt32]
    private var builder = CodingBuilder()
    /// The coders by number, in order of first appearance (renumbered in byte order by
    /// ``SummaryWriter/writeCoders(_:_:)``).
    private(set) var coders: [[UInt8]] = []
    private var lastCoder: (bytes: [UInt8], number: Int) = ([], -1)

    /// `codePositions`: the `code` table's positions by id.
    init(codePositions: [String: UInt32]) {
        self.codePositions = codePositions
        let ids = codePositions.keys.sorted()
        codes = KnownIDs(ids)
        codeOrder = ids.map { codePositions[$0]! }
    }

    /// Ends the participant before, appending its rows to `rows`, and starts the participant at
    /// `position` (`nil`: one the store does not list, whose rows are left out).
    mutating func begin(participant position: Int?, endingInto rows: inout [CodingRow]) {
        builder.flush(into: &rows)
        builder.participant = position
    }

    /// Adds a code application of the participant begun (the bytes need only stay valid during the call).
    /// - Parameters:
    ///   - knownPosition: the code's position in the `code` table when the caller knows it, or `nil`: it
    ///     is looked up.
    ///   - sameCoder: `true` when the caller knows that `coder` is the coder of the call before.
    mutating func add(
        code: UnsafeRawBufferPointer, position knownPosition: UInt32? = nil, coder: UnsafeRawBufferPointer,
        sameCoder: Bool = false, segment: UnsafeRawBufferPointer
    ) {
        guard builder.participant != nil else { return }
        // Looked up for every row (a segment's rows name different codes), by the bytes.
        let position = knownPosition
            ?? codes.index(of: code).map { codeOrder[$0] } ?? codePositions[String(decoding: code, as: UTF8.self)]
        if !sameCoder, !StoreSummaries.same(coder, lastCoder.bytes) {
            let bytes = Array(coder)
            if let index = coders.firstIndex(of: bytes) {
                lastCoder = (bytes, index)
            } else {
                lastCoder = (bytes, coders.count)
                coders.append(bytes)
            }
        }
        builder.add(coder: lastCoder.number, segment: segment, code: position ?? CodingBuilder.unknownCode)
    }

    /// Ends the last participant, appending its rows to `rows`.
    mutating func finish(into rows: inout [CodingRow]) {
        builder.flush(into: &rows)
        builder.participant = nil
    }
}

/// Writes the summaries (`coding`, `coder`) from segment rows given participant by participant, as
/// ``CodingSummary`` computes them: the pass over the segment table (``StoreSummaries/fill(_:)``).
struct SummaryWriter {
    private let db: Database
    private let insert: PreparedInsert
    private var summary: CodingSummary
    /// The rows of the participant ended last, written at once (reused).
    private var rows: [CodingRow] = []

    /// A writer into empty summary tables; `codePositions`: the `code` table's positions by id.
    init(_ db: Database, codePositions: [String: UInt32]) throws {
        self.db = db
        insert = try PreparedInsert(db, sql: Self.codingInsertSQL)
        summary = CodingSummary(codePositions: codePositions)
    }

    /// The insert of a row of `coding`.
    static let codingInsertSQL = "INSERT INTO coding (participant, coder, segments, codeSets) VALUES (?, ?, ?, ?)"

    /// Writes the rows of the participant before and starts the participant at `position` (`nil`: one the
    /// store does not list, whose rows are left out).
    mutating func begin(participant position: Int?) throws {
        summary.begin(participant: position, endingInto: &rows)
        try Self.write(rows, with: insert)
        rows.removeAll(keepingCapacity: true)
    }

    /// Adds a code application of the participant begun (the bytes need only stay valid during the call).
    mutating func add(code: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer, segment: UnsafeRawBufferPointer) {
        summary.add(code: code, coder: coder, segment: segment)
    }

    /// Writes the last participant's rows and the coders.
    mutating func finish() throws {
        summary.finish(into: &rows)
        try Self.write(rows, with: insert)
        try Self.writeCoders(summary.coders, db)
    }

    /// Writes rows of `coding`.
    static func write(_ rows: [CodingRow], with insert: PreparedInsert) throws {
        for row in rows {
            insert.bind(1, row.participant)
            insert.bind(2, row.coder)
            insert.bind(3, row.segments)
            insert.bind(4, blob: row.codeSets)
            _ = try insert.execute()
        }
    }

    /// Writes the coders (numbered in order of first appearance in the rows written), each coder's
    /// position its rank in byte order (the rows renumbered when they came in another order), so that
    /// the summaries depend on the segments alone, not on the order they were read in.
    static func writeCoders(_ coders: [[UInt8]], _ db: Database) throws {
        let ranked = coders.indices.sorted { coders[$0].lexicographicallyPrecedes(coders[$1]) }
        for (rank, number) in ranked.enumerated() {
            try db.execute(
                sql: "INSERT INTO coder (position, id) VALUES (?, ?)", arguments: [rank, String(decoding: coders[number], as: UTF8.self)])
        }
        guard ranked != Array(coders.indices) else { return }
        // Out of the way first: a row may not take a number another row still holds.
        try db.execute(sql: "UPDATE coding SET coder = coder + ?", arguments: [coders.count])
        for (rank, number) in ranked.enumerated() {
            try db.execute(sql: "UPDATE coding SET coder = ? WHERE coder = ?", arguments: [rank, coders.count + number])
        }
    }
}

/// One participant's segment rows gathered into code sets per coder, the rows of `coding` when the
/// participant's rows end.
struct CodingBuilder: Sendable {
    /// The position of a code the store does not list.
    static let unknownCode = UInt32.max

    /// The participant's position (`nil`: not stored, its rows are skipped).
    var participant: Int?
    /// The participant's segments by number: each one's coder and id (the coder's 4 bytes, then the id's).
    private var segmentKeys = KnownIDs(capacity: 32)
    /// Each segment's coder, by its number.
    private var segmentCoders: [Int32] = []
    /// The key looked up last (reused from row to row), and its segment's number: a segment's rows come
    /// one after another, so most rows name the segment of the row before, and are numbered without a
    /// look-up.
    private var key: [UInt8] = []
    private var keyNumber: UInt32?
    /// The participant's code applications: the segment's number above, the code's position below.
    private var applications: [UInt64] = []
    /// `flush`'s room, kept from participant to participant: the segments' packed keys, a set's codes.
    private var packed: [UInt64] = []
    private var setCodes: [UInt32] = [0, 0, 0]

    mutating func add(coder: Int, segment: UnsafeRawBufferPointer, code: UInt32) {
        applications.append(UInt64(number(coder: Int32(coder), segment: segment)) << 32 | UInt64(code))
    }

    /// The number of the segment (a new one for a coder and id not seen yet).
    private mutating func number(coder: Int32, segment: UnsafeRawBufferPointer) -> UInt32 {
        if let keyNumber, isKey(coder: coder, segment: segment) { return keyNumber }
        // The key written over the one before, resized in place (emptied and appended to, it cost three
        // generic calls a segment).
        let count = MemoryLayout<Int32>.size + segment.count
        if key.count < count {
            key.append(contentsOf: repeatElement(0, count: count - key.count))
        } else if key.count > count {
            key.removeLast(key.count - count)
        }
        key.withUnsafeMutableBytes { key in
            key.storeBytes(of: coder, as: Int32.self)
            if let address = segment.baseAddress, !segment.isEmpty {
                (key.baseAddress! + MemoryLayout<Int32>.size).copyMemory(from: address, byteCount: segment.count)
            }
        }
        let (number, inserted) = key.withUnsafeBytes { segmentKeys.insert($0) }
        if inserted { segmentCoders.append(coder) }
        keyNumber = UInt32(number)
        return UInt32(number)
    }

    /// Whether `coder` and `segment` make ``key``.
    private func isKey(coder: Int32, segment: UnsafeRawBufferPointer) -> Bool {
        let size = MemoryLayout<Int32>.size
        guard key.count == size + segment.count else { return false }
        return key.withUnsafeBytes { key in
            key.loadUnaligned(as: Int32.self) == coder
                && (segment.isEmpty || ShortBytes.equal(key.baseAddress! + size, segment.baseAddress!, count: segment.count))
        }
    }

    /// Appends the participant's rows (one per coder) to `rows` and forgets its segments.
    mutating func flush(into rows: inout [CodingRow]) {
        defer {
            keyNumber = nil
            segmentKeys.removeAll()
            segmentCoders.removeAll(keepingCapacity: true)
            applications.removeAll(keepingCapacity: true)
        }
        guard let participant, !applications.isEmpty else { return }
        // Each segment's codes, ascending: the applications sorted by segment number, then code.
        applications.sort()
        if packKeys() {
            appendPackedRows(participant, into: &rows)
        } else {
            appendRows(participant, into: &rows)
        }
    }

    /// Fills ``packed`` with a 64-bit key a segment, sorted: its coder and up to three codes + 1 in 16
    /// bits each (so that a set's end sorts before any code), which orders the segments by coder, then
    /// code set (ascending codes, a set before the longer sets it begins), as `appendRows` does. Segments
    /// with equal keys have the same coder and set. `false` when a coder or code does not fit or a set
    /// has more than three codes (then `appendRows` orders them).
    /// (Sorted with the segments' numbers beside the keys in 128 bits, and the sets gathered in arrays
    /// made anew for every participant, the order cost a third of the summaries' instructions.)
    private mutating func packKeys() -> Bool {
        packed.removeAll(keepingCapacity: true)
        for coder in segmentCoders {
            guard coder >= 0, coder < 0xFFFF else { return false }
            packed.append(UInt64(coder) << 48)
        }
        // Through the arrays' buffers (indexed, each write checked the array's uniqueness).
        let applications = self.applications
        return packed.withUnsafeMutableBufferPointer { packed in
            applications.withUnsafeBufferPointer { applications in
                var (segment, place) = (UInt64.max, 0)
                for application in applications {
                    if application >> 32 != segment { (segment, place) = (application >> 32, 0) }
                    let code = UInt32(truncatingIfNeeded: application)
                    if code == Self.unknownCode { continue }
                    guard place < 3, code < 0xFFFF else { return false }
                    packed[Int(segment)] |= UInt64(code + 1) << (32 - 16 * place)
                    place += 1
                }
                packed.sort()
                return true
            }
        }
    }

    /// The participant's rows from the sorted keys of ``packKeys()``.
    private mutating func appendPackedRows(_ participant: Int, into rows: inout [CodingRow]) {
        var index = 0
        while index < packed.count {
            let coder = packed[index] >> 48
            var blob = Self.blob(segments: packed.count, codes: applications.count)
            var distinct = 0
            while index < packed.count, packed[index] >> 48 == coder {
                let key = packed[index]
                var count = 1
                while index + count < packed.count, packed[index + count] == key { count += 1 }
                var codes = 0
                while codes < 3, case let code = UInt32(truncatingIfNeeded: key >> (32 - 16 * codes)) & 0xFFFF, code != 0 {
                    setCodes[codes] = code - 1
                    codes += 1
                }
                StoredCoding.append(codes: setCodes[..<codes], segments: count, to: &blob)
                distinct += count
                index += count
            }
            rows.append(CodingRow(participant: participant, coder: Int(coder), segments: distinct, codeSets: blob))
        }
    }

    /// The participant's rows, the segments ordered by comparing their coders and sets.
    private func appendRows(_ participant: Int, into rows: inout [CodingRow]) {
        var codes: [UInt32] = []
        var sets: [Range<Int>] = Array(repeating: 0..<0, count: segmentCoders.count)
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
            if segmentCoders[first] != segmentCoders[second] { return segmentCoders[first] < segmentCoders[second] }
            let (one, other) = (sets[first], sets[second])
            for offset in 0..<min(one.count, other.count) where codes[one.lowerBound + offset] != codes[other.lowerBound + offset] {
                return codes[one.lowerBound + offset] < codes[other.lowerBound + offset]
            }
            return one.count < other.count
        }
        let order = (0..<segmentCoders.count).sorted(by: precedes)
        var index = 0
        while index < order.count {
            let coder = segmentCoders[order[index]]
            var blob = Self.blob(segments: order.count, codes: codes.count)
            var distinct = 0
            while index < order.count, segmentCoders[order[index]] == coder {
                var count = 1
                while index + count < order.count, !precedes(order[index], order[index + count]) { count += 1 }
                StoredCoding.append(codes: codes[sets[order[index]]], segments: count, to: &blob)
                distinct += count
                index += count
            }
            rows.append(CodingRow(participant: participant, coder: Int(coder), segments: distinct, codeSets: blob))
        }
    }

    /// An empty blob with room for every set of a participant's (grown from empty, the blob was allocated
    /// again as its sets were appended): two words a set and a word a code at most.
    private static func blob(segments: Int, codes: Int) -> [UInt8] {
        var blob: [UInt8] = []
        blob.reserveCapacity(4 * (2 * segments + codes))
        return blob
    }
}

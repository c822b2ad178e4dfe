import Glibc
import GRDB

/// A segment row's key as the table's unique index orders it (the participant id, the coder, the segment
/// id; the part aside): SQLite's BINARY collation, each text by its bytes, a text before the longer ones it
/// begins. ``SegmentWriter`` keeps the greatest key stored, so that it knows a batch whose keys ascend
/// above it cannot meet a stored one.
struct SegmentKey {
    /// A key's texts where they lie.
    typealias Fields = (participantID: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer, segmentID: UnsafeRawBufferPointer)

    var participantID: [UInt8]
    var coder: [UInt8]
    var segmentID: [UInt8]

    /// A copy of the key `fields`.
    init(_ fields: Fields) {
        participantID = Array(fields.participantID)
        coder = Array(fields.coder)
        segmentID = Array(fields.segmentID)
    }

    /// Negative, zero or positive as this key comes before `fields`, is the same, or comes after.
    func order(_ fields: Fields) -> Int {
        participantID.withUnsafeBytes { participantID in
            coder.withUnsafeBytes { coder in
                segmentID.withUnsafeBytes { Self.order((participantID, coder, $0), fields) }
            }
        }
    }

    /// Negative, zero or positive as `one` comes before `other`, is the same, or comes after.
    static func order(_ one: Fields, _ other: Fields) -> Int {
        // Consecutive segments mostly share their participant and coder: equality by word loads first.
        if !ShortBytes.equal(one.participantID, other.participantID) { return order(one.participantID, other.participantID) }
        if !ShortBytes.equal(one.coder, other.coder) { return order(one.coder, other.coder) }
        return order(one.segmentID, other.segmentID)
    }

    /// BINARY collation: the common length by `memcmp`, then the shorter first.
    private static func order(_ one: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Int {
        let common = min(one.count, other.count)
        if common > 0, case let bytes = memcmp(one.baseAddress!, other.baseAddress!, common), bytes != 0 { return Int(bytes) }
        return one.count - other.count
    }

    /// The greatest key of the table `segment`, or `nil` when it has no row (a scan of the table when it
    /// has no index of its keys; a build reads it from the empty table).
    static func greatest(in db: Database) throws -> SegmentKey? {
        let scan = try StatementScan(
            db, sql: "SELECT participantId, coder, segmentId FROM segment ORDER BY participantId DESC, coder DESC, segmentId DESC LIMIT 1")
        guard try scan.next() else { return nil }
        return SegmentKey((scan.text(0), scan.text(1), scan.text(2)))
    }
}

import Foundation
import GRDB

/// The greatest key (participant, coder, segment id) of the segment table, kept as segments are written,
/// so that the writer knows which segments cannot meet a stored key: a segment whose key is greater
/// than every key stored and every key before it is stored by its insert, as a new row (part 0), and
/// needs no join (``SegmentWriter``). `segments.csv`'s rows usually come in key order, so most segments
/// are such.
///
/// Keys compare as the table's unique index compares them (SQLite's `BINARY` collation: the bytes, then
/// the length), column by column.
struct SegmentKeyOrder {
    /// The greatest key's three columns, one after another (`nil`: not read from the table yet).
    private var greatest: [UInt8]?
    /// The lengths of its participant id and coder in ``greatest`` (the segment id is the rest).
    private var lengths = (participant: 0, coder: 0)
    /// Whether the table holds no row (then every key is greater).
    private var isEmpty = true

    /// Reads the greatest stored key, once (the table may hold rows this writer did not write).
    mutating func load(_ db: Database) throws {
        guard greatest == nil else { return }
        greatest = []
        let scan = try StatementScan(
            db, sql: "SELECT participantId, coder, segmentId FROM segment ORDER BY participantId DESC, coder DESC, segmentId DESC LIMIT 1")
        if try scan.next() {
            remember(participant: scan.text(0), coder: scan.text(1), segment: scan.text(2))
        }
    }

    /// Keeps a key as the greatest.
    mutating func remember(participant: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer, segment: UnsafeRawBufferPointer) {
        var key = greatest ?? []
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: participant)
        key.append(contentsOf: coder)
        key.append(contentsOf: segment)
        greatest = key
        lengths = (participant.count, coder.count)
        isEmpty = false
    }

    /// Calls `body` with the greatest key's columns (`nil`: the table is empty), valid during the call.
    func withGreatest<Result>(
        _ body: ((participant: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer, segment: UnsafeRawBufferPointer)?) throws -> Result
    ) rethrows -> Result {
        guard !isEmpty, let greatest else { return try body(nil) }
        return try greatest.withUnsafeBytes { key in
            let coderEnd = lengths.participant + lengths.coder
            return try body((
                UnsafeRawBufferPointer(rebasing: key[..<lengths.participant]),
                UnsafeRawBufferPointer(rebasing: key[lengths.participant..<coderEnd]),
                UnsafeRawBufferPointer(rebasing: key[coderEnd...])))
        }
    }

    /// Whether the key `(participant, coder, segment)` comes after `other` in the index's order.
    static func isAfter(
        _ participant: UnsafeRawBufferPointer, _ coder: UnsafeRawBufferPointer, _ segment: UnsafeRawBufferPointer,
        _ other: (participant: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer, segment: UnsafeRawBufferPointer)
    ) -> Bool {
        let byParticipant = compare(participant, other.participant)
        if byParticipant != 0 { return byParticipant > 0 }
        let byCoder = compare(coder, other.coder)
        if byCoder != 0 { return byCoder > 0 }
        return compare(segment, other.segment) > 0
    }

    /// Two texts in SQLite's `BINARY` order: their common length's bytes, then the shorter first.
    static func compare(_ one: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Int {
        let common = min(one.count, other.count)
        if common > 0 {
            let bytes = memcmp(one.baseAddress!, other.baseAddress!, common)
            if bytes != 0 { return Int(bytes) }
        }
        return one.count - other.count
    }
}

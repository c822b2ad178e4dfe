import Foundation
import GRDB
import Storage
import Testing
import TestSupport

/// A full batch of segments whose keys ascend above every stored key is stored by one statement; any other
/// batch `SegmentWriter.chunk` (16) segments a statement, so that a segment joined to a stored key gets its
/// row (and rowid) right after its own statement's rows, as when every statement held 16 segments. The
/// table's unique index of the keys is made before the first batch that does not ascend so: a store of
/// batches that all ascend has none, and a repeat across batches is still found.
@Suite struct SegmentStatementTests {
    /// A segment of participant KZ-1 by coder C1: its id and excerpt (its code: `bar_busy_job`, or
    /// `act_open_day` for an excerpt other than "a").
    private typealias Segment = (id: String, excerpt: String)

    private func append(_ segments: [Segment], firstLine: Int, to batch: inout SegmentBatch) {
        for (offset, segment) in segments.enumerated() {
            let code = segment.excerpt == "a" ? "bar_busy_job" : "act_open_day"
            let fields = ["KZ-1", code, "C1", segment.id, "D1", segment.excerpt].map { Array($0.utf8) }
            withFieldSlices(fields) { field in
                batch.append(
                    participantID: field[0], code: field[1], coder: field[2], segmentID: field[3], document: field[4], start: 0, end: 10,
                    excerpt: field[5], language: nil, line: firstLine + offset)
            }
        }
        batch.close()
    }

    private func ids(_ range: ClosedRange<Int>) -> [String] { range.map { String(format: "S%03d", $0) } }

    /// The indexes of the table `segment` in the store at `path`.
    private func indexes(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segment'")
        }
    }

    /// A new directory's path for a store, removed by `body`'s end.
    private func withStorePath(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segment-statements-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory + "/store.sqlite")
    }

    @Test func aBatchThatMayMeetAStoredKeyIsStoredSixteenSegmentsAStatement() throws {
        try withStorePath(checkStatements)
    }

    private func checkStatements(path: String) throws {
        #expect(SegmentBatch.capacity == 64)
        // 1: S000-S063 in order, one statement. 2: S010 again (another excerpt: its part 1), then S064-S126: the
        // first key is not above the greatest stored. 3: S200-S263 with S205 again (another excerpt) in place
        // of S220: its keys do not ascend.
        let first = ids(0...63).map { ($0, "a") }
        let second = [("S010", "b")] + ids(64...126).map { ($0, "a") }
        var third = ids(200...263).map { ($0, "a") }
        third[20] = ("S205", "c")
        let outcomes = try StudyStore.build(at: path) { transaction in
            try [(first, 2), (second, 100), (third, 200)].map { segments, line in
                var batch = SegmentBatch()
                append(segments, firstLine: line, to: &batch)
                #expect(batch.isFull)
                return try transaction.insert(&batch)
            }
        }
        #expect(outcomes.map(\.stored) == [64, 64, 64] && outcomes.allSatisfy(\.duplicates.isEmpty))
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT segmentId, part FROM segment ORDER BY rowid").map { "\($0[0] as String)/\($0[1] as Int)" }
        }
        let zero = { (ids: [String]) in ids.map { "\($0)/0" } }
        // A joined segment's row follows the 15 rows its statement stored, not the 63 of its batch.
        let expected = zero(ids(0...63)) + zero(ids(64...78)) + ["S010/1"] + zero(ids(79...126))
            + zero(ids(200...219)) + zero(ids(221...231)) + ["S205/1"] + zero(ids(232...263))
        #expect(rows == expected)
        #expect(try indexes(path) == ["segmentKey"])
    }

    /// Batches whose keys ascend (the last one not full) leave the table without an index; a segment
    /// repeating a stored application in a later batch (its key below the greatest stored) makes the
    /// index first, and is found as a duplicate.
    @Test func theKeysAreIndexedOnlyWhenABatchMayMeetAStoredKey() throws {
        try withStorePath { path in
            let ascending = [ids(0...63).map { ($0, "a") }, ids(64...70).map { ($0, "a") }]
            let outcomes = try StudyStore.build(at: path) { transaction in
                try ascending.enumerated().map { index, segments in
                    var batch = SegmentBatch()
                    append(segments, firstLine: 2 + 100 * index, to: &batch)
                    return try transaction.insert(&batch)
                }
            }
            #expect(outcomes.map(\.stored) == [64, 7] && outcomes.allSatisfy(\.duplicates.isEmpty))
            #expect(try indexes(path) == [])
            #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment") } == 71)
        }
        try withStorePath { path in
            let outcomes = try StudyStore.build(at: path) { transaction in
                try [(ids(0...63).map { ($0, "a") }, 2), ([("S005", "a"), ("S064", "a")], 100)].map { segments, line in
                    var batch = SegmentBatch()
                    append(segments, firstLine: line, to: &batch)
                    return try transaction.insert(&batch)
                }
            }
            #expect(outcomes.map(\.stored) == [64, 1])
            #expect(outcomes[1].duplicates.map { "\($0.line) \($0.code) \($0.coder) \($0.firstLine)" } == ["100 bar_busy_job C1 7"])
            #expect(try indexes(path) == ["segmentKey"])
            #expect(try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM segment") } == 65)
        }
    }
}

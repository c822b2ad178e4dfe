import Foundation
import GRDB
import Storage
import StudyModel
import Testing

/// `SegmentBatch` and `SegmentCodes`: the applications of a segment stored as one row with their codes
/// and lines packed, a duplicate left out (of a stored application, or of one of its segment) and named
/// with the line of the one stored.
@Suite struct SegmentBatchTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func theCodesBlobHoldsEachCodeAndLine() {
        var blob: [UInt8] = []
        SegmentCodes.append(code: bytes("bar_busy_job"), line: 300, to: &blob)
        SegmentCodes.append(code: bytes("ж"), line: 2, to: &blob)
        #expect(blob == [12] + bytes("bar_busy_job") + [0xAC, 0x02] + [2, 0xD0, 0xB6, 2])
        blob.withUnsafeBytes { blob in
            #expect(SegmentCodes.applications(in: blob).map { "\($0.code)@\($0.line)" } == ["bar_busy_job@300", "ж@2"])
            #expect(SegmentCodes.count(in: blob) == 2)
            #expect(bytes("ж").withUnsafeBytes { SegmentCodes.line(of: $0, in: blob) } == 2)
            #expect(bytes("bar").withUnsafeBytes { SegmentCodes.line(of: $0, in: blob) } == nil)
            // A blob cut within an application: the whole ones before the cut.
            #expect(SegmentCodes.applications(in: UnsafeRawBufferPointer(rebasing: blob[..<17])).map(\.line) == [300])
        }
        var large: [UInt8] = []
        SegmentCodes.append(code: [UInt8](repeating: 0x61, count: 200), line: 10_000_000, to: &large)
        #expect(large.prefix(2) == [0xC8, 0x01] && large.suffix(4) == [0x80, 0xAD, 0xE2, 0x04])
        #expect(large.withUnsafeBytes { SegmentCodes.applications(in: $0) }.first?.line == 10_000_000)
        // Appended after what the blob holds: an empty code on line 0, and the largest line.
        SegmentCodes.append(code: [], line: 0, to: &large)
        SegmentCodes.append(code: bytes("c"), line: Int.max, to: &large)
        let largestLine: [UInt8] = Array(repeating: 0xFF, count: 8) + [0x7F]
        let ending: [UInt8] = [0, 0, 1, 0x63] + largestLine
        #expect(Array(large.suffix(13)) == ending)
        #expect(large.withUnsafeBytes { SegmentCodes.applications(in: $0) }.map(\.line) == [10_000_000, 0, Int.max])
    }

    private typealias Application = (participant: [UInt8], code: String, coder: String, segment: String, excerpt: String?, line: Int)

    private func add(_ row: Application, to batch: inout SegmentBatch) {
        let fields = [bytes(row.code), bytes(row.coder), bytes(row.segment), bytes("D1"), row.excerpt.map(bytes) ?? []]
        row.participant.withUnsafeBytes { participant in
            fields[0].withUnsafeBytes { code in
                fields[1].withUnsafeBytes { coder in
                    fields[2].withUnsafeBytes { segment in
                        fields[3].withUnsafeBytes { document in
                            fields[4].withUnsafeBytes { excerpt in
                                batch.append(
                                    participantID: participant, code: code, coder: coder, segmentID: segment, document: document,
                                    start: 0, end: 10, excerpt: row.excerpt == nil ? nil : excerpt, language: nil, line: row.line)
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func aSegmentIsOneRowAndDuplicatesNameTheStoredLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segment-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.sqlite"
        let odd = bytes("KZ-2") + [0xFF]  // a participant id of invalid UTF-8
        let first: [Application] = [
            (bytes("KZ-1"), "bar_busy_job", "C1", "S1", "а", 2),
            (bytes("KZ-1"), "bar_low_efficacy", "C1", "S1", "а", 3),
            (bytes("KZ-1"), "bar_busy_job", "C1", "S1", "а", 4),  // repeats line 2, in its segment
            (bytes("KZ-1"), "bar_busy_job", "C2", "S1", "а", 5),  // another coder: another segment
            (bytes("KZ-1"), "bar_child_reluctance", "C1", "S1", "б", 6),  // another excerpt: the key's part 1
            (bytes("KZ-1"), "bar_low_efficacy", "C1", "S1", "а", 7),  // back to part 0: repeats line 3
            (bytes("KZ-1"), "bar_fundraising", "C1", "S1", "а", 8),  // joins part 0
            (odd, "bar_busy_job", "C2", "S9", "x", 9),
        ]
        let second: [Application] = [
            (odd, "bar_busy_job", "C2", "S9", "y", 10),  // repeats line 9 (stored before, another excerpt)
            (odd, "bar_busy_job", "C2", "S9", "y", 11),  // repeats line 10, itself a repeat of line 9
            (bytes("KZ-1"), "act_open_day", "C1", "S2", nil, 12),
        ]
        let (firstOutcome, secondOutcome) = try StudyStore.build(at: path) { transaction in
            var batch = SegmentBatch()
            for row in first { add(row, to: &batch) }
            #expect(!batch.isFull)
            // Only the complete segments are written; the one being gathered waits.
            let open = try transaction.insert(&batch)
            #expect(open.stored == 5 && open.duplicates.map(\.line) == [4, 7] && !batch.isEmpty)
            batch.close()
            let firstOutcome = try transaction.insert(&batch)
            #expect(batch.isEmpty)
            for row in second { add(row, to: &batch) }
            batch.close()
            return (firstOutcome, try transaction.insert(&batch))
        }
        func text(_ duplicates: [SegmentBatch.Duplicate]) -> [String] {
            duplicates.map { "\($0.line) \($0.code) \($0.coder) \($0.firstLine)" }
        }
        #expect(firstOutcome.stored == 1 && firstOutcome.duplicates.isEmpty)
        #expect(text(secondOutcome.duplicates) == ["10 bar_busy_job C2 9", "11 bar_busy_job C2 9"] && secondOutcome.stored == 1)

        let store = try StudyStore(path: path)
        var applications: [String] = []
        try store.read { reader in
            try reader.forEachSegment { applications.append("\($0.segmentID) \($0.code) \($0.coder) \($0.excerpt ?? "-") \($0.line)") }
            #expect(try reader.segmentRowCount() == 7)
        }
        #expect(applications == [
            "S1 bar_busy_job C1 а 2", "S1 bar_busy_job C2 а 5", "S1 bar_fundraising C1 а 8", "S1 bar_low_efficacy C1 а 3",
            "S1 bar_child_reluctance C1 б 6", "S2 act_open_day C1 - 12", "S9 bar_busy_job C2 x 9",
        ])
        // Four segments of KZ-1 and one of KZ-2\u{FFFD} in five rows (S1 by C1 in two parts).
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(
                db, sql: "SELECT coder, segmentId, part, length(codes), typeof(codes) FROM segment ORDER BY participantId, coder, segmentId, part"
            ).map { "\($0[0] as String) \($0[1] as String) \($0[2] as Int) \($0[3] as Int) \($0[4] as String)" }
        }
        // The codes of line 8, appended to the row of lines 2 and 3, make a blob still.
        #expect(rows == ["C1 S1 0 49 blob", "C1 S1 1 22 blob", "C1 S2 0 14 blob", "C2 S1 0 14 blob", "C2 S9 0 14 blob"])
    }

    @Test func aCodingToolsApplicationsJoinTheirSegment() throws {
        let store = try StudyStore.inMemory()
        let stored = try store.replaceContents { transaction in
            try [
                CodedSegment(segmentID: "H1", participantID: "KZ-1", code: "bar_busy_job", coder: "T", excerpt: "text", line: 0),
                CodedSegment(segmentID: "H1", participantID: "KZ-1", code: "bar_fundraising", coder: "T", excerpt: "text", line: 0),
                CodedSegment(segmentID: "H1", participantID: "KZ-1", code: "bar_busy_job", coder: "T", excerpt: "text", line: 0),
                CodedSegment(segmentID: "H1", participantID: "KZ-1", code: "act_open_day", coder: "T", excerpt: "other", line: 0),
            ].map { try transaction.insert($0) }
        }
        #expect(stored == [true, true, false, true])
        var applications: [String] = []
        try store.read { reader in
            try reader.forEachSegment { applications.append("\($0.code) \($0.excerpt ?? "-")") }
            #expect(try reader.excerpts(code: "bar_fundraising").map(\.excerpt) == ["text"])
        }
        #expect(applications == ["act_open_day other", "bar_busy_job text", "bar_fundraising text"])
    }
}

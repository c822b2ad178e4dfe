import Foundation
import Storage
import Testing

/// `SegmentBatch`: code applications stored by one multi-row INSERT, a duplicate left out (of a stored
/// row or of an earlier row of the batch), and each row's stored line found by its key's bytes.
@Suite struct SegmentBatchTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func duplicatesAreLeftOutAndFoundByTheirKeys() throws {
        let store = try StudyStore.inMemory()
        let rows: [(participant: [UInt8], code: String, coder: String, segment: String, excerpt: String?, line: Int)] = [
            (bytes("KZ-1"), "bar_busy_job", "C1", "S1", "а", 2),
            (bytes("KZ-1"), "bar_low_efficacy", "C1", "S1", nil, 3),
            (bytes("KZ-1"), "bar_busy_job", "C1", "S1", "б", 4),  // repeats line 2, within the batch
            (bytes("KZ-2") + [0xFF], "bar_busy_job", "C2", "S9", "x", 5),  // a participant id of invalid UTF-8
            (bytes("KZ-2") + [0xFF], "bar_busy_job", "C2", "S9", "y", 6),  // repeats line 5
        ]
        let (firstWritten, secondWritten, lines, codeAndCoder) = try store.replaceContents { transaction in
            var batch = SegmentBatch()
            func add(_ row: (participant: [UInt8], code: String, coder: String, segment: String, excerpt: String?, line: Int)) {
                let code = bytes(row.code), coder = bytes(row.coder), segment = bytes(row.segment), excerpt = row.excerpt.map(bytes)
                row.participant.withUnsafeBytes { participant in
                    code.withUnsafeBytes { code in
                        coder.withUnsafeBytes { coder in
                            segment.withUnsafeBytes { segment in
                                let document: [UInt8] = bytes("D1")
                                document.withUnsafeBytes { document in
                                    if let excerpt {
                                        excerpt.withUnsafeBytes { excerpt in
                                            batch.append(
                                                participantID: participant, code: code, coder: coder, segmentID: segment, document: document,
                                                start: 0, end: 10, excerpt: excerpt, language: nil, line: row.line)
                                        }
                                    } else {
                                        batch.append(
                                            participantID: participant, code: code, coder: coder, segmentID: segment, document: document,
                                            start: 0, end: 10, excerpt: nil, language: nil, line: row.line)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for row in rows.prefix(4) { add(row) }
            let first = try transaction.insert(batch)
            let firstLines = try (0..<batch.count).map { try transaction.lineOfSegment(in: batch, row: $0) }
            let names = batch.codeAndCoder(of: 2)
            batch.removeAll()
            add(rows[4])
            let second = try transaction.insert(batch)
            let secondLines = try (0..<batch.count).map { try transaction.lineOfSegment(in: batch, row: $0) }
            return (first, second, firstLines + secondLines, names)
        }
        #expect(firstWritten == 3 && secondWritten == 0)
        // Each row's stored line: its own when stored, the first one's when left out.
        #expect(lines == [2, 3, 2, 5, 5])
        #expect(codeAndCoder.code == "bar_busy_job" && codeAndCoder.coder == "C1")
    }
}

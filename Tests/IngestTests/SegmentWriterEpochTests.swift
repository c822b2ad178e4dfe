import Foundation
import GRDB
@testable import Storage
import Testing

/// `SegmentWriter` stores a batch of up to 128 segments in epochs of 16, its statements up to 64 rows of one
/// participant, coder and document: the rows, their rowids, the applications stored and the duplicates are
/// those of batches written every 16 segments (one epoch each, as the store wrote before), for segments in
/// key order and for segments whose keys come back (joined to the stored rows, or duplicates).
@Suite struct SegmentWriterEpochTests {
    /// A segment's fields; its applications are its codes, on consecutive lines.
    private struct Segment {
        var participant: String, coder: String, segment: String, document: String?, excerpt: String, language: String?
        var codes: [String]
    }

    /// A seeded stream of numbers (a linear congruential generator).
    private struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Segments in key order (runs of one participant, coder and document longer and shorter than a
    /// statement), then, with `comingBack`, some of them again: another excerpt (a new part), codes
    /// stored already (duplicates) and new ones (appended), a code twice within a segment, and keys out
    /// of order.
    private func segments(seed: UInt64, comingBack: Bool) -> [Segment] {
        var numbers = Numbers(state: seed)
        var result: [Segment] = []
        for participant in 1...6 {
            for coder in ["C1", "C2"] {
                let count = [3, 17, 70, 140, 1, 33][(participant + coder.count) % 6] + numbers.next(5)
                for index in 1...count {
                    let document: String? = participant == 3 ? nil : (index > count / 2 && participant.isMultiple(of: 2) ? "D2" : "D1")
                    let codes = (0...numbers.next(3)).map { "c\(($0 + index) % 7)" }
                    result.append(Segment(
                        participant: "P\(participant)", coder: coder, segment: String(format: "S%03d", index), document: document,
                        excerpt: "e\(index)", language: numbers.next(4) == 0 ? nil : ["en", "kk", "ru"][numbers.next(3)], codes: codes))
                }
            }
        }
        guard comingBack else { return result }
        var mixed: [Segment] = []
        for segment in result {
            mixed.append(segment)
            switch numbers.next(23) {
            case 0:  // the same key again with another excerpt and a new code: a new part
                var again = result[numbers.next(result.count)]
                again.excerpt += "'"
                again.codes = ["c8"]
                mixed.append(again)
            case 1:  // the same segment again: its codes are duplicates, a new code is appended
                var again = result[numbers.next(result.count)]
                again.codes.append("c9")
                mixed.append(again)
            case 2:  // a code twice within its segment
                var twice = segment
                twice.codes = [segment.codes[0], segment.codes[0]]
                twice.segment += "x"
                mixed.append(twice)
            default:
                break
            }
        }
        return mixed
    }

    /// The store's rows in rowid order, the applications stored and the duplicates, writing every `every`
    /// complete segments (and at the lines in `closingAt`, closing the segment being gathered).
    private func store(_ segments: [Segment], every: Int, closingAt: Set<Int>) throws -> (rows: [String], outcomes: [String], laterParts: Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("segment-epochs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/store.sqlite"
        var outcomes: [String] = []
        try StudyStore.build(at: path) { transaction in
            var batch = SegmentBatch()
            var line = 2
            func write() throws {
                let (stored, duplicates) = try transaction.insert(&batch)
                outcomes.append("stored \(stored)")
                outcomes += duplicates.map { "duplicate \($0.line) \($0.code) \($0.coder) \($0.firstLine)" }
            }
            for segment in segments {
                for code in segment.codes {
                    let fields = [segment.participant, code, segment.coder, segment.segment, segment.document, segment.excerpt, segment.language]
                        .map { $0.map { Array($0.utf8) } }
                    let buffers = fields.map { $0.map { bytes in UnsafeRawBufferPointer(UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)) } }
                    defer { buffers.forEach { $0?.deallocate() } }
                    for (field, buffer) in zip(fields, buffers) where field != nil {
                        UnsafeMutableRawBufferPointer(mutating: buffer!).copyBytes(from: field!)
                    }
                    batch.append(
                        participantID: buffers[0]!, code: buffers[1]!, coder: buffers[2]!, segmentID: buffers[3]!, document: buffers[4],
                        start: 1, end: 2, excerpt: buffers[5], language: buffers[6], line: line)
                    line += 1
                    if batch.closedCount >= every { try write() }
                    if closingAt.contains(line) {
                        batch.close()
                        try write()
                    }
                }
            }
            batch.close()
            try write()
        }
        let (rows, laterParts) = try DatabaseQueue(path: path).read { db in
            let rows = try Row.fetchAll(
                db, sql: #"SELECT rowid, participantId, coder, segmentId, part, hex(codes), document, start, "end", language, excerpt FROM segment ORDER BY rowid"#
            ).map { row in (0..<11).map { "\(row[$0] as DatabaseValue)" }.joined(separator: " ") }
            return (rows, try Int.fetchOne(db, sql: "SELECT count(*) FROM segment WHERE part > 0") ?? 0)
        }
        // The outcomes of writes between two closings summed (how a batch is cut between them does not matter).
        var summed: [String] = []
        var storedSince = 0
        for outcome in outcomes {
            if outcome.hasPrefix("stored ") {
                storedSince += Int(outcome.dropFirst(7))!
            } else {
                summed.append(outcome)
            }
        }
        return (rows, summed + ["stored \(storedSince)"], laterParts)
    }

    @Test(arguments: [(UInt64(1), false), (2, false), (3, true), (4, true), (5, true)])
    func aBatchOfManyEpochsStoresWhatBatchesOfOneEpochStored(seed: UInt64, comingBack: Bool) throws {
        let segments = segments(seed: seed, comingBack: comingBack)
        #expect(segments.count > 400)
        let closings: Set<Int> = [37, 38, 300, 301, 777]
        let oneEpoch = try store(segments, every: SegmentWriter.epoch, closingAt: closings)
        let whole = try store(segments, every: SegmentBatch.capacity, closingAt: closings)
        #expect(oneEpoch.rows == whole.rows && oneEpoch.outcomes == whole.outcomes)
        #expect((oneEpoch.outcomes.count > 1) == comingBack)
        // Rows of later parts when keys came back, none otherwise.
        #expect((oneEpoch.laterParts > 0) == comingBack && oneEpoch.laterParts == whole.laterParts)
    }

    @Test func keysCompareAsTheIndexComparesThem() {
        func compare(_ one: String, _ other: String) -> Int {
            Array(one.utf8).withUnsafeBytes { one in Array(other.utf8).withUnsafeBytes { SegmentKeyOrder.compare(one, $0) } }
        }
        #expect(compare("P1", "P1") == 0)
        #expect(compare("P1", "P10") < 0 && compare("P10", "P1") > 0)
        #expect(compare("P2", "P10") > 0)
        #expect(compare("", "a") < 0 && compare("", "") == 0)
        #expect(compare("ж", "z") > 0)  // bytes, not characters: 0xD0 after 0x7A
    }
}

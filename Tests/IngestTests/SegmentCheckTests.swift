import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// `segments.csv`'s rows are checked on a thread of their own, batches of 1,024 records ahead of the
/// inserts (`SegmentCheck`): the problems must still come in file order, each duplicate (found by the
/// store's insert) after its own row's other problems, across the batches' ends, and capped as before.
@Suite struct SegmentCheckTests {
    static let header = "segment_id,participant_id,code,coder,document\n"

    /// 3,000 rows of distinct segments, with problems at `problemRows` (0-based row → its bytes).
    static func file(_ problemRows: [Int: [UInt8]]) -> [UInt8] {
        var bytes = Array(header.utf8)
        for row in 0..<3_000 {
            bytes += problemRows[row] ?? Array("S\(row),KZ-1,bar_busy_job,C1,INT\n".utf8)
        }
        return bytes
    }

    /// The line of 0-based row `row` (the header is line 1).
    static func line(_ row: Int) -> Int { row + 2 }

    static let duplicate = "code: duplicate code application: coder 'C1' already applied 'bar_busy_job' to this segment"

    @Test func problemsComeInFileOrderAcrossBatches() throws {
        let fixture = try StudyFixture(segments: Self.header, survey: nil, analysedCoders: ["C1"])
        let invalidDocument = Array("S9999,KZ-1,bar_busy_job,C1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        try fixture.write(bytes: Self.file([
            1_022: Array("S0,KZ-1,bar_busy_job,C1,INT\n".utf8),  // a duplicate of the first row, in the first batch
            1_023: Array("S1023,KZ-1,bar_nope,C1,INT\n".utf8),  // the first batch's last record
            1_024: Array("S1,KZ-1,bar_busy_job,C1,INT\n".utf8),  // a duplicate, first in the second batch
            1_025: Array("S1025,KZ-1\n".utf8),  // ragged
            1_026: invalidDocument,  // stored, its document NULL
            1_027: invalidDocument,  // its own problem, then the duplicate
            2_047: Array("S2047,NOBODY,bar_busy_job,C1,INT\n".utf8),
            2_048: Array("S2048,KZ-1,bar_busy_job,C1,\n".utf8),  // an empty document: NULL
            2_049: Array("S2048,KZ-1,bar_busy_job,C1,\n".utf8),
        ]), to: "segments.csv")
        #expect(try problems(of: fixture) == [
            "segments.csv:\(Self.line(1_022)):3: \(Self.duplicate) on line 2",
            "segments.csv:\(Self.line(1_023)):3: code: unknown code 'bar_nope' (not in codebook test-1)",
            "segments.csv:\(Self.line(1_024)):3: \(Self.duplicate) on line 3",
            "segments.csv:\(Self.line(1_025)): expected 5 fields as in the header, found 2",
            "segments.csv:\(Self.line(1_026)):5: document: invalid UTF-8; save the file as UTF-8",
            "segments.csv:\(Self.line(1_027)):5: document: invalid UTF-8; save the file as UTF-8",
            "segments.csv:\(Self.line(1_027)):3: \(Self.duplicate) on line \(Self.line(1_026))",
            "segments.csv:\(Self.line(2_049)):3: \(Self.duplicate) on line \(Self.line(2_048))",
            "segments.csv:\(Self.line(2_047)):2: participant_id: participant id not found in participants.csv",
        ])
    }

    /// The languages checked are kept (up to eight) and a language met again is not checked again: the
    /// rows' languages switch among valid and unknown ones, more than are kept, and each row whose
    /// language is not the tool's is reported, whether its language was kept or not.
    @Test func everyRowOfAnUnknownLanguageIsReported() throws {
        let languages = ["en", "ru", "x0", "kk", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "en", "x3", "x8", "ru", "x0", "x8", "kk", "x7"]
        var rows = "segment_id,participant_id,code,coder,language\n"
        for (row, language) in languages.enumerated() { rows += "S\(row),KZ-1,bar_busy_job,C1,\(language)\n" }
        let fixture = try StudyFixture(segments: rows, survey: nil, analysedCoders: ["C1"])
        let expected = languages.enumerated().filter { !["en", "kk", "ru"].contains($0.element) }.map {
            "segments.csv:\(Self.line($0.offset)):5: language: '\($0.element)' is not a language of the tool (en, kk, ru)"
        }
        #expect(expected.count == 14)
        #expect(try problems(of: fixture) == expected)
    }

    /// Over the cap, the first 50 problems in file order are listed, duplicates among them, and the
    /// rest counted.
    @Test func theCapCountsDuplicatesInFileOrder() throws {
        let fixture = try StudyFixture(segments: Self.header, survey: nil, analysedCoders: ["C1"])
        var rows: [Int: [UInt8]] = [:]
        // From row 1,000: every third row repeats row 0, the others name an unknown code (40 + 80 problems).
        for row in stride(from: 1_000, to: 1_120, by: 1) {
            rows[row] = Array((row % 3 == 0 ? "S0,KZ-1,bar_busy_job,C1,INT\n" : "S\(row),KZ-1,bar_nope,C1,INT\n").utf8)
        }
        try fixture.write(bytes: Self.file(rows), to: "segments.csv")
        let expected = (1_000..<1_120).prefix(50).map { row in
            row % 3 == 0
                ? "segments.csv:\(Self.line(row)):3: \(Self.duplicate) on line 2"
                : "segments.csv:\(Self.line(row)):3: code: unknown code 'bar_nope' (not in codebook test-1)"
        }
        #expect(try problems(of: fixture) == expected + ["… and 70 more problems"])
    }
}

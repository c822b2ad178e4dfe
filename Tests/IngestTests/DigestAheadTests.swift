import Foundation
@testable import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// segments.csv hashed on a thread of its own (``DigestAhead``) gives the fingerprint its parse gave,
/// and is used only for a file settled before the hash and unchanged until the parse ended.
@Suite struct DigestAheadTests {
    /// Sixty seconds after now: the fixture's files, written a moment ago, count as settled.
    private var later: Int64 { SourceFileStat.now() + 60_000_000_000 }

    @Test func theDigestIsTheSHA256OfTheFile() throws {
        let fixture = try StudyFixture(survey: nil)
        let path = fixture.path("segments.csv")
        try fixture.write("segment_id,participant_id,code,coder\n", to: "segments.csv")
        let ahead = try #require(DigestAhead(path: path, settledBefore: later))
        // printf 'segment_id,participant_id,code,coder\n' | sha256sum
        let expected = "c2b64904fdd33b4512496deea1221897ebe79f302c4831e2a6cad75b62bd8dd1"
        #expect(ahead.outcome(ofBytesRead: 37) == .digest(expected))
        // Asked again, the same answer (the hash is taken once).
        #expect(ahead.outcome(ofBytesRead: 37) == .digest(expected))
    }

    @Test func aFileNotSettledIsLeftToItsParse() throws {
        let fixture = try StudyFixture(survey: nil)
        #expect(DigestAhead(path: fixture.path("segments.csv"), settledBefore: SourceFileStat.now()) == nil)
        #expect(DigestAhead(path: fixture.path("absent.csv"), settledBefore: later) == nil)
        // A named pipe is read once, by its parse.
        #expect(mkfifo(fixture.path("pipe.csv"), 0o600) == 0)
        #expect(DigestAhead(path: fixture.path("pipe.csv"), settledBefore: later) == nil)
    }

    @Test func aFileWrittenAfterTheHashBeganHasNoDigest() throws {
        let fixture = try StudyFixture(survey: nil)
        let path = fixture.path("segments.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let ahead = try #require(DigestAhead(path: path, settledBefore: later))
        // Past the kernel's timestamp tick of the fixture's writing; the same number of bytes.
        Thread.sleep(forTimeInterval: 0.05)
        try fixture.write(String(text.dropLast()) + "\n", to: "segments.csv")
        #expect(ahead.outcome(ofBytesRead: text.utf8.count) == .changed)
    }

    @Test func aParseThatEndedEarlyHasNoDigest() throws {
        let fixture = try StudyFixture(survey: nil)
        let path = fixture.path("segments.csv")
        let count = try Data(contentsOf: URL(fileURLWithPath: path)).count
        let ahead = try #require(DigestAhead(path: path, settledBefore: later))
        #expect(ahead.outcome(ofBytesRead: count - 1) == .partial)
    }

    /// A structural error ends the parse before the end of the file: its problems are those of a file
    /// hashed by its parse (no word of a changed file).
    @Test func aSettledFileEndedByAnErrorHasTheSameProblems() throws {
        let fixture = try StudyFixture(survey: nil)
        let text = try String(contentsOfFile: fixture.path("segments.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines[2] += "\"unterminated"
        lines.insert("S9,P1,code\"x,C1", at: 3)
        try fixture.write(lines.joined(separator: "\n"), to: "segments.csv")
        func problems(settledShift: Int64) -> [String] {
            do {
                var ingester = try StudyIngester(studyDirectory: fixture.directory)
                ingester.settledShift = settledShift
                try ingester.ingest(into: try StudyStore.inMemory())
                return []
            } catch let error as InputProblems {
                return error.problems.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let fresh = problems(settledShift: 0)
        #expect(!fresh.isEmpty)
        #expect(problems(settledShift: 60_000_000_000) == fresh)
    }

    @Test func anIngestOfSettledFilesStoresTheSameFingerprints() throws {
        let fixture = try StudyFixture(survey: nil)
        let fresh = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        ingester.settledShift = 60_000_000_000
        let settled = try ingester.ingest(into: try StudyStore.inMemory())
        #expect(settled.files == fresh.files)
        let segments = try #require(settled.files.first { $0.path == "segments.csv" })
        #expect(segments.byteCount == (try Data(contentsOf: URL(fileURLWithPath: fixture.path("segments.csv")))).count)
    }
}

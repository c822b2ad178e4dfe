import Foundation
@testable import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The staleness check reads only files whose stat changed since the ingest, and never trusts the stat
/// of a file written shortly before the ingest.
@Suite struct StalenessCheckTests {
    @Test func filesWrittenJustBeforeTheIngestHaveNoStatAndAreHashed() throws {
        let fixture = try StudyFixture(survey: nil)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        #expect(try store.read { try $0.sourceFileStats() }.isEmpty)
        #expect(try ingester.changedFiles(since: store) == [])
        try fixture.write("participant_id,country,role\n", to: "participants.csv")
        #expect(try ingester.changedFiles(since: store) == ["participants.csv"])
    }

    /// The fixture ingested with its files (written a moment ago) counted as settled long before.
    private func settledIngest() throws -> (StudyFixture, StudyStore, StudyIngester, IngestSummary) {
        let fixture = try StudyFixture(survey: nil)
        let store = try StudyStore.inMemory()
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        ingester.settledShift = 60_000_000_000
        let summary = try ingester.ingest(into: store)
        return (fixture, store, ingester, summary)
    }

    @Test func aSettledFileIsSkippedUntilItsStatChanges() throws {
        let (fixture, store, ingester, summary) = try settledIngest()
        let stats = try store.read { try $0.sourceFileStats() }
        #expect(Set(stats.keys) == Set(summary.files.map(\.path)))
        for (path, stat) in stats { #expect(SourceFileStat(path: ingester.manifest.path(of: path)) == stat) }
        #expect(try ingester.changedFiles(since: store) == [])

        // The same number of bytes, one changed, and the modification time set back: the status-change
        // time still moves, so the file is hashed and found changed. (The pause takes the write past the
        // kernel's timestamp tick of the fixture's writing, which the shift above pretends was long ago.)
        Thread.sleep(forTimeInterval: 0.05)
        let path = fixture.path("participants.csv")
        let before = try #require(stats["participants.csv"])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let last = bytes.lastIndex { $0 != UInt8(ascii: "\n") }!
        bytes[last] = bytes[last] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: Double(before.modified) / 1e9)], ofItemAtPath: path)
        let after = try #require(SourceFileStat(path: path))
        #expect(after.byteCount == before.byteCount && after != before)
        #expect(try ingester.changedFiles(since: store) == ["participants.csv"])
    }

    @Test func aFileTouchedButNotChangedIsHashedAndFoundCurrent() throws {
        let (fixture, store, ingester, _) = try settledIngest()
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: fixture.path("segments.csv"))
        #expect(try ingester.changedFiles(since: store) == [])
    }

    @Test func aFileIsSettledOnlyWellBeforeTheIngest() {
        let stat = SourceFileStat(device: 1, inode: 2, byteCount: 3, modified: 10_000_000_000, changed: 11_000_000_000)
        #expect(stat.isSettled(before: 13_000_000_000))
        #expect(!stat.isSettled(before: 12_999_999_999))
        #expect(!stat.isSettled(before: 11_000_000_000))
    }
}

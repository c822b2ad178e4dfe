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

    /// A study ingested without stats in the store (as a copied study's no longer match): the first check
    /// hashes every file and confirms its stat; the next trusts those stats.
    private func unrecordedIngest() throws -> (StudyFixture, StudyStore, StudyIngester) {
        let fixture = try StudyFixture(survey: nil)
        let store = try StudyStore.inMemory()
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        #expect(try store.read { try $0.sourceFileStats() }.isEmpty)
        ingester.settledShift = 60_000_000_000
        return (fixture, store, ingester)
    }

    @Test func filesHashedAndFoundCurrentAreConfirmedOnce() throws {
        let (_, store, ingester) = try unrecordedIngest()
        let first = try ingester.checkInputs(since: store, confirmed: ConfirmedInputStats())
        #expect(first.changedFiles == [])
        let confirmed = try #require(first.confirmedStats)
        let files = try store.read { try $0.sourceFiles() }
        #expect(Set(confirmed.entries.keys) == Set(files.map(\.path)))
        for file in files {
            #expect(confirmed.entries[file.path]?.sha256 == file.sha256)
            #expect(confirmed.entries[file.path]?.stat == SourceFileStat(path: ingester.manifest.path(of: file.path)))
        }
        let second = try ingester.checkInputs(since: store, confirmed: confirmed)
        #expect(second.changedFiles == [])
        #expect(second.confirmedStats == nil)
    }

    @Test func aConfirmedStatIsTrustedWithoutReadingTheFile() throws {
        let (fixture, store, ingester) = try unrecordedIngest()
        let stored = try #require(try store.read { try $0.sourceFiles() }.first { $0.path == "participants.csv" })
        // Other bytes, and a confirmation that vouches for the file's stat now with the store's SHA-256: a
        // check that trusts the stat does not read the bytes, so it finds nothing changed.
        try fixture.write("participant_id,country,role\n", to: "participants.csv")
        let stat = try #require(SourceFileStat(path: fixture.path("participants.csv")))
        let vouching = ConfirmedInputStats(entries: ["participants.csv": .init(sha256: stored.sha256, stat: stat)])
        #expect(try ingester.checkInputs(since: store, confirmed: vouching).changedFiles == [])
        // Without it, the file is hashed and found changed.
        #expect(try ingester.checkInputs(since: store, confirmed: ConfirmedInputStats()).changedFiles == ["participants.csv"])
    }

    @Test func aConfirmationOfOtherBytesOrAnotherStatIsNotTrusted() throws {
        let (fixture, store, ingester) = try unrecordedIngest()
        let first = try #require(try ingester.checkInputs(since: store, confirmed: ConfirmedInputStats()).confirmedStats)
        // The store ingested other bytes than the confirmation saw: the entry is voided, the file hashed
        // and confirmed anew.
        var otherBytes = first
        otherBytes.entries["participants.csv"]?.sha256 = String(repeating: "0", count: 64)
        let again = try ingester.checkInputs(since: store, confirmed: otherBytes)
        #expect(again.changedFiles == [])
        #expect(again.confirmedStats == first)
        // The file written after its confirmation: its stat moved, so it is hashed and found changed.
        Thread.sleep(forTimeInterval: 0.05)
        try fixture.write("participant_id,country,role\n", to: "participants.csv")
        let written = try ingester.checkInputs(since: store, confirmed: first)
        #expect(written.changedFiles == ["participants.csv"])
        #expect(written.confirmedStats == nil)
    }

    @Test func aFileNotSettledBeforeItsReadIsNotConfirmed() throws {
        let fixture = try StudyFixture(survey: nil)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        let check = try ingester.checkInputs(since: store, confirmed: ConfirmedInputStats())
        #expect(check.changedFiles == [])
        #expect(check.confirmedStats == nil)
    }

    @Test func confirmedStatsReadBackFromTheirText() throws {
        let stat = SourceFileStat(device: 65024, inode: 17, byteCount: 1139454, modified: 1_796_379_111_386_300_483, changed: -5)
        let stats = ConfirmedInputStats(entries: [
            "participants.csv": .init(sha256: String(repeating: "a", count: 64), stat: stat),
            "data/a b.csv": .init(sha256: String(repeating: "b", count: 64), stat: stat),
            "tab\there.csv": .init(sha256: String(repeating: "c", count: 64), stat: stat),
        ])
        let text = stats.text
        #expect(text == """
            analyze confirmed input stats 1
            \(String(repeating: "b", count: 64))\t65024\t17\t1139454\t1796379111386300483\t-5\tdata/a b.csv
            \(String(repeating: "a", count: 64))\t65024\t17\t1139454\t1796379111386300483\t-5\tparticipants.csv

            """)
        var readable = stats
        readable.entries["tab\there.csv"] = nil
        #expect(ConfirmedInputStats(text: text) == readable)
        #expect(ConfirmedInputStats(text: "analyze confirmed input stats 1\n") == ConfirmedInputStats())
        #expect(ConfirmedInputStats(text: "participant_id,country\n") == nil)
        #expect(ConfirmedInputStats(text: String(text.dropLast())) == nil)
        #expect(ConfirmedInputStats(text: text.replacingOccurrences(of: "\t17\t", with: "\tx\t")) == nil)
    }

    @Test func aFileIsSettledOnlyWellBeforeTheIngest() {
        let stat = SourceFileStat(device: 1, inode: 2, byteCount: 3, modified: 10_000_000_000, changed: 11_000_000_000)
        #expect(stat.isSettled(before: 13_000_000_000))
        #expect(!stat.isSettled(before: 12_999_999_999))
        #expect(!stat.isSettled(before: 11_000_000_000))
    }
}

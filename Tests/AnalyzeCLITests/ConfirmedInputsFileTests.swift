import ArgumentParser
import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

@testable import AnalyzeCLI

/// The confirmed input stats beside the store are the tool's own file: read and replaced when they are,
/// left alone when a file of that name is not.
@Suite struct ConfirmedInputsFileTests {
    private let stats = ConfirmedInputStats(entries: [
        "segments.csv": .init(
            sha256: String(repeating: "e", count: 64),
            stat: SourceFileStat(device: 1, inode: 2, byteCount: 3, modified: 4, changed: 5))
    ])

    @Test func theToolsOwnFileIsWrittenReadAndReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(ConfirmedInputsFile.read(besideStore: store) == stats)
        ConfirmedInputsFile.keep(ConfirmedInputStats(), besideStore: store)
        #expect(try String(contentsOfFile: store + ".confirmed-inputs", encoding: .utf8) == "analyze confirmed input stats 1\n")
    }

    @Test func aFileOfThatNameThatIsNotTheToolsIsNeitherTrustedNorReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        let foreign = "notes of the researcher\n" + stats.text
        try fixture.write(foreign, to: "study.sqlite.confirmed-inputs")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(try String(contentsOfFile: store + ".confirmed-inputs", encoding: .utf8) == foreign)
    }

    /// An export trusts the stats an analyze confirmed: a file whose stat the confirmed file vouches for
    /// with the store's SHA-256 is not read (here its bytes changed, so reading it would find it stale).
    @Test func anExportTrustsTheConfirmedStats() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        let store = fixture.path(".analyze/study.sqlite")
        let stored = try #require(try StudyStore(path: store).read { try $0.sourceFiles() }.first { $0.path == "participants.csv" })
        try fixture.write("participant_id,country,role\n", to: "participants.csv")
        let export = ["export", "matrix", fixture.directory, "--output", fixture.path("matrix.csv"), "--quiet"]
        #expect(throws: (any Error).self) { try ingestedAnalysis(StudyOptions.parse([fixture.directory])) }
        let stat = try #require(SourceFileStat(path: fixture.path("participants.csv")))
        ConfirmedInputsFile.keep(
            ConfirmedInputStats(entries: ["participants.csv": .init(sha256: stored.sha256, stat: stat)]), besideStore: store)
        var command = try AnalyzeTool.parseAsRoot(export)
        try command.run()
        #expect(FileManager.default.fileExists(atPath: fixture.path("matrix.csv")))
    }

    @Test func aDamagedFileIsNotTrustedButIsReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        try fixture.write(String(stats.text.dropLast(3)), to: "study.sqlite.confirmed-inputs")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(ConfirmedInputsFile.read(besideStore: store) == stats)
    }
}

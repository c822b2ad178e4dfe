import Analysis
import ArgumentParser
import Foundation
import Storage
import Testing
import TestSupport

@testable import AnalyzeCLI

/// `analyze run` encodes `results.json` on another thread while it makes the report: the same files as
/// the commands one by one, and the results written even when the report cannot be.
@Suite struct RunOverlapTests {
    @Test func runWritesWhatTheCommandsWriteOneByOne() throws {
        let fixture = try StudyFixture()
        var run = try AnalyzeTool.parseAsRoot(["run", fixture.directory, "--output", fixture.path("run"), "--quiet"])
        try run.run()
        let fromRun = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".analyze/results.json")))
        for arguments in [["ingest", fixture.directory], ["analyze", fixture.directory], ["report", fixture.directory, "--output", fixture.path("apart")]] {
            var command = try AnalyzeTool.parseAsRoot(arguments + ["--quiet"])
            try command.run()
        }
        let apart = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".analyze/results.json")))
        #expect(fromRun == apart)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.path("run")).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: fixture.path("apart")).sorted()))
        for file in files where file != "tables" {
            #expect(FileManager.default.contents(atPath: fixture.path("run/" + file)) == FileManager.default.contents(atPath: fixture.path("apart/" + file)))
        }
    }

    @Test func theResultsAreWrittenWhenTheReportCannotBe() throws {
        let fixture = try StudyFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("taken"), withIntermediateDirectories: false)
        try fixture.write("not a report\n", to: "taken/notes.txt")
        var run = try AnalyzeTool.parseAsRoot(["run", fixture.directory, "--output", fixture.path("taken"), "--quiet"])
        let error = #expect(throws: (any Error).self) { try run.run() }
        #expect("\(error!)".contains("taken is not empty and holds no report of analyze"))
        #expect(FileManager.default.fileExists(atPath: fixture.path(".analyze/results.json")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.path("taken")) == ["notes.txt"])
    }

    /// The report is written beside its place while it is made (``ReportDraft``): where the results
    /// cannot be written after it, the report is not put in place and nothing of it is left.
    @Test func aReportMadeBeforeTheResultsFailedIsNotLeftBehind() throws {
        let fixture = try StudyFixture()
        let results = fixture.path("missing/results.json")
        var run = try AnalyzeTool.parseAsRoot(["run", fixture.directory, "--results", results, "--output", fixture.path("run"), "--quiet"])
        #expect(throws: ExitCode.failure) { try run.run() }
        #expect(!FileManager.default.fileExists(atPath: results))
        #expect(!FileManager.default.fileExists(atPath: fixture.path("run")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory).filter { $0.hasPrefix(".run.") }.isEmpty)
    }

    /// `run` analyses its new store where it was built while the disk syncs it, and puts it in place
    /// before it says or writes anything of the analysis: where the analysis fails, the store is in
    /// place, as after an ingest, and nothing of it is left beside.
    @Test func theNewStoreIsInPlaceWhenTheAnalysisFails() throws {
        let fixture = try StudyFixture()
        let store = fixture.path(".analyze/study.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv")))
        var run = try AnalyzeTool.parseAsRoot(
            ["run", fixture.directory, "--results", fixture.path("participants.csv"), "--output", fixture.path("run"), "--quiet"])
        #expect(throws: ExitCode.failure) { try run.run() }
        #expect(StudyStore.isStudyStore(at: store))
        #expect(try StudyStore(path: store).read { try $0.participantCount() } == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.path(".analyze")).sorted() == ["study.sqlite", "study.sqlite.lock"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv"))) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.path("run")))
    }

    @Test func aBackgroundValueGivesItsValueOrItsError() throws {
        struct Failure: Error, Equatable {}
        #expect(BackgroundValue<Int, Never> { (1...1_000).reduce(0, +) }.value() == 500_500)
        #expect(throws: Failure()) { try BackgroundValue<Int, any Error> { () throws -> Int in throw Failure() }.value() }
    }
}

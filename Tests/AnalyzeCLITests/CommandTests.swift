import ArgumentParser
import Foundation
import Storage
import Testing
import TestSupport

@testable import AnalyzeCLI

@Suite struct CommandTests {
    @Test func runBuildsTheReportFromAStudyFolder() throws {
        let fixture = try StudyFixture()
        let output = fixture.path("out")
        var command = try AnalyzeTool.parseAsRoot(["run", fixture.directory, "--output", output])
        try command.run()
        let summary = try String(contentsOfFile: output + "/summary.txt", encoding: .utf8)
        #expect(summary.contains("\n\nSummary of Fixture study, version 0.1\n"))
        #expect(summary.hasPrefix("Disclosure control: counts from 1 to 4 are suppressed"))
        #expect(FileManager.default.fileExists(atPath: fixture.path(".analyze/study.sqlite")))
        #expect(FileManager.default.fileExists(atPath: fixture.path(".analyze/results.json")))
    }

    @Test func failedIngestIntoANewStoreLeavesNoStore() throws {
        let fixture = try StudyFixture(segments: "segment_id,participant_id,code,coder\nS1,KZ-1,nope,C1\n")
        var command = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory])
        #expect(throws: ExitCode.failure) { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: fixture.path(".analyze")))
    }

    @Test func failedIngestLeavesAnExistingStoreByteForByte() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory])
        try ingest.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".analyze/study.sqlite")))
        try fixture.write(StudyFixture.segments + "S9,KZ-1,nope,C1,,,,,\n", to: "segments.csv")
        var again = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory])
        #expect(throws: ExitCode.failure) { try again.run() }
        let after = try Data(contentsOf: URL(fileURLWithPath: fixture.path(".analyze/study.sqlite")))
        #expect(before == after)
    }

    @Test func ingestNeverOverwritesAFileThatIsNotAStore() throws {
        let fixture = try StudyFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv")))
        var command = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--store", fixture.path("participants.csv")])
        #expect(throws: ExitCode.failure) { try command.run() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv"))) == before)
        // An earlier store is replaced as before.
        var first = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--store", fixture.path("mine.sqlite")])
        try first.run()
        var second = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--store", fixture.path("mine.sqlite"), "--quiet"])
        try second.run()
        #expect(StudyStore.isStudyStore(at: fixture.path("mine.sqlite")))
        #expect(!StudyStore.isStudyStore(at: fixture.path("participants.csv")))
    }

    @Test func analyzeRefusesAStaleStore() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory])
        try ingest.run()
        try fixture.write(StudyFixture.participants + "UK-9,UK,father,rural\n", to: "participants.csv")
        var analyze = try AnalyzeTool.parseAsRoot(["analyze", fixture.directory])
        let error = #expect(throws: (any Error).self) { try analyze.run() }
        #expect(error.map { String(describing: $0) } == "participants.csv changed since the last ingest: run 'analyze ingest' again")
    }

    @Test func analyzeBeforeIngestSaysWhatToDo() throws {
        let fixture = try StudyFixture()
        var analyze = try AnalyzeTool.parseAsRoot(["analyze", fixture.directory])
        let error = #expect(throws: (any Error).self) { try analyze.run() }
        #expect(error.map { String(describing: $0) } == "the store is empty: run 'analyze ingest' first")
    }

    @Test func reportRefusesResultsThatWereNotMadeFromTheStore() throws {
        let fixture = try StudyFixture()
        var run = try AnalyzeTool.parseAsRoot(["run", fixture.directory, "--output", fixture.path("out"), "--quiet"])
        try run.run()
        // A new ingest of changed inputs, without a new analysis: the results belong to the old store.
        try fixture.write(StudyFixture.participants + "UK-9,UK,father,rural\n", to: "participants.csv")
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        let error = #expect(throws: (any Error).self) {
            try Pipeline.report(
                StudyOptions.parse([fixture.directory]), output: fixture.path("out"), suppression: true, notebooks: nil)
        }
        #expect(error.map { String(describing: $0) }
            == "\(fixture.path(".analyze/results.json")): the results were not made from the store \(fixture.path(".analyze/study.sqlite"))"
            + " (participants.csv differs): run 'analyze analyze' (or 'analyze run') to make them again")
        var analyze = try AnalyzeTool.parseAsRoot(["analyze", fixture.directory, "--quiet"])
        try analyze.run()
        _ = try Pipeline.report(StudyOptions.parse([fixture.directory]), output: fixture.path("out"), suppression: true, notebooks: nil)
    }

    @Test func resultsAreTheJSONObjectsWithToolVersionAndTables() {
        func marks(_ text: String) -> Bool { ResultsFileMarker.marksResults(Data(text.utf8)) }
        #expect(marks(#"{"tables": [{"id": "t"}], "toolVersion": "0.1", "other": {"a": [1, 2.5, null]}}"#))
        #expect(marks(#"{"toolVersion": null, "tables": null}"#))
        #expect(!marks(#"{"toolVersion": "0.1"}"#))
        #expect(!marks(#"{"tables": []}"#))
        #expect(!marks(#"[{"toolVersion": "0.1", "tables": []}]"#))
        #expect(!marks("id,country,role\nP001,KZ,teacher\n"))
        #expect(!marks(#"{"toolVersion": "0.1", "tables": "#))
    }

    @Test func analyzeNeverOverwritesAFileThatIsNotResults() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv")))
        let error = #expect(throws: (any Error).self) {
            _ = try Pipeline.analyze(StudyOptions.parse([fixture.directory, "--results", fixture.path("participants.csv")]))
        }
        #expect(error.map { String(describing: $0) } == "\(fixture.path("participants.csv")): exists and is not analysis results of analyze:"
            + " it was left as it is; give --results a new path or earlier results")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv"))) == before)
        // Earlier results are replaced as before.
        _ = try Pipeline.analyze(StudyOptions.parse([fixture.directory]))
        _ = try Pipeline.analyze(StudyOptions.parse([fixture.directory]))
    }
}

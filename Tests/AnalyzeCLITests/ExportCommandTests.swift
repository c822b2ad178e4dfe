import ArgumentParser
import Foundation
import Testing
import TestSupport

@testable import AnalyzeCLI

@Suite struct ExportCommandTests {
    @Test func theCodebookIsExportedByteIdenticallyAndReadsBackAsTheStudysCodebook() throws {
        let fixture = try StudyFixture()
        let output = fixture.path("codebook.qdc")
        var command = try AnalyzeTool.parseAsRoot(["export", "codebook", fixture.directory, "--format", "qdc", "--output", output, "--quiet"])
        try command.run()
        let first = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(String(decoding: first, as: UTF8.self).hasPrefix(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"analyze (codebook test-1)\">\n"))
        // Written again over its own earlier export: the same bytes.
        try command.run()
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == first)

        // The study reads the export as its codebook and ingests as before.
        let manifest = fixture.path("study.yml")
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "codebook: codebook.yml", with: "codebook: codebook.qdc").utf8)
            .write(to: URL(fileURLWithPath: manifest))
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        // Exported from the .qdc: the same bytes again.
        var again = try AnalyzeTool.parseAsRoot(["export", "codebook", fixture.directory, "--output", fixture.path("again.qdc"), "--quiet"])
        try again.run()
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path("again.qdc"))) == first)
    }

    @Test func aFileAnalyzeDidNotWriteIsNeverReplaced() throws {
        let fixture = try StudyFixture()
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv")))
        let error = #expect(throws: (any Error).self) {
            try ExportCodebookCommand.export(studyDirectory: fixture.directory, to: fixture.path("participants.csv"))
        }
        #expect(error.map { String(describing: $0) } == "\(fixture.path("participants.csv")): exists and is not a codebook written by analyze:"
            + " it was left as it is; give --output a new path or an earlier export")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path("participants.csv"))) == before)
    }
}

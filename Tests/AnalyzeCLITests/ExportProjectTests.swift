import ArgumentParser
import Foundation
import Storage
import StudyModel
import Testing
import TestSupport

@testable import AnalyzeCLI

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let reader = repository.appendingPathComponent("Tests/AnalyzeCLITests/Scripts/read-qdpx.py").path
private let schema = repository.appendingPathComponent("Tests/QDAExchangeTests/Schema/Project.xsd").path

/// What `read-qdpx.py` (Python's zipfile and ElementTree) read from an exported project.
private struct ReadProject: Decodable {
    struct Case: Decodable {
        var name: String
        var values: [String: String]
        var sources: [String]
    }
    var entries: [[String]]
    var users: [String]
    var variables: [String]
    var cases: [Case]
    /// [case, code id, coder, the selection's text].
    var codings: [[String]]

    init(file: String, extractingTo document: String? = nil) throws {
        let (status, output, error) = try runTool(python3!, [reader, file] + (document.map { ["--extract", $0] } ?? []))
        #expect(status == 0, "\(error)")
        self = try JSONDecoder().decode(ReadProject.self, from: Data(output.utf8))
    }
}

@Suite struct ExportProjectTests {
    @Test(.enabled(if: python3 != nil && xmllint != nil, "python3 and xmllint (libxml2-utils) are needed"))
    func theSampleIsExportedWholeValidAndByteIdentically() throws {
        let study = try sampleStudy(root: repository)
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", study, "--quiet"])
        try ingest.run()
        let output = study + "/sample.qdpx"
        var export = try AnalyzeTool.parseAsRoot(["export", "project", study, "--format", "qdpx", "--output", output, "--quiet"])
        try export.run()
        let first = try Data(contentsOf: URL(fileURLWithPath: output))
        // Written again over its own export: the same bytes.
        try export.run()
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == first)

        let document = study + "/project.qde"
        let read = try ReadProject(file: output, extractingTo: document)
        let (status, _, error) = try runTool(xmllint!, ["--noout", "--schema", schema, document])
        #expect(status == 0, "\(error)")
        #expect(error.contains("validates"))

        // Every stored code application is one coding, over exactly its excerpt, by its coder.
        let store = try StudyStore(path: study + "/.analyze/study.sqlite")
        var stored: [String: Int] = [:]
        var storedCoders: [String: Int] = [:]
        var storedCodings: [[String]] = []
        try store.read { reader in
            try reader.forEachCodeApplication { stored[$0.code, default: 0] += $0.segments; storedCoders[$0.coder, default: 0] += $0.segments }
            try reader.forEachSegment { storedCodings.append([$0.code, $0.coder, $0.excerpt ?? "[no excerpt]"]) }
        }
        #expect(read.codings.count == 2_022)
        #expect(Dictionary(grouping: read.codings, by: { $0[1] }).mapValues(\.count) == stored)
        #expect(Dictionary(grouping: read.codings, by: { $0[2] }).mapValues(\.count) == storedCoders)
        #expect(read.codings.map { Array($0.dropFirst()) }.sorted(by: precedes) == storedCodings.sorted(by: precedes))
        #expect(read.users == ["C1", "C2"])

        // One case per participant under its pseudonym, with country and role as the store has them.
        let participants = try store.read { try $0.participants() }
        #expect(read.cases.map(\.name) == (1...120).map { String(format: "P-%03d", $0) })
        #expect(read.variables == ["country", "role", "child_age_band", "gender", "language", "school_id", "setting"])
        func tally(_ pairs: [String]) -> [String: Int] { Dictionary(grouping: pairs, by: { $0 }).mapValues(\.count) }
        #expect(tally(read.cases.map { "\($0.values["country"]!) \($0.values["role"]!)" })
            == tally(participants.map { "\($0.country) \($0.role)" }))
        #expect(read.cases.filter { $0.sources.isEmpty }.count == 1)
        // Nothing in the file names a participant id or a document.
        let everything = String(decoding: try Data(contentsOf: URL(fileURLWithPath: document)), as: UTF8.self)
        #expect(!everything.contains("KZ-P0") && !everything.contains("UK-P0") && !everything.contains("INT-"))
        #expect(read.entries.first == ["project.qde", "1980-01-01 00:00:00"])
        #expect(read.entries.count == 1 + 119)
        #expect(Set(read.entries.map { $0[1] }) == ["1980-01-01 00:00:00"])
    }

    @Test(.enabled(if: python3 != nil, "python3 is needed"))
    func anInternalExportNamesParticipantsAndDocuments() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        let output = fixture.path("ids.qdpx")
        try ExportProjectCommand.export(try StudyOptions.parse([fixture.directory]), to: output, ids: true)
        let read = try ReadProject(file: output)
        #expect(read.cases.map(\.name) == ["KZ-1", "KZ-2", "KZ-3", "UK-1", "UK-2", "UK-3"])
        #expect(read.cases.map(\.sources) == [["INT-KZ-1"], ["INT-KZ-2"], [], ["INT-UK-1"], ["INT-UK-2"], []])
        #expect(read.cases[4].values == ["country": "UK", "role": "mother"])  // UK-2 has no setting
        #expect(read.cases[0].values == ["country": "KZ", "role": "mother", "setting": "urban"])
        // S6 is double-coded: one selection per coder over the same words; KZ-2's Kazakh excerpt keeps its line
        // break, and its position counts code points (the Cyrillic letters are two bytes each in UTF-8).
        #expect(read.codings.sorted(by: precedes) == [
            ["KZ-1", "bar_busy_job", "C1", "I work late, so \"school\" waits"],
            ["KZ-1", "role_communicator", "C1", "I work late, so \"school\" waits"],
            ["KZ-2", "bar_busy_job", "C1", "again"],
            ["KZ-2", "bar_busy_job", "C1", "Жұмыс\nкөп"],
            ["KZ-2", "bar_busy_job", "C1", "Работаю допоздна"],
            ["KZ-2", "bar_fundraising", "C1", "money"],
            ["UK-1", "bar_child_reluctance", "C2", "She does not want me there"],
            ["UK-1", "bar_instruction_language", "C1", "English is hard"],
            ["UK-1", "bar_instruction_language", "C2", "English is hard"],
            ["UK-2", "act_open_day", "C2", "The open day was lovely"],
        ])
    }

    @Test func aFileAnalyzeDidNotWriteIsNeverReplaced() throws {
        let fixture = try StudyFixture()
        var ingest = try AnalyzeTool.parseAsRoot(["ingest", fixture.directory, "--quiet"])
        try ingest.run()
        // A codebook analyze wrote is not a project: it is left as it is too.
        var codebook = try AnalyzeTool.parseAsRoot(["export", "codebook", fixture.directory, "--output", fixture.path("c.qdc"), "--quiet"])
        try codebook.run()
        for name in ["participants.csv", "c.qdc"] {
            let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path(name)))
            let error = #expect(throws: (any Error).self) {
                try ExportProjectCommand.export(try StudyOptions.parse([fixture.directory]), to: fixture.path(name), ids: false)
            }
            #expect(error.map { String(describing: $0) } == "\(fixture.path(name)): exists and is not a project written by analyze:"
                + " it was left as it is; give --output a new path or an earlier export")
            #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path(name))) == before)
        }
    }
}

/// Byte order of rows of strings, field by field.
private func precedes(_ left: [String], _ right: [String]) -> Bool {
    left.map { Array($0.utf8) }.lexicographicallyPrecedes(right.map { Array($0.utf8) }) {
        $0.lexicographicallyPrecedes($1)
    }
}

import Analysis
import ArgumentParser
import Foundation
import QDAExchange
import Storage
import StudyModel
import Testing
import TestSupport

@testable import AnalyzeCLI

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The sample exported as a REFI-QDA project and ingested back as a new study (`kind: qdpx`), as a team would
/// after coding in its own tool: the participants are the project's cases (pseudonyms), the codes its code tree
/// through a code map, the surveys the same CSVs.
@Suite struct QDPXRoundTripTests {
    @Test func theSampleExportedAsAProjectReimportsToTheSameTables() throws {
        let sample = try sampleStudy(root: repository)
        let work = (sample as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: work) }
        try run(["ingest", sample, "--quiet"])
        try run(["analyze", sample, "--quiet"])

        // The new study beside the sample, so that `../codebook.yml` and `../instruments` are the same files.
        let study = work + "/round-trip"
        try FileManager.default.createDirectory(atPath: study, withIntermediateDirectories: false)
        try run(["export", "project", sample, "--format", "qdpx", "--output", study + "/sample.qdpx", "--quiet"])
        for survey in ["survey-teachers.csv", "survey-parents.csv"] {
            try FileManager.default.copyItem(atPath: sample + "/" + survey, toPath: study + "/" + survey)
        }
        // The code map a user writes from the exported tree: each codable code's path, to the id of the codebook's
        // code of that English label.
        let project = try QDPXProjectReader.read(path: study + "/sample.qdpx")
        let codebook = try Codebook(path: work + "/codebook.yml")
        let idByLabel = Dictionary(uniqueKeysWithValues: codebook.codes.map { ($0.label.text(in: .en) ?? "", $0.id) })
        let map = codeMapLines(project.codes, above: [], ids: idByLabel)
        #expect(map.count == 52)
        #expect(map.first == #""barrier/Low belief in own competence": bar_low_efficacy"#)
        try Data((map.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: study + "/code-map.yml"))
        let manifest = try String(contentsOfFile: sample + "/study.yml", encoding: .utf8)
        let replaced = manifest.replacingOccurrences(
            of: "  - {file: participants.csv, kind: participants}\n  - {file: segments.csv, kind: segments}\n",
            with: "  - {file: sample.qdpx, kind: qdpx, code_map: code-map.yml}\n")
        #expect(replaced != manifest)
        try Data(replaced.utf8).write(to: URL(fileURLWithPath: study + "/study.yml"))
        try run(["ingest", study, "--quiet"])
        try run(["analyze", study, "--quiet"])

        let before = try results(sample), after = try results(study)
        // Every interview crosstab, cell by cell: participants and segments by code (and group) × country × role.
        let crosstabsBefore = crosstabCells(before), crosstabsAfter = crosstabCells(after)
        #expect(crosstabsBefore.count == 468)
        #expect(crosstabsBefore.values.filter { $0.participants > 0 }.count == 441)
        #expect(crosstabsAfter == crosstabsBefore)
        // The coder agreement: the same participants coded twice, per code the same units and presences.
        let agreementBefore = try #require(agreement(before)), agreementAfter = try #require(agreement(after))
        #expect(agreementBefore.participants == 18)
        #expect(agreementAfter.participants == agreementBefore.participants)
        #expect(agreementAfter.codes.map(\.units) == agreementBefore.codes.map(\.units))
        let presences = { (result: AgreementResult) -> [[Int?]] in result.codes.map { [$0.presentFirst, $0.presentSecond] } }
        #expect(presences(agreementAfter) == presences(agreementBefore))
        #expect(agreementAfter == agreementBefore)
        // And everything else the analysis computed (surveys, joint displays, co-occurrence, comparisons).
        #expect(after.tables == before.tables)
        #expect(after.basis == before.basis)
        #expect([after.participants, after.analysedSegments, after.codedSegments] == [120, 1_729, 1_209] as [Int])
        #expect([before.participants, before.analysedSegments, before.codedSegments] == [120, 1_729, 1_209] as [Int])

        // The surveys are the same files, read as before; the interviews come from the project alone.
        let inputs = { (results: AnalysisResults) in
            Dictionary(uniqueKeysWithValues: results.sourceFiles.map { ($0.path, "\($0.kind) \($0.sha256) \($0.recordCount)") })
        }
        for survey in ["survey-teachers.csv", "survey-parents.csv"] {
            #expect(inputs(after)[survey] != nil)
            #expect(inputs(after)[survey] == inputs(before)[survey])
        }
        #expect(after.sourceFiles.map(\.kind).filter { $0 == "participants" || $0 == "segments" }.isEmpty)

        // In the store: the same code applications per code and coder, the same participants per country × role,
        // under other ids (pseudonyms).
        func stored(_ folder: String) throws -> (applications: [String: Int], groups: [String: Int], ids: Set<String>) {
            let store = try StudyStore(path: folder + "/.analyze/study.sqlite")
            var applications: [String: Int] = [:]
            let participants = try store.read { reader in
                try reader.forEachCodeApplication { applications["\($0.code) \($0.coder)", default: 0] += $0.segments }
                return try reader.participants()
            }
            let groups = Dictionary(grouping: participants, by: { "\($0.country) \($0.role)" }).mapValues(\.count)
            return (applications, groups, Set(participants.map(\.id)))
        }
        let original = try stored(sample), reimported = try stored(study)
        #expect(original.applications.values.reduce(0, +) == 2_022)
        #expect(reimported.applications == original.applications)
        #expect(reimported.groups == original.groups)
        #expect(reimported.ids == Set((1...120).map { String(format: "P-%03d", $0) }))
        #expect(reimported.ids.isDisjoint(with: original.ids))

        // And an independent count from the exported file, study.yml and the code map alone (Python's standard library).
        if let python3 {
            let recount = try runTool(python3, [repository.appendingPathComponent("scripts/recount-qdpx.py").path, study])
            #expect(recount.status == 0, "\(recount.error)")
            #expect(recount.output == "recount-qdpx: 436 nonzero code × country × role cells and 12 country × role groups of sample.qdpx"
                + " equal analyze's (120 participants)\n")
        }
    }
}

private func run(_ arguments: [String]) throws {
    var command = try AnalyzeTool.parseAsRoot(arguments)
    try command.run()
}

private func results(_ study: String) throws -> AnalysisResults {
    try AnalysisResults(jsonData: Data(contentsOf: URL(fileURLWithPath: study + "/.analyze/results.json")))
}

/// `"path/of/the code": id` lines (YAML) for every codable code of the tree, the id that of its name in `ids`.
private func codeMapLines(_ codes: [QDCCode], above: [String], ids: [String: String]) -> [String] {
    codes.flatMap { code -> [String] in
        let path = above + [code.name]
        var lines: [String] = []
        if code.isCodable, let id = ids[code.name] {
            let quoted = path.joined(separator: "/").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            lines.append("\"\(quoted)\": \(id)")
        }
        return lines + codeMapLines(code.children, above: path, ids: ids)
    }
}

/// Each cell of each crosstab, by table, row and column levels: its participants and segments.
private struct CellCount: Equatable {
    var participants: Int
    var base: Int
    var segments: Int?
}

private func crosstabCells(_ results: AnalysisResults) -> [String: CellCount] {
    var cells: [String: CellCount] = [:]
    for case .crosstab(let table) in results.tables {
        for (row, values) in zip(table.rows, table.cells) {
            for (column, cell) in zip(table.columns, values) {
                let key = "\(table.id) \(row.kind.rawValue):\(row.id) \(column.values.joined(separator: "/"))"
                cells[key] = CellCount(participants: cell.participants, base: cell.base, segments: cell.segments)
            }
        }
    }
    return cells
}

private func agreement(_ results: AnalysisResults) -> AgreementResult? {
    for case .agreement(let table) in results.tables { return table }
    return nil
}

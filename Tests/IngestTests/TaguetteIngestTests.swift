import Foundation
import Ingest
import Storage
import StudyModel
import Testing

/// The pilot exported by Taguette 1.5.2 itself (Tests/Fixtures/TaguettePilot, see its README), copied to a
/// temporary folder so a test may change its manifest.
private struct TaguettePilot {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/TaguettePilot")
    let directory: String

    init(editingManifest edit: (String) -> String = { $0 }) throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("taguette-pilot-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.source, to: target)
        directory = target.path
        let manifest = target.appendingPathComponent("study.yml")
        try Data(edit(try String(contentsOf: manifest, encoding: .utf8)).utf8).write(to: manifest)
    }

    func problems() throws -> [String] {
        do {
            try StudyIngester(studyDirectory: directory).ingest(into: try StudyStore.inMemory())
            return []
        } catch let error as InputProblems {
            return error.problems.map { $0.description.replacingOccurrences(of: directory + "/", with: "") }
        }
    }
}

@Suite struct TaguetteIngestTests {
    /// Participants and code applications per code × country × role equal the count SQLite makes from
    /// Taguette's own database (`expected-counts.sql` over `project.sqlite3`, written to `expected-counts.csv`).
    @Test func thePilotsCountsEqualTheIndependentCount() throws {
        let pilot = try TaguettePilot()
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: pilot.directory).ingest(into: store)
        #expect(summary.participants == 6)
        #expect(summary.segmentRows == 17)
        #expect(summary.notices == ["highlights.csv: tag 'follow up' is mapped to no code; its 1 row left out (unmapped: ignore)"])
        #expect(summary.files.map(\.path) == ["code-map.yml", "codebook.csv", "codebook.yml", "highlights.csv", "participants.csv", "study.yml"])

        let participants = try store.read { try $0.participants() }
        let place = Dictionary(uniqueKeysWithValues: participants.map { ($0.id, "\($0.country),\($0.role)") })
        var counted: [String: (participants: Int, highlights: Int)] = [:]
        try store.read { reader in
            try reader.forEachCodeApplication { application in
                #expect(application.coder == "T1")
                let key = "\(application.code),\(place[application.participantID]!)"
                counted[key, default: (0, 0)].participants += 1
                counted[key, default: (0, 0)].highlights += application.segments
            }
        }
        let lines = try String(contentsOf: TaguettePilot.source.appendingPathComponent("expected-counts.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(lines.count == 16)
        let expected = Dictionary(uniqueKeysWithValues: lines.map { line -> (String, String) in
            let fields = line.split(separator: ",").map(String.init)
            return (fields[0...2].joined(separator: ","), fields[3] + "," + fields[4])
        })
        #expect(counted.mapValues { "\($0.participants),\($0.highlights)" } == expected)
    }

    /// Taguette's `.qdc` export serves as its codebook as well as its CSV: the same tags, the same store.
    @Test func taguettesQDCServesAsItsCodebook() throws {
        let pilot = try TaguettePilot { $0.replacingOccurrences(of: "codebook: codebook.csv", with: "codebook: codebook.qdc") }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let summary = try StudyIngester(studyDirectory: pilot.directory).ingest(into: try StudyStore.inMemory())
        #expect(summary.segmentRows == 17)
        #expect(summary.files.map(\.path).contains("codebook.qdc"))
    }

    @Test func aTagMissingFromTaguettesCodebookIsAnError() throws {
        let pilot = try TaguettePilot()
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let csv = URL(fileURLWithPath: pilot.directory).appendingPathComponent("codebook.csv")
        let text = try String(contentsOf: csv, encoding: .utf8).replacingOccurrences(of: "role/home teacher,", with: "role/home-teacher,")
        try Data(text.utf8).write(to: csv)
        #expect(try pilot.problems() == ["highlights.csv:12:3: tag: 'role/home teacher' is not in Taguette's codebook codebook.csv"])
    }

    @Test func anUnmappedTagFailsTheIngestByDefault() throws {
        let pilot = try TaguettePilot { $0.replacingOccurrences(of: "    unmapped: ignore\n", with: "") }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        #expect(try pilot.problems() == [
            "highlights.csv:10:3: tag: 'follow up' (on 1 row) is mapped to no code of codebook pilot-1; map it in code-map.yml"
                + " or as an alias in the codebook, or set unmapped: ignore or keep"
        ])
    }

    @Test func aTableOfUncategorisedCodesInAStudyWithoutAnyIsAnError() throws {
        let pilot = try TaguettePilot {
            $0 + "analysis:\n  tables:\n    - barriers-by-country\n    - {id: kept-by-country, rows: uncategorised-codes, columns: [country]}\n"
        }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let found = try pilot.problems()
        #expect(found == [
            "study.yml:27:8: analysis.tables 'kept-by-country': rows: uncategorised-codes: the study has no uncategorised codes"
                + " (a coding tool's codes mapped to no codebook code, kept with unmapped: keep)"
        ])
    }

    /// Two tags whose kept ids are the same, or a codebook code's, are errors naming both.
    @Test func keptIDsThatCollideAreErrors() throws {
        let pilot = try TaguettePilot {
            $0.replacingOccurrences(of: "unmapped: ignore", with: "unmapped: keep").replacingOccurrences(of: "    codebook: codebook.csv\n", with: "")
        }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let highlights = URL(fileURLWithPath: pilot.directory).appendingPathComponent("highlights.csv")
        var lines = try String(contentsOf: highlights, encoding: .utf8).components(separatedBy: "\r\n")  // Taguette writes CRLF
        lines[9] = lines[9].replacingOccurrences(of: "follow up", with: "Follow/up")  // highlight 7's second tag
        lines[10] = lines[10].replacingOccurrences(of: "Barrier/Low confidence", with: "follow up")
        lines[12] = lines[12].replacingOccurrences(of: "role/communicator", with: "bar/busy job")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: highlights)
        let found = try pilot.problems()
        #expect(found == [
            "highlights.csv:11:3: tag: 'follow up' would be kept as uncategorised code 'follow_up', as 'Follow/up' is; map one of them in the code map",
            "highlights.csv:13:3: tag: 'bar/busy job' would be kept as uncategorised code 'bar_busy_job', which is a code of codebook pilot-1;"
                + " map it to that code or another in the code map",
        ])
    }

    @Test func aDocumentWithoutAParticipantIsNamedOnceWithItsRows() throws {
        let pilot = try TaguettePilot { $0.replacingOccurrences(of: "      Leeds interview 3: UKT01\n", with: "") }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        #expect(try pilot.problems() == [
            "highlights.csv:18:2: document: 'Leeds interview 3' is not in the source's documents in study.yml (on 2 rows, the first here)"
        ])
    }

    @Test func aCoderOutsideThePolicyIsAnError() throws {
        let pilot = try TaguettePilot { $0.replacingOccurrences(of: "analysed_coders: [T1]", with: "analysed_coders: [C1]") }
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let problems = try pilot.problems()
        #expect(problems == [
            "study.yml:23:3: coding.analysed_coders: the Taguette export 'highlights.csv' is recorded under coder 'T1', which is not listed (C1)"
        ])
    }

    @Test func aMappingToAnUnknownCodeIsAnErrorAtItsLine() throws {
        let pilot = try TaguettePilot()
        defer { try? FileManager.default.removeItem(atPath: pilot.directory) }
        let map = URL(fileURLWithPath: pilot.directory).appendingPathComponent("code-map.yml")
        let text = try String(contentsOf: map, encoding: .utf8).replacingOccurrences(of: "act_open_day", with: "act_open_days")
        try Data(text.utf8).write(to: map)
        #expect(try pilot.problems() == ["code-map.yml:8:20: 'activity/open day': 'act_open_days' is not a code of codebook pilot-1"])
    }
}

@Suite struct CodeMapTests {
    @Test(arguments: [
        ("Barrier / Low-confidence", "barrier/low_confidence"), ("barrier\\busy  job", "barrier/busy_job"),
        ("  Барьер/Язык   обучения ", "барьер/язык_обучения"), ("bar_busy_job", "bar_busy_job"),
    ])
    func keysIgnoreCaseSpacesAndSeparators(name: String, key: String) {
        #expect(CodeMap.key(name) == key)
    }

    @Test func aliasesAndIdsMap() throws {
        let codebook = try Codebook(version: "t", codes: [
            Code(id: "bar_busy_job", category: .barrier, factor: .parent, label: LocalizedText(["en": "Busy"]), description: "",
                 aliases: ["Barrier/Busy job", "барьер/занятость"]),
        ])
        let map = try CodeMap(codebook: codebook)
        #expect(map.id(for: "barrier/busy-job") == "bar_busy_job")
        #expect(map.id(for: "БАРЬЕР / Занятость") == "bar_busy_job")
        #expect(map.id(for: "Bar Busy Job") == "bar_busy_job")
        #expect(map.id(for: "barrier") == nil)
    }
}

import Foundation
import Ingest
import Statistics
import Storage
import StudyModel
import Testing
import TestSupport

/// Surveys as SPSS `.sav` files, written by ReadStat's `readstat` tool (`Tests/Fixtures/SurveyFiles`).
@Suite struct StatFileSurveyTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SurveyFiles")

    /// The test fixture with its survey source replaced by `file` from the fixtures folder.
    static func study(with file: String) throws -> StudyFixture {
        let fixture = try StudyFixture()
        try fixture.write(bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent(file))), to: file)
        let manifest = try String(contentsOfFile: fixture.path("study.yml"), encoding: .utf8)
        try fixture.write(manifest.replacingOccurrences(of: "file: survey.csv", with: "file: \(file)"), to: "study.yml")
        try FileManager.default.removeItem(atPath: fixture.path("survey.csv"))
        return fixture
    }

    static func respondents(_ fixture: StudyFixture) throws -> [SurveyRespondent] {
        let store = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        return try store.read { reader in try reader.respondents(of: try reader.instruments()[0]) }
    }

    @Test func aSavFileGivesTheSameRespondentsAsItsCSV() throws {
        let fromSav = try Self.respondents(try Self.study(with: "mini.sav"))
        let fromCSV = try Self.respondents(try StudyFixture())
        #expect(fromSav.map(\.id) == ["R1", "R2", "R3"])
        // R2's q2 is user-missing 9 in the .sav and empty in the CSV: no answer in both.
        #expect(fromSav.map(\.answers) == [[1, 2], [1, nil], [2, 2]])
        #expect(fromSav == fromCSV)
    }

    /// R2's q2 is 98, in the user-missing range 97–99: no answer.
    @Test func numericIdsAndLabelledLevelsAreRead() throws {
        let respondents = try Self.respondents(try Self.study(with: "mini-coded-levels.sav"))
        #expect(respondents.map(\.id) == ["101", "102", "103"])
        #expect(respondents.map(\.country) == ["KZ", "KZ", "UK"])
        #expect(respondents.map(\.role) == ["mother", "father", "mother"])
        #expect(respondents.map(\.answers) == [[1, 2], [1, nil], [2, 2]])
    }

    @Test func valueLabelsAndValuesAreCheckedAgainstTheScale() throws {
        let fixture = try Self.study(with: "mini-mislabelled.sav")
        #expect(try problems(of: fixture) == [
            "mini-mislabelled.sav:1:4: q1: value 1 is labelled 'No' in the file, but scale 'yesno' labels it 'Yes'",
            "mini-mislabelled.sav:2:4: q1: value 1 is labelled 'No' in the file, but scale 'yesno' labels it 'Yes'",
            "mini-mislabelled.sav:3:4: q1: value 2 is labelled 'Yes' in the file, but scale 'yesno' labels it 'No'",
            "mini-mislabelled.sav:3:5: q2: 3 is not a value of scale 'yesno' (1, 2) or missing",
        ])
    }

    @Test func variablesAreRequiredByName() throws {
        // The sample's parent survey against the fixture's two-item instrument: neither item is there.
        #expect(try problems(of: try Self.study(with: "survey-parents.sav")) == [
            "survey-parents.sav: missing required variables 'q1', 'q2'"
        ])
    }

    @Test func anUnreadableSavFileIsAProblemOfItsFile() throws {
        let fixture = try StudyFixture()
        try fixture.write("respondent_id,country,role,q1,q2\n", to: "broken.sav")
        let manifest = try String(contentsOfFile: fixture.path("study.yml"), encoding: .utf8)
        try fixture.write(manifest.replacingOccurrences(of: "file: survey.csv", with: "file: broken.sav"), to: "study.yml")
        let found = try problems(of: fixture)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("broken.sav: cannot read the file: ") == true)
    }

    @Test func theSampleSurveyAsSavAndDtaGivesTheRespondentsOfItsCSV() throws {
        let root = Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = root.appendingPathComponent("data/sample").path
        let expected = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: sample).ingest(into: expected)
        let instrument = try expected.read { try $0.instruments()[1] }
        #expect(instrument.id == "parent_involvement")
        let fromCSV = try expected.read { try $0.respondents(of: instrument) }
        #expect(fromCSV.count == 210)
        #expect(fromCSV.flatMap(\.answers).filter { $0 == nil }.count == 96)
        for file in ["survey-parents.sav", "survey-parents.dta"] {
            let study = try sampleStudy(root: root, parentSurvey: Self.fixtures.appendingPathComponent(file))
            let store = try StudyStore.inMemory()
            let summary = try StudyIngester(studyDirectory: study).ingest(into: store)
            #expect(summary.respondents.map(\.count) == [90, 210], "\(file)")
            #expect(try store.read { try $0.respondents(of: instrument) } == fromCSV, "\(file)")
        }
    }

    /// Seeded damage to `mini.sav` (bytes changed, ranges deleted, the file cut short): ReadStat is C, so a
    /// damaged file must give a problem of its file (or pass as data), never a crash. `SAV_DAMAGE_COUNT`
    /// runs more (3,000 were run once by hand).
    @Test func damagedSavFilesGiveProblemsNeverACrash() throws {
        let original = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("mini.sav")))
        let count = UInt64(ProcessInfo.processInfo.environment["SAV_DAMAGE_COUNT"].flatMap(Int.init) ?? 150)
        let fixture = try Self.study(with: "mini.sav")
        for seed in UInt64(0)..<count {
            var random = SeededGenerator(seed: seed, stream: 77)
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &random)))
                case 1: bytes = Array(bytes[..<at])
                case 2: bytes[at] = [0x00, 0xFF, 0x7F, 0x80].randomElement(using: &random)!
                default: bytes[at] = UInt8.random(in: 0...255, using: &random)
                }
            }
            try fixture.write(bytes: bytes, to: "mini.sav")
            do {
                _ = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
            } catch let problems as InputProblems {
                #expect(!problems.problems.isEmpty, "seed \(seed)")
                for problem in problems.problems {
                    #expect(!problem.file.isEmpty && !problem.message.isEmpty, "seed \(seed): \(problem)")
                }
            } catch {
                Issue.record("seed \(seed): not an input problem: \(error)")
            }
        }
    }
}

import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Ingests a fixture into a fresh in-memory store, returning the problems as text lines.
func problems(of fixture: StudyFixture, store: StudyStore? = nil) throws -> [String] {
    let target = try store ?? StudyStore.inMemory()
    do {
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: target)
        return []
    } catch let error as InputProblems {
        return error.description.split(separator: "\n").map { line in
            String(line).replacingOccurrences(of: fixture.directory + "/", with: "")
        }
    }
}

@Suite struct IngestTests {
    @Test func ingestsTheFixture() throws {
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: try StudyFixture().directory).ingest(into: store)
        #expect(summary.participants == 6)
        #expect(summary.segmentRows == 10)
        #expect(summary.respondents.map(\.count) == [3])
        #expect(summary.files.map(\.path) == ["codebook.yml", "mini.yml", "participants.csv", "segments.csv", "study.yml", "survey.csv"])
        let segments = try store.read { try $0.segmentRowCount() }
        #expect(segments == 10)
        let participants = try store.read { try $0.participants() }
        #expect(participants.map(\.id) == ["KZ-1", "KZ-2", "KZ-3", "UK-1", "UK-2", "UK-3"])
        #expect(participants[0].attributes == ["setting": "urban"])
        #expect(participants[4].attributes == [:])
    }

    @Test func ingestingTwiceStoresEverythingOnce() throws {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: try StudyFixture().directory)
        try ingester.ingest(into: store)
        try ingester.ingest(into: store)
        #expect(try store.read { try $0.segmentRowCount() } == 10)
        #expect(try store.read { try $0.participants().count } == 6)
    }

    @Test func sourceFileHashIsTheSHA256OfTheBytes() throws {
        let fixture = try StudyFixture(participants: "participant_id,country,role\nP1,KZ,mother\n", segments: "segment_id,participant_id,code,coder\n", survey: nil)
        let summary = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
        let file = try #require(summary.files.first { $0.path == "participants.csv" })
        // printf 'participant_id,country,role\nP1,KZ,mother\n' | sha256sum
        #expect(file.sha256 == "0334b5cc23fa0b169e51d375f2dddbe06e01e5a30f9295b303e7dda4ea97aa0d")
        #expect(file.byteCount == 41)
        #expect(file.recordCount == 1)
    }

    @Test func everyParticipantProblemIsReportedWithItsPlace() throws {
        let fixture = try StudyFixture(
            participants: """
                participant_id,country,role
                P1,KZ,mother
                P1,UK,father
                P2,FR,mother
                P3,KZ,aunt
                ,UK,mother
                P4,KZ

                """, segments: "segment_id,participant_id,code,coder\n", survey: nil)
        #expect(try problems(of: fixture) == [
            "participants.csv:3:1: participant_id: duplicate participant id (first on line 2)",
            "participants.csv:4:2: country: 'FR' is not a declared country (study.yml declares KZ, UK)",
            "participants.csv:5:3: role: 'aunt' is not a declared role (study.yml declares mother, father, grandparent, guardian, teacher, other)",
            "participants.csv:6:1: participant_id: empty value; every participant needs an id",
            "participants.csv:7: expected 3 fields as in the header, found 2",
        ])
    }

    @Test func everySegmentProblemIsReportedWithItsPlace() throws {
        let fixture = try StudyFixture(
            segments: """
                segment_id,participant_id,code,coder,start,end,language
                S1,KZ-1,bar_busy_job,C1,0,10,en
                S1,KZ-1,bar_busy_job,C1,0,10,en
                S2,NOBODY,bar_busy_job,C1,,,
                S3,KZ-1,bar_unknown,C1,,,
                S4,KZ-1,bar_busy_job,,x,5,de
                S5,KZ-1,bar_busy_job,C1,9,5,

                """, survey: nil, analysedCoders: ["C1"])
        #expect(try problems(of: fixture) == [
            "segments.csv:3:3: code: duplicate code application: coder 'C1' already applied 'bar_busy_job' to this segment on line 2",
            "segments.csv:5:3: code: unknown code 'bar_unknown' (not in codebook test-1)",
            "segments.csv:6:4: coder: empty value; every code application needs a coder",
            "segments.csv:6:5: start: 'x' is not a non-negative whole number",
            "segments.csv:6:7: language: 'de' is not a language of the tool (en, kk, ru)",
            "segments.csv:7:6: end: end 5 is before start 9",
            // An unknown participant is reported once, at its first row, after the rows' own problems.
            "segments.csv:4:2: participant_id: participant id not found in participants.csv",
        ])
    }

    @Test func csvDamageIsReportedAndStopsTheFile() throws {
        let unterminated = try StudyFixture(
            segments: "segment_id,participant_id,code,coder,excerpt\nS1,KZ-1,bar_busy_job,C1,\"never closed\nS2,KZ-1,bar_busy_job,C1,x\n",
            survey: nil)
        #expect(try problems(of: unterminated) == [
            "segments.csv:2:5: unterminated quoted field (the quote opened on line 2)"
        ])
        let missingColumn = try StudyFixture(segments: "segment_id,participant_id,coder\n", survey: nil)
        #expect(try problems(of: missingColumn) == ["segments.csv:1: missing required column 'code'"])
    }

    @Test func invalidUTF8IsReportedWithItsColumn() throws {
        let fixture = try StudyFixture(survey: nil)
        try fixture.write(
            bytes: Array("segment_id,participant_id,code,coder,excerpt\nS1,KZ-1,bar_busy_job,C1,caf".utf8) + [0xE9] + [0x0A]
                + Array("S2,KZ-1,bar_busy_job,C2,x\n".utf8),
            to: "segments.csv")
        #expect(try problems(of: fixture) == ["segments.csv:2:5: excerpt: invalid UTF-8; save the file as UTF-8"])
    }

    @Test func surveyProblems() throws {
        let fixture = try StudyFixture(survey: "respondent_id,country,role,q1,q2,q9\nR1,KZ,mother,1,3,\nR1,UK,mother,2,2,\n")
        #expect(try problems(of: fixture) == [
            "survey.csv:1:6: column 'q9' is not an item of instrument 'mini'",
            "survey.csv:2:5: q2: '3' is not a value of scale 'yesno' (1, 2) or empty",
            "survey.csv:3:1: respondent_id: duplicate respondent id (first on line 2)",
        ])
    }

    @Test func problemsAreCappedPerFile() throws {
        var segments = "segment_id,participant_id,code,coder\n"
        for index in 0..<70 { segments += "S\(index),KZ-1,nope,C1\n" }
        let fixture = try StudyFixture(segments: segments, survey: nil, analysedCoders: ["C1"])
        let lines = try problems(of: fixture)
        #expect(lines.count == 51)
        #expect(lines.last == "… and 20 more problems")
    }

    @Test func failedIngestLeavesTheStoreAsItWas() throws {
        let store = try StudyStore.inMemory()
        let good = try StudyFixture()
        try StudyIngester(studyDirectory: good.directory).ingest(into: store)
        let before = try store.read { (try $0.segmentRowCount(), try $0.participants(), try $0.sourceFiles()) }

        let bad = try StudyFixture(segments: StudyFixture.segments + "S99,KZ-1,bar_nope,C1,,,,,\n")
        #expect(try problems(of: bad, store: store) == ["segments.csv:13:3: code: unknown code 'bar_nope' (not in codebook test-1)"])
        let after = try store.read { (try $0.segmentRowCount(), try $0.participants(), try $0.sourceFiles()) }
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
        #expect(after.2 == before.2)
    }

    @Test func manifestProblems() throws {
        let fixture = try StudyFixture(analysedCoders: [])
        let error = #expect(throws: InputProblems.self) { try StudyIngester(studyDirectory: fixture.directory) }
        #expect(error?.problems.map(\.message) == ["coding.analysed_coders: name at least one coder"])
    }

    @Test func codebookProblems() throws {
        let fixture = try StudyFixture(codebook: """
            version: "x"
            codes:
              - {id: bar_a, category: barrier, label: {en: A, ru: А, kk: А}, description: d}
              - {id: act_b, category: activity, type: informal, factor: parent, label: {en: B, ru: Б, kk: Б}, description: d}
              - {id: bar_a, category: barrier, factor: child, parent: nope, label: {en: A, ru: А, kk: ""}, description: d}
            """)
        let lines = try problems(of: fixture)
        #expect(lines == [
            "codebook.yml: codes[0] 'bar_a': a barrier needs a factor (parent, child, parent_teacher, societal)",
            "codebook.yml: codes[1] 'act_b': only barriers have a factor",
            "codebook.yml: codes[2] 'bar_a': duplicate code id",
            "codebook.yml: codes[2] 'bar_a': parent 'nope' is not a code of this codebook",
            "codebook.yml: codes[2] 'bar_a': empty kk label",
        ])
    }
}

@Suite struct StoredValueTests {
    @Test func textAndNumbersRoundTripThroughTheStore() throws {
        let store = try StudyStore.inMemory()
        let participant = Participant(id: "P-Қ1", country: "KZ", role: "mother", attributes: ["note": "", "x": "ә, \"q\""])
        let inserted = try store.replaceContents { transaction in
            try transaction.insert(participant, position: 0, line: 2)
        }
        #expect(inserted)
        #expect(try store.read { try $0.participants() } == [participant])
    }
}

@Suite struct StoreLockTests {
    @Test func aSecondBuildOfTheSameStoreFailsWhileTheFirstHoldsTheLock() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/study.sqlite"
        // A killed build's leftover is removed by the next build.
        try Data("half a store".utf8).write(to: URL(fileURLWithPath: path + ".building-99999"))
        try StudyStore.build(at: path) { _ in }
        #expect(!FileManager.default.fileExists(atPath: path + ".building-99999"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // Another build holds the lock (its own open file description): this one fails at once.
        let other = open(path + ".lock", O_RDWR)
        #expect(flock(other, LOCK_EX | LOCK_NB) == 0)
        #expect(throws: StoreError.locked(path)) { try StudyStore.build(at: path) { _ in } }
        close(other)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect("\(StoreError.locked("s.sqlite"))" == "s.sqlite: another ingest is writing this store now; wait for it to finish, then run this one again")
        try StudyStore.build(at: path) { _ in }
    }
}

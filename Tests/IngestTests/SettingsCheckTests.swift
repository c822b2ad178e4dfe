import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Settings that are wrong but look valid on their own: checked against the study's files at ingest.
@Suite struct SettingsCheckTests {
    @Test func anAnalysedCoderWhoCodedNothingIsAnErrorWithTheCoderMeant() throws {
        let absent = try StudyFixture(survey: nil, analysedCoders: ["Z9"])
        #expect(try problems(of: absent) == [
            "study.yml:11:3: coding.analysed_coders: 'Z9' coded no segment in segments.csv; its coders: C1, C2"
        ])
        let wrongCase = try StudyFixture(survey: nil, analysedCoders: ["c1", "C2"])
        #expect(try problems(of: wrongCase) == [
            "study.yml:11:3: coding.analysed_coders: 'c1' coded no segment in segments.csv (did you mean 'C1'?); its coders: C1, C2"
        ])
    }

    @Test func aParticipantsFileThatCannotBeReadIsNotBlamedOnEverySegment() throws {
        let fixture = try StudyFixture(participants: "id,country,role\nKZ-1,KZ,mother\n", survey: nil)
        #expect(try problems(of: fixture) == [
            "participants.csv:1: missing required column 'participant_id'",
            "segments.csv: participant ids not checked: participants.csv could not be read",
        ])
    }

    @Test func anUnknownParticipantIsReportedOnceWithItsNumberOfRows() throws {
        var segments = "segment_id,participant_id,code,coder\n"
        for index in 0..<30 { segments += "S\(index),KZ-9,bar_busy_job,C1\n" }
        segments += "S99,UK-9,bar_busy_job,C1\n"
        let fixture = try StudyFixture(segments: segments, survey: nil, analysedCoders: ["C1"])
        #expect(try problems(of: fixture) == [
            "segments.csv:2:2: participant_id: participant id not found in participants.csv (on 30 rows, the first here)",
            "segments.csv:32:2: participant_id: participant id not found in participants.csv",
        ])
    }

    @Test func aTableVariableOrLevelThatSelectsNobodyIsAnError() throws {
        let fixture = try StudyFixture(survey: nil, manifestTail: """
            analysis:
              tables:
                - {id: by-gender, rows: barriers, columns: [gender]}
                - {id: rural-only, rows: barriers, columns: [country], where: {setting: [rurall]}}

            """)
        #expect(try problems(of: fixture) == [
            "study.yml:29:8: analysis.tables 'by-gender': 'gender' is not a column of participants.csv (its columns: participant_id, country, role, setting)",
            "study.yml:30:8: analysis.tables 'rural-only': where setting: no participant has setting 'rurall' in participants.csv, so it selects nobody",
        ])
    }
}

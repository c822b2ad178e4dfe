import Foundation
import GRDB
import Ingest
@testable import Storage
import Testing
import TestSupport

/// The survey answers in one blob per respondent (`packAnswers`): a store of the layout before it, a row
/// of `surveyAnswer` per answer as the migrations up to `packSegments` created it, is converted when
/// opened; its respondents read back as the new ingest of the same files gives them, and its blobs hold
/// exactly its old rows (an answer to an item the instrument lacks too).
@Suite struct SurveyAnswerMigrationTests {
    static let survey = """
        respondent_id,country,role,q1,q2
        R1,KZ,mother,1,2
        R2,KZ,father,1,
        R3,UK,mother,,
        R10,UK,father,2,1

        """

    @Test func aStoreOfOneRowPerAnswerIsConverted() throws {
        let fixture = try StudyFixture(survey: Self.survey)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let newPath = fixture.directory + "/new.sqlite", oldPath = fixture.directory + "/old.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: newPath)
        let (instrument, expected) = try StudyStore(path: newPath).read { reader in
            let instrument = try reader.instruments()[0]
            return (instrument, try reader.respondents(of: instrument))
        }
        #expect(expected.map { "\($0.id) \($0.country) \($0.role) \($0.answers)" } == [
            "R1 KZ mother [Optional(1), Optional(2)]", "R2 KZ father [Optional(1), nil]", "R3 UK mother [nil, nil]",
            "R10 UK father [Optional(2), Optional(1)]",
        ])

        // The old store: the schema up to `packSegments`, the other tables as ingested, a row per answer,
        // and one answer to an item the instrument does not have (the read leaves it out, as it did).
        var oldAnswers: [String] = []
        let old = try oldStore(at: oldPath, upTo: "packSegments", from: newPath, except: ["surveyRespondent"]) { db in
            try db.execute(
                sql: "INSERT INTO surveyRespondent SELECT instrumentId, respondentId, position, country, role, line FROM new.surveyRespondent")
            for row in try Row.fetchAll(db, sql: "SELECT instrumentId, respondentId, answers FROM new.surveyRespondent") {
                var answers = try SurveyAnswers.answers(in: [UInt8](row[2] as Data))
                if row[1] == "R2" { answers.append(("q9, not asked", 4)) }
                for (item, value) in answers {
                    try db.execute(
                        sql: "INSERT INTO surveyAnswer VALUES (?, ?, ?, ?)", arguments: [row[0] as String, row[1] as String, item, value])
                }
            }
            oldAnswers = try String.fetchAll(
                db, sql: "SELECT instrumentId || ' ' || respondentId || ' ' || itemId || ' ' || coalesce(value, 'NULL') FROM surveyAnswer ORDER BY instrumentId, respondentId, itemId")
        }
        #expect(oldAnswers.count == 9)
        #expect(oldAnswers.contains("mini R2 q9, not asked 4") && oldAnswers.contains("mini R3 q2 NULL"))
        try old.close()

        let migrated = try StudyStore(path: oldPath)
        #expect(try migrated.read { try $0.respondents(of: instrument) } == expected)
        try DatabaseQueue(path: oldPath).read { db in
            #expect(try db.tableExists("surveyAnswer") == false && db.tableExists("surveyRespondentPerAnswer") == false)
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").contains("packAnswers"))
            var expanded: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT instrumentId, respondentId, answers FROM surveyRespondent") {
                for (item, value) in try SurveyAnswers.answers(in: [UInt8](row[2] as Data)) {
                    expanded.append("\(row[0] as String) \(row[1] as String) \(item) \(value.map(String.init) ?? "NULL")")
                }
            }
            #expect(expanded.sorted() == oldAnswers.sorted())
            let columns = "SELECT instrumentId, respondentId, position, country, role, line FROM surveyRespondent ORDER BY position"
            #expect(try Row.fetchAll(db, sql: columns) == (try DatabaseQueue(path: newPath).read { try Row.fetchAll($0, sql: columns) }))
        }
    }
}

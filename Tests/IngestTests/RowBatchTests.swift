import Foundation
import GRDB
import Ingest
import Storage
import Testing
import TestSupport

/// Survey respondents and participants are gathered into batches (`RespondentBatch`, `ParticipantBatch`)
/// whose texts are bound from one buffer without a copy, up to 64 rows a statement across respondents
/// (or participants): every row is stored with every column, for fewer rows than a statement takes,
/// exactly a statement's worth, one more, a full batch and more than one batch.
@Suite struct RowBatchTests {
    private static func storePath() throws -> (directory: String, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("row-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return (directory, directory + "/store.sqlite")
    }

    /// Respondent `number`'s answer to item `item` (`nil`: none).
    private static func answer(_ number: Int, _ item: Int) -> Int? { (number + item) % 4 == 0 ? nil : (number * 7 + item) % 5 }

    @Test(arguments: [0, 1, 63, 64, 65, 256, 257, 600])
    func everyRespondentAndAnswerIsStored(respondents: Int) throws {
        let (directory, path) = try Self.storePath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let items = ["q1", "q2", "q3_long_item_id"]
        try StudyStore.build(at: path) { transaction in
            var batch = RespondentBatch(instrumentID: "mini")
            for number in 0..<respondents {
                batch.append(
                    respondentID: "R\(number)", position: number, country: number % 3 == 0 ? "UK" : "KZ",
                    role: number % 2 == 0 ? "mother" : "grandparent", line: number + 2,
                    answers: items.indices.map { (items[$0], Self.answer(number, $0)) })
                if batch.isFull {
                    #expect(batch.count == RespondentBatch.capacity)
                    try transaction.insert(&batch)
                    #expect(batch.count == 0)
                }
            }
            try transaction.insert(&batch)
        }
        let (rows, answers) = try DatabaseQueue(path: path).read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM surveyRespondent ORDER BY position").map {
                "\($0["instrumentId"] as String) \($0["respondentId"] as String) \($0["position"] as Int) \($0["country"] as String) \($0["role"] as String) \($0["line"] as Int)"
            },
             try Row.fetchAll(db, sql: "SELECT * FROM surveyRespondent").flatMap { row in
                try SurveyAnswers.answers(in: [UInt8](row["answers"] as Data)).map {
                    "\(row["instrumentId"] as String) \(row["respondentId"] as String) \($0.itemID) \($0.value.map(String.init) ?? "NULL")"
                }
            })
        }
        #expect(rows == (0..<respondents).map {
            "mini R\($0) \($0) \($0 % 3 == 0 ? "UK" : "KZ") \($0 % 2 == 0 ? "mother" : "grandparent") \($0 + 2)"
        })
        let expected = (0..<respondents).flatMap { number in
            items.indices.map { "mini R\(number) \(items[$0]) \(Self.answer(number, $0).map(String.init) ?? "NULL")" }
        }
        #expect(answers.sorted() == expected.sorted())
    }

    @Test(arguments: [1, 64, 65, 150])
    func everyParticipantAndAttributeIsStored(participants: Int) throws {
        let (directory, path) = try Self.storePath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Not in byte order (the batch stores a participant's attributes in it).
        let names = ["setting", "gender", "school_id"]
        try StudyStore.build(at: path) { transaction in
            var batch = ParticipantBatch(attributeNames: names)
            for number in 0..<participants {
                // Attribute `place` is absent for every participant whose number it divides.
                let values = names.indices.map { place in number % (place + 2) == 0 ? nil : Array("v\(number)-\(place)".utf8) }
                let fields = ["P\(number)", number % 3 == 0 ? "UK" : "KZ", "father"].map { Array($0.utf8) } + values.map { $0 ?? [] }
                withFieldSlices(fields) { field in
                    batch.append(
                        id: field[0], country: field[1], role: field[2], position: number, line: number + 2,
                        attributes: names.indices.map { values[$0] == nil ? nil : field[3 + $0] })
                }
                if batch.isFull { try transaction.insert(&batch) }
            }
            try transaction.insert(&batch)
        }
        let (rows, attributes) = try DatabaseQueue(path: path).read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM participant ORDER BY position").map {
                "\($0["id"] as String) \($0["position"] as Int) \($0["country"] as String) \($0["role"] as String) \($0["line"] as Int)"
            },
             try Row.fetchAll(db, sql: "SELECT * FROM participantAttribute").map {
                "\($0["participantId"] as String) \($0["name"] as String) \($0["value"] as String)"
            })
        }
        #expect(rows == (0..<participants).map { "P\($0) \($0) \($0 % 3 == 0 ? "UK" : "KZ") father \($0 + 2)" })
        let expected = (0..<participants).flatMap { number in
            names.indices.filter { number % ($0 + 2) != 0 }.map { "P\(number) \(names[$0]) v\(number)-\($0)" }
        }
        #expect(attributes.sorted() == expected.sorted())
    }

    /// Through the ingest: a survey of more respondents than a batch holds, read back in file order.
    @Test func aLongSurveyIsReadBackInFileOrder() throws {
        var text = "respondent_id,country,role,q1,q2\n"
        var expected: [String] = []
        for number in 0..<300 {
            let answers = [number % 3 == 0 ? nil : 1 + number % 2, number % 5 == 0 ? nil : 2]
            let id = "R\(1000 - number)"
            let country = number % 2 == 0 ? "KZ" : "UK"
            text += "\(id),\(country),mother,\(answers[0].map(String.init) ?? ""),\(answers[1].map(String.init) ?? "")\n"
            expected.append("\(id) \(country) mother \(answers)")
        }
        let fixture = try StudyFixture(survey: text)
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        #expect(summary.respondents.map(\.count) == [300])
        let stored = try store.read { reader in try reader.respondents(of: try reader.instruments()[0]) }
        #expect(stored.map { "\($0.id) \($0.country) \($0.role) \($0.answers)" } == expected)
    }
}

import Foundation
import GRDB
import Ingest
import Storage
import Testing
import TestSupport

/// A survey respondent's answers in one blob (`SurveyAnswers`): any item id and any value, or none, comes
/// back as it was stored; a blob cut short or with a wrong byte is an error, never a crash, and a damaged
/// blob in a store stops the read with a clear message.
@Suite struct SurveyAnswersTests {
    static let answers: [(itemID: String, value: Int?)] = [
        ("q1", 3), ("q2", nil), ("", 0), ("a,b \"c\"\n", -1), ("Сұрақ 5", 127), (String(repeating: "x", count: 200), 128),
        ("min", Int.min), ("max", Int.max), ("q1", -300),
    ]

    @Test func theDocumentedBytes() throws {
        var blob: [UInt8] = []
        SurveyAnswers.append(item: "q1", value: 3, to: &blob)
        SurveyAnswers.append(item: "q2", value: nil, to: &blob)
        SurveyAnswers.append(item: "q3", value: -2, to: &blob)
        SurveyAnswers.append(item: "q4", value: 300, to: &blob)
        #expect(blob == [2, 0x71, 0x31, 1, 3, 2, 0x71, 0x32, 0, 2, 0x71, 0x33, 2, 1, 2, 0x71, 0x34, 1, 0xAC, 0x02])
    }

    @Test func everyItemAndValueComesBack() throws {
        var blob: [UInt8] = []
        for (item, value) in Self.answers { SurveyAnswers.append(item: item, value: value, to: &blob) }
        let read = try SurveyAnswers.answers(in: blob)
        #expect(read.map(\.itemID) == Self.answers.map(\.itemID))
        #expect(read.map(\.value) == Self.answers.map(\.value))
        #expect(try SurveyAnswers.answers(in: []).isEmpty)
    }

    @Test func aBlobCutShortOrWithAWrongByteIsAnError() throws {
        var blob: [UInt8] = []
        var ends: Set<Int> = [0]
        for (item, value) in Self.answers {
            SurveyAnswers.append(item: item, value: value, to: &blob)
            ends.insert(blob.count)
        }
        for length in 0...blob.count {
            if ends.contains(length) {
                #expect(try SurveyAnswers.answers(in: Array(blob[..<length])).count == ends.filter { $0 > 0 && $0 <= length }.count)
            } else {
                #expect(throws: SurveyAnswers.Malformed.self, "\(length) bytes") { try SurveyAnswers.answers(in: Array(blob[..<length])) }
            }
        }
        #expect(throws: SurveyAnswers.Malformed(offset: 5)) { try SurveyAnswers.answers(in: [2, 0x71, 0x31, 1, 3, 2, 0x71, 0x32, 3]) }
        #expect(throws: SurveyAnswers.Malformed(offset: 0)) { try SurveyAnswers.answers(in: [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]) }
    }

    @Test func aDamagedBlobInTheStoreStopsTheRead() throws {
        let fixture = try StudyFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let path = fixture.directory + "/store.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: path)
        let instrument = try StudyStore(path: path).read { try $0.instruments()[0] }
        #expect(try StudyStore(path: path).read { try $0.respondents(of: instrument) }.map(\.answers) == [[1, 2], [1, nil], [2, 2]])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE surveyRespondent SET answers = x'027131' WHERE respondentId = 'R2'")
        }
        #expect(throws: StoreError.damagedAnswers(instrument: "mini", respondent: "R2")) {
            try StudyStore(path: path).read { try $0.respondents(of: instrument) }
        }
        #expect(
            StoreError.damagedAnswers(instrument: "mini", respondent: "R2").description
                == "the store's answers of respondent R2 of the survey mini are damaged; run `analyze ingest` again to rebuild the store")
    }
}

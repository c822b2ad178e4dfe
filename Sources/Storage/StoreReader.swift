import Foundation
import GRDB
import StudyModel

/// How many segments one coder applied one code with, for one participant.
public struct CodeApplicationCount: Sendable, Equatable {
    public var participantID: String
    public var code: String
    public var coder: String
    public var segments: Int
}

/// A survey respondent with their answers in instrument item order (`nil`: no answer).
public struct SurveyRespondent: Sendable, Equatable {
    public var id: String
    public var country: String
    public var role: String
    public var answers: [Int?]

    public init(id: String, country: String, role: String, answers: [Int?]) {
        self.id = id
        self.country = country
        self.role = role
        self.answers = answers
    }
}

/// Reads inside ``StudyStore/read(_:)``. Every query has a total `ORDER BY`, so results are the same
/// on every run.
public struct StoreReader {
    let db: Database

    /// The study, or `nil` when nothing was ingested yet.
    public func study() throws -> StoredStudy? {
        try Row.fetchOne(db, sql: "SELECT name, version, codebookVersion, toolVersion FROM study").map {
            StoredStudy(
                name: $0["name"], version: $0["version"], codebookVersion: $0["codebookVersion"],
                toolVersion: $0["toolVersion"])
        }
    }

    /// The fingerprints of the ingested files, by path.
    public func sourceFiles() throws -> [SourceFileRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sourceFile ORDER BY path").map {
            SourceFileRecord(
                path: $0["path"], kind: $0["kind"], sha256: $0["sha256"], byteCount: $0["byteCount"],
                recordCount: $0["recordCount"])
        }
    }

    /// The stats of the input files recorded at ingest, by path (files changed shortly before the ingest
    /// have none).
    public func sourceFileStats() throws -> [String: SourceFileStat] {
        var stats: [String: SourceFileStat] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT path, device, inode, byteCount, modified, changed FROM sourceFileStat ORDER BY path") {
            stats[row[0]] = SourceFileStat(device: row[1], inode: row[2], byteCount: row[3], modified: row[4], changed: row[5])
        }
        return stats
    }

    /// The codebook as ingested.
    public func codebook() throws -> Codebook {
        let decoder = JSONDecoder()
        let codes = try String.fetchAll(db, sql: "SELECT definition FROM code ORDER BY position").map {
            try decoder.decode(Code.self, from: Data($0.utf8))
        }
        let version = try String.fetchOne(db, sql: "SELECT codebookVersion FROM study") ?? ""
        return try Codebook(version: version, codes: codes, file: "store")
    }

    /// The number of participants (of ``participants(attributes:)``).
    public func participantCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant") ?? 0
    }

    /// The participants in file order, with their attributes (only those named, when `names` is given:
    /// a large study then holds only what its tables group by).
    ///
    /// - Complexity: one pass over the participant table (and the attributes named), with a small page
    ///   cache (its pages are read once).
    public func participants(attributes names: Set<String>? = nil) throws -> [Participant] {
        try withSmallPageCache { try readParticipants(attributes: names) }
    }

    private func readParticipants(attributes names: Set<String>?) throws -> [Participant] {
        // A cursor, not fetchAll: a large study's rows are never all held as GRDB rows at once.
        var participants: [Participant] = []
        participants.reserveCapacity(try participantCount())
        let participantRows = try Row.fetchCursor(db, sql: "SELECT id, country, role FROM participant ORDER BY position")
        while let row = try participantRows.next() {
            participants.append(Participant(id: row[0], country: row[1], role: row[2]))
        }
        if let names, names.isEmpty { return participants }
        let indexByID = Dictionary(uniqueKeysWithValues: participants.enumerated().map { ($1.id, $0) })
        let rows = try Row.fetchCursor(
            db, sql: "SELECT participantId, name, value FROM participantAttribute ORDER BY participantId, name")
        while let row = try rows.next() {
            let name: String = row[1]
            guard names?.contains(name) ?? true, let index = indexByID[row[0]] else { continue }
            participants[index].attributes[name] = row[2]
        }
        return participants
    }

    /// The coverage list (empty when the study has none): each participant a coder was assigned,
    /// ordered by participant and coder.
    public func coverage() throws -> [(participantID: String, coder: String)] {
        try Row.fetchAll(db, sql: "SELECT participantId, coder FROM coverage ORDER BY participantId, coder")
            .map { (participantID: $0[0], coder: $0[1]) }
    }

    /// The instruments in manifest order.
    public func instruments() throws -> [Instrument] {
        let decoder = JSONDecoder()
        return try String.fetchAll(db, sql: "SELECT definition FROM instrument ORDER BY position").map {
            try decoder.decode(Instrument.self, from: Data($0.utf8))
        }
    }

    /// The respondents of one instrument in file order, with answers in the instrument's item order
    /// (an answer to an item the instrument does not have is left out).
    /// - Throws: ``StoreError/damagedAnswers(instrument:respondent:)`` when a respondent's answers are
    ///   not of the shape ``SurveyAnswers`` writes.
    public func respondents(of instrument: Instrument) throws -> [SurveyRespondent] {
        let itemIndex = Dictionary(uniqueKeysWithValues: instrument.items.enumerated().map { ($1.id, $0) })
        var respondents: [SurveyRespondent] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT respondentId, country, role, answers FROM surveyRespondent WHERE instrumentId = ? ORDER BY position",
            arguments: [instrument.id])
        while let row = try rows.next() {
            var respondent = SurveyRespondent(
                id: row[0], country: row[1], role: row[2], answers: Array(repeating: nil, count: instrument.items.count))
            let answers: [(itemID: String, value: Int?)]
            do {
                answers = try row.withUnsafeData(atIndex: 3) { blob in
                    try (blob ?? Data()).withUnsafeBytes { try SurveyAnswers.answers(in: $0) }
                }
            } catch {
                throw StoreError.damagedAnswers(instrument: instrument.id, respondent: respondent.id)
            }
            for (itemID, value) in answers {
                guard let item = itemIndex[itemID] else { continue }
                respondent.answers[item] = value
            }
            respondents.append(respondent)
        }
        return respondents
    }
}

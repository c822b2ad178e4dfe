import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Participants and their attributes are stored several to a statement (at most 64 rows, across
/// participants): every one of them, with none, one, a few and more than a statement's worth of
/// attributes a participant, for fewer participants than a statement takes, exactly a statement's (and a
/// call's) worth, and more than two calls store.
@Suite struct ParticipantAttributesTests {
    @Test(arguments: [0, 1, 16, 17, 40, 65], [6, 64, 150])
    func everyAttributeIsStored(columns: Int, participants: Int) throws {
        let names = (0..<columns).map { "a\($0)" }
        var text = (["participant_id", "country", "role"] + names).joined(separator: ",") + "\n"
        var expected: [String: [String: String]] = [:]
        let ids = (0..<participants).map { "\($0 % 2 == 0 ? "KZ" : "UK")-\($0 / 2 + 1)" }
        for (number, id) in ids.enumerated() {
            // Some cells empty (no attribute), the others distinct values.
            let values = names.indices.map { column in (column + number) % 3 == 0 ? "" : "v\(number)-\(column)" }
            text += ([id, String(id.prefix(2)), "mother"] + values).joined(separator: ",") + "\n"
            expected[id] = Dictionary(uniqueKeysWithValues: zip(names, values).filter { !$0.1.isEmpty })
        }
        let fixture = try StudyFixture(participants: text)
        let store = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        let stored = try store.read { try $0.participants() }
        #expect(stored.count == participants)
        #expect(Set(stored.map(\.id)) == Set(ids))
        for participant in stored {
            #expect(participant.attributes == expected[participant.id], "\(participant.id)")
        }
    }
}

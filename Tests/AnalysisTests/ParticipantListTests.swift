@testable import Analysis
import Statistics
import StudyModel
import Testing

/// `ParticipantList` gives back the participants put in, in order, field for field.
@Suite struct ParticipantListTests {
    @Test func participantsComeBackAsTheyWentIn() {
        let countries = ["KZ", "UK", "Қазақстан"]
        let roles = ["mother", "father", "grandparent", "other carer with a long name"]
        var random = SeededGenerator(seed: 5)
        func next(_ bound: Int) -> Int { random.uniform(below: bound) }
        for (count, attributeShare) in [(0, 0), (1, 0), (50, 0), (50, 3), (300, 1)] {
            let participants = (0..<count).map { index in
                Participant(
                    id: "P-\(index)-\(next(1000))", country: countries[next(countries.count)], role: roles[next(roles.count)],
                    attributes: attributeShare > 0 && next(attributeShare) == 0 ? ["school": "S\(next(9))", "band": "\(next(3))"] : [:])
            }
            let list = ParticipantList(participants)
            #expect(list.count == participants.count)
            #expect(Array(list) == participants)
            #expect(list.indices.map { list.id(at: $0) } == participants.map(\.id))
            #expect(list.indices.map { list.roleLevels[list.roleIndex(at: $0)] } == participants.map(\.role))
            #expect(list.roleLevels == participants.map(\.role).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
            for variable in ["country", "role", "school", "band", "absent"] {
                #expect(list.indices.map { list.value(of: variable, at: $0) } == participants.map { $0.value(of: variable) })
            }
        }
    }

    /// `values(of:_:)` is `value(of:at:)` passed through the transform, which country and role levels
    /// go through once each.
    @Test func valuesByPositionAreTheTransformedValues() {
        let participants = [
            Participant(id: "P1", country: "KZ", role: "mother", attributes: ["school": "S1"]),
            Participant(id: "P2", country: "UK", role: "guardian"),
            Participant(id: "P3", country: "KZ", role: "grandparent", attributes: ["school": "S2"]),
            Participant(id: "P4", country: "KZ", role: "mother"),
        ]
        let list = ParticipantList(participants)
        let carers: Set = ["grandparent", "guardian"]
        final class Calls: @unchecked Sendable { var count = 0 }
        let calls = Calls()
        let shown = list.values(of: "role") { role in
            calls.count += 1
            return carers.contains(role) ? "carers" : role
        }
        #expect(list.indices.map(shown) == ["mother", "carers", "carers", "mother"])
        #expect(calls.count == 3)
        #expect(list.indices.map(list.values(of: "country") { $0.lowercased() }) == ["kz", "uk", "kz", "kz"])
        #expect(list.indices.map(list.values(of: "school") { "school " + $0 }) == ["school S1", nil, "school S2", nil])
        #expect(list.indices.map(list.values(of: "absent") { $0 }) == [nil, nil, nil, nil])
    }
}

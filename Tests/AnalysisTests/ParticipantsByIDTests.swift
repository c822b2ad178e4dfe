@testable import Analysis
import StudyModel
import Testing

/// The sorted index finds every participant a dictionary finds, in ascending, random and unknown
/// lookups (byte order, as SQLite sorts ids, with non-ASCII ids).
@Suite struct ParticipantsByIDTests {
    @Test func findsWhatADictionaryFinds() {
        var random = TestRandom(seed: 5)
        let stems = ["KZ-P", "UK-P", "kz-", "Ш-", "P"]
        var ids = Set<String>()
        while ids.count < 400 { ids.insert(stems[random.next(stems.count)] + String(random.next(10_000))) }
        let participants = ids.shuffled().map { Participant(id: $0, country: "KZ", role: "mother") }
        let dictionary = Dictionary(uniqueKeysWithValues: participants.enumerated().map { ($1.id, $0) })
        var index = ParticipantsByID(ParticipantList(participants))
        // Ascending byte order, with some ids skipped, as an ordered pass over the store asks.
        let ascending = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for id in ascending where random.next(3) > 0 { #expect(index.index(of: id) == dictionary[id]) }
        for _ in 0..<300 {
            let id = ascending[random.next(ascending.count)]
            #expect(index.index(of: id) == dictionary[id])
        }
        for unknown in ["", "KZ-P", "zzz", "UK-P10000", "Ш"] where dictionary[unknown] == nil {
            #expect(index.index(of: unknown) == nil)
        }
    }
}

import StudyModel

/// Finds a participant's index by id without a dictionary of strings: the indices sorted by the ids'
/// bytes (SQLite's order), 4 bytes a participant instead of a hash table of 24-byte entries (about
/// 6 MB at 200,000 participants, 12 while it grows). Lookups in ascending id order, as the store's
/// ordered passes make them, cost one or two comparisons; others a binary search.
struct ParticipantsByID {
    /// The participants (shared with the caller's list, not copied).
    private let participants: ParticipantList
    /// Participant indices, their ids in ascending byte order.
    private let order: [Int32]
    /// Where the last lookup ended in `order`.
    private var cursor = 0

    init(_ participants: ParticipantList) {
        self.participants = participants
        order = participants.indices.map { Int32($0) }
            .sorted { Self.precedes(participants.id(at: Int($0)), participants.id(at: Int($1))) }
    }

    /// The index of the participant with id `id`, or `nil` when there is none.
    mutating func index(of id: String) -> Int? {
        // Ascending lookups: the participant at the cursor, or the next one.
        for position in cursor..<min(cursor + 2, order.count) where participants.id(at: Int(order[position])) == id {
            cursor = position
            return Int(order[position])
        }
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(participants.id(at: Int(order[middle])), id) { low = middle + 1 } else { high = middle }
        }
        guard low < order.count, participants.id(at: Int(order[low])) == id else { return nil }
        cursor = low
        return Int(order[low])
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// The nodes of one stage of ``FisherNetwork`` by their packed keys: open addressing over flat arrays,
/// sized once for the network's node bound, instead of a dictionary (no hashing of the key beyond one
/// multiplication, no allocation per stage). Keys are non-negative packed remaining totals.
struct NodeTable {
    /// The packed key in each slot, −1 for an empty slot.
    private var keys: [Int]
    /// The node index in each slot.
    private var nodes: [Int]
    /// The slots in use, to empty them again in O(nodes).
    private var used: [Int] = []
    private let shift: UInt64

    /// A table for at most `capacity` keys (kept at most half full).
    init(capacity: Int) {
        var bits = 4
        while 1 << bits < 2 * max(capacity, 1) { bits += 1 }
        keys = Array(repeating: -1, count: 1 << bits)
        nodes = Array(repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// The slot holding `key`, or the empty slot where it would go.
    func slot(of key: Int) -> Int {
        // Fibonacci hashing: the top bits of the key times 2⁶⁴/φ.
        var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = keys.count - 1
        while keys[slot] != key, keys[slot] >= 0 { slot = (slot + 1) & mask }
        return slot
    }

    /// The node index at `slot`, −1 when the slot is empty.
    func node(at slot: Int) -> Int {
        keys[slot] < 0 ? -1 : nodes[slot]
    }

    /// Stores `key` with its node index at the empty `slot` given by ``slot(of:)``.
    mutating func insert(_ key: Int, node: Int, at slot: Int) {
        precondition(used.count < keys.count / 2, "NodeTable holds at most its capacity")
        keys[slot] = key
        nodes[slot] = node
        used.append(slot)
    }

    /// Empties the table, keeping its storage.
    mutating func removeAll() {
        for slot in used { keys[slot] = -1 }
        used.removeAll(keepingCapacity: true)
    }
}

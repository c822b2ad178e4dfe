import Glibc

/// A set of ids (the codes of the codebook) asked about by the raw UTF-8 bytes of a field, without
/// building a `String` and hashing it with Unicode normalisation for every row: the segments loader's
/// check of codes, and the store's summaries' code positions.
///
/// A hit is an id spelt with exactly these bytes. A miss says only that no id has these bytes: a
/// caller that must also accept other spellings of the same text (Swift's `String` equality is
/// canonical equivalence) asks its `String` look-up after a miss, so that the answer is always the
/// one the `String` look-up gives (`KnownIDsTests` compare the two).
public struct KnownIDs: Sendable {
    /// The ids' bytes.
    private let keys: [[UInt8]]
    /// Open addressing: for each slot, an index into `keys`, or -1; a power of two, at most half full.
    private let slots: [Int32]

    /// The ids (a repeated id counts once, at its first place).
    public init(_ ids: [String]) {
        var keys: [[UInt8]] = []
        var size = 8
        while size < 2 * ids.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for id in ids {
            let key = Array(id.utf8)
            var slot = key.withUnsafeBytes { Self.hash($0) } & (size - 1)
            while slots[slot] >= 0, keys[Int(slots[slot])] != key { slot = (slot + 1) & (size - 1) }
            if slots[slot] < 0 {
                slots[slot] = Int32(keys.count)
                keys.append(key)
            }
        }
        self.keys = keys
        self.slots = slots
    }

    /// Whether an id is spelt with exactly `bytes`.
    public func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        index(of: bytes) != nil
    }

    /// The place in the ids given (repeats left out) of the id spelt with exactly `bytes`, or `nil`.
    public func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        var slot = Self.hash(bytes) & (slots.count - 1)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            let equal = keys[index].withUnsafeBytes { key in
                key.count == bytes.count && (key.isEmpty || memcmp(key.baseAddress!, bytes.baseAddress!, key.count) == 0)
            }
            if equal { return index }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// FNV-1a of the bytes.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return Int(truncatingIfNeeded: hash)
    }
}

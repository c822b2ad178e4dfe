import Glibc

/// A set of ids (the codes of the codebook, the participant ids of an ingest) asked about by the raw
/// UTF-8 bytes of a field, without building a `String` and hashing it with Unicode normalisation for
/// every row: the segments loader's check of codes, the store's summaries' code positions, and the
/// ingest's table of ids (`IDTable`).
///
/// A hit is an id spelt with exactly these bytes. A miss says only that no id has these bytes: a
/// caller that must also accept other spellings of the same text (Swift's `String` equality is
/// canonical equivalence) asks its `String` look-up after a miss, or adds and looks up the bytes of
/// one canonical spelling, so that the answer is always the one the `String` look-up gives
/// (`KnownIDsTests` compare the two).
///
/// The ids are numbered in the order they were first added. Their bytes lie one after another in one
/// buffer, found through an open-addressing index of 4-byte slots: at 200,000 participant ids of ten
/// bytes, about 4 MB where a `[String: Int]` of the same ids takes 19 MB while it grows.
public struct KnownIDs: Sendable {
    /// The ids' bytes, one after another, then zeros: room for the next ids, made a few KB at a time.
    private var bytes: [UInt8] = []
    /// Where each id's bytes end in `bytes` (they start where the id before ends).
    private var ends: [UInt32] = []
    /// Open addressing: for each slot, an id's number, or -1; a power of two, at most half full.
    private var slots: [Int32]

    /// The number of distinct ids.
    public var count: Int { ends.count }

    /// No ids, with room for `capacity` before the index grows.
    public init(capacity: Int = 0) {
        var size = 8
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The ids (a repeated id counts once, at its first place).
    public init(_ ids: [String]) {
        self.init(capacity: ids.count)
        for var id in ids {
            id.withUTF8 { _ = insert(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether an id is spelt with exactly `bytes`.
    public func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        index(of: bytes) != nil
    }

    /// The number (the place in the order added, repeats left out) of the id spelt with exactly
    /// `bytes`, or `nil`.
    public func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        let index = slots[slot(of: bytes)]
        return index < 0 ? nil : Int(index)
    }

    /// Adds the id spelt with `bytes` unless it is there: its number, and whether it was added.
    @discardableResult
    public mutating func insert(_ bytes: UnsafeRawBufferPointer) -> (index: Int, inserted: Bool) {
        let slot = slot(of: bytes)
        if slots[slot] >= 0 { return (Int(slots[slot]), false) }
        let index = count
        let start = index == 0 ? 0 : Int(ends[index - 1])
        precondition(index < Int(Int32.max) && start + bytes.count <= Int(UInt32.max), "too many ids")
        // Copied into the room made before (appended, an id's bytes took a hundred instructions).
        if start + bytes.count > self.bytes.count {
            self.bytes.append(contentsOf: repeatElement(0, count: max(start + bytes.count - self.bytes.count, Self.room)))
        }
        if let source = bytes.baseAddress, !bytes.isEmpty {
            self.bytes.withUnsafeMutableBytes { ($0.baseAddress! + start).copyMemory(from: source, byteCount: bytes.count) }
        }
        ends.append(UInt32(start + bytes.count))
        slots[slot] = Int32(index)
        if 2 * count > slots.count { grow() }
        return (index, true)
    }

    /// The bytes of room made at least when the ids' bytes need more.
    private static let room = 4_096

    /// Forgets every id, keeping the buffers (the bytes as room for the next ids); an index grown past
    /// 1,024 slots goes back to 8, so that one large set does not make every later one clear a large index.
    public mutating func removeAll() {
        ends.removeAll(keepingCapacity: true)
        if slots.count > 1024 {
            slots = [Int32](repeating: -1, count: 8)
        } else {
            for slot in slots.indices { slots[slot] = -1 }
        }
    }

    /// The id numbered `index`: its bytes.
    private func withID<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<Int(ends[index])])) }
    }

    /// The slot holding the id spelt with `bytes`, or the empty slot where it would go.
    private func slot(of bytes: UnsafeRawBufferPointer) -> Int {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        return slots.withUnsafeBufferPointer { slots in
            ends.withUnsafeBufferPointer { ends in
                self.bytes.withUnsafeBytes { stored in
                    while case let index = Int(slots[slot]), index >= 0 {
                        let start = index == 0 ? 0 : Int(ends[index - 1])
                        if Int(ends[index]) - start == bytes.count,
                           bytes.isEmpty || ShortBytes.equal(stored.baseAddress! + start, bytes.baseAddress!, count: bytes.count) {
                            return slot
                        }
                        slot = (slot + 1) & mask
                    }
                    return slot
                }
            }
        }
    }

    /// The index twice as large, every id placed again.
    private mutating func grow() {
        let size = 2 * slots.count
        slots = [Int32](repeating: -1, count: size)
        for index in 0..<count {
            var slot = withID(index) { Self.hash($0) } & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(index)
        }
    }

    /// A hash of the bytes read a machine word at a time (an id or a code is 5 to 20 bytes: two or
    /// three words, where FNV-1a took a multiply per byte), finished with MurmurHash3's 64-bit mix so
    /// that every input bit reaches the low bits the index uses. The byte count is hashed too: the
    /// loads of a short or a last word may overlap bytes read before.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        let count = bytes.count
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(truncatingIfNeeded: count)
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 32
        }
        if let base = bytes.baseAddress {
            if count >= 8 {
                var offset = 0
                while offset + 8 < count {
                    mix(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                }
                // The last eight bytes, which may overlap the word before.
                mix(base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            } else if count >= 4 {
                let low = UInt64(base.loadUnaligned(as: UInt32.self))
                let high = UInt64(base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                mix(low | high << 32)
            } else if count > 0 {
                let first = UInt64(base.load(as: UInt8.self))
                let middle = UInt64(base.load(fromByteOffset: count / 2, as: UInt8.self))
                let last = UInt64(base.load(fromByteOffset: count - 1, as: UInt8.self))
                mix(first | middle << 8 | last << 16)
            }
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return Int(truncatingIfNeeded: hash)
    }
}

import Foundation
@testable import Ingest
@testable import Storage
import Testing

/// The byte look-ups of the segments loader against the `String` operations they stand for.
@Suite struct KnownIDsTests {
    /// Random ids and random candidates (some ids themselves, some near misses: a byte more or less,
    /// another case, a decomposed accent): `contains` is true exactly for the bytes of an id, and a
    /// miss followed by the `String` look-up gives the `Set<String>` verdict; `index(of:)` is the id's
    /// place among the distinct ids.
    @Test func containsIsTheBytesOfAnId() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let letters = ["a", "b", "_", "é", "e\u{301}", "Қ", "1", ""]
        func word() -> String { (0..<random(12)).map { _ in letters[random(letters.count)] }.joined() }
        var disagreements = 0
        var hits = 0
        for _ in 0..<300 {
            let ids = (0..<random(80)).map { _ in word() }
            let known = KnownIDs(ids)
            let set = Set(ids)
            let exact = Set(ids.map { Array($0.utf8) })
            for _ in 0..<100 {
                var candidate = ids.isEmpty || random(2) == 0 ? word() : ids[random(ids.count)]
                switch random(4) {
                case 0: candidate += "x"
                case 1: candidate = candidate.uppercased()
                default: break
                }
                let bytes = Array(candidate.utf8)
                let found = bytes.withUnsafeBytes { known.contains($0) }
                if found { hits += 1 }
                // The index is the id's place among the distinct ids, in the order given.
                let index = bytes.withUnsafeBytes { known.index(of: $0) }
                let distinct = ids.reduce(into: [[UInt8]]()) { if !$0.contains(Array($1.utf8)) { $0.append(Array($1.utf8)) } }
                if index != distinct.firstIndex(of: bytes) { disagreements += 1 }
                if found != exact.contains(bytes) { disagreements += 1 }
                if (found || set.contains(candidate)) != set.contains(candidate) { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(hits > 5_000 && hits < 25_000)
    }

    /// `wholeNumber` reads what `Int(String)` reads: signs, leading zeros, overflow, junk.
    /// A set emptied (after growing past 1,024 slots, and after staying small) holds nothing of before,
    /// and numbers new ids from 0 again (the store summaries reuse one set participant after participant).
    @Test func aSetEmptiedStartsAgain() {
        var ids = KnownIDs()
        for size in [3_000, 5, 700] {
            let names = (0..<size).map { "S\($0)-\(size)" }
            for (number, var name) in names.enumerated() {
                let added = name.withUTF8 { ids.insert(UnsafeRawBufferPointer($0)) }
                #expect(added.index == number && added.inserted)
            }
            #expect(ids.count == size)
            for var name in names { #expect(name.withUTF8 { ids.index(of: UnsafeRawBufferPointer($0)) } != nil) }
            ids.removeAll()
            #expect(ids.count == 0)
            for var name in names { #expect(!name.withUTF8 { ids.contains(UnsafeRawBufferPointer($0)) }) }
        }
    }

    /// The index's hash reads words, not bytes: a change of any one byte of an id of 1 to 40 bytes (each
    /// word, the overlapping last word, the 4-byte halves and the 1-to-3-byte picks) changes it, and so
    /// does the length alone (trailing zero bytes).
    @Test func everyByteOfAnIdChangesItsHash() {
        var missed: [String] = []
        for count in 1...40 {
            let id = (0..<count).map { UInt8(truncatingIfNeeded: 0x41 + $0 * 7) }
            let hash = id.withUnsafeBytes { KnownIDs.hash($0) }
            for position in 0..<count {
                for flip: UInt8 in [0x01, 0x80, 0x20] {
                    var changed = id
                    changed[position] ^= flip
                    if changed.withUnsafeBytes({ KnownIDs.hash($0) }) == hash { missed.append("\(count):\(position):\(flip)") }
                }
            }
            let longer = (id + [0]).withUnsafeBytes { KnownIDs.hash($0) }
            if longer == hash { missed.append("\(count)+0") }
        }
        #expect(missed == [])
        #expect([UInt8]().withUnsafeBytes { KnownIDs.hash($0) } != [0].withUnsafeBytes { KnownIDs.hash($0) })
    }

    /// Ids that differ in a few digits only (M's participant ids and segment ids) spread over the index:
    /// 20,000 of them fall into nearly as many of 65,536 slots as random numbers would (about 17,200).
    @Test func similarIdsSpreadOverTheIndex() {
        for pattern in ["KZ-P%05d", "UK-P%05d-S003", "%d"] {
            var slots = Set<Int>()
            for number in 1...20_000 {
                var id = String(format: pattern, number)
                id.withUTF8 { _ = slots.insert(KnownIDs.hash(UnsafeRawBufferPointer($0)) & 0xFFFF) }
            }
            #expect(slots.count > 16_500, "\(pattern): \(slots.count) slots")
        }
    }

    @Test func wholeNumbersAreReadAsIntReadsThem() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pieces = ["0", "1", "9", "5", "+", "-", " ", "a", "٣", "00", "99999"]
        var texts = ["", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "000000000000000000012"]
        for _ in 0..<20_000 { texts.append((0..<random(24)).map { _ in pieces[random(pieces.count)] }.joined()) }
        let disagreements = texts.filter { text in
            Array(text.utf8).withUnsafeBytes { SegmentsLoader.wholeNumber($0) } != Int(text)
        }
        #expect(disagreements == [])
        #expect(texts.filter { Int($0) != nil }.count > 1_000)
    }
}

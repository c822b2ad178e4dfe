@testable import Ingest
import Statistics
import Storage
import Testing

/// The ingest's table of ids and first lines against the `[String: Int]` it replaced.
@Suite struct IDTableTests {
    /// Pieces of ids: ASCII, an accent precomposed and decomposed, the Kelvin sign (canonically "K"),
    /// Cyrillic, and a long run.
    static let pieces = ["P", "-", "0", "7", "K", "\u{212A}", "é", "e\u{301}", "Қ", "x", String(repeating: "long", count: 40)]

    static func id(_ random: inout SeededGenerator) -> String {
        (0..<(1 + random.uniform(below: 6))).map { _ in pieces[random.uniform(below: pieces.count)] }.joined()
    }

    /// Random ids, many met twice or more, some only canonically equal (`é` and `e` + U+0301, `K` and
    /// U+212A): the first line of each id and the duplicates are those of a `[String: Int]`; the table
    /// grows through several rehashes from empty; `contains` by `String` and by the bytes of any
    /// spelling agrees with the dictionary.
    @Test func firstLinesAreThoseOfAStringDictionary() {
        var random = SeededGenerator(seed: 12)
        var table = IDTable()
        var dictionary: [String: Int] = [:]
        var duplicates = 0
        var disagreements = 0
        for line in 2..<20_002 {
            // Serial ids (as a study's) grow the table; random ones repeat one another.
            let id = random.uniform(below: 3) == 0 ? "KZ-P\(line)" : Self.id(&random)
            let first = table.firstLine(of: id, notingLine: line)
            if first != dictionary[id] { disagreements += 1 }
            if first != nil { duplicates += 1 } else { dictionary[id] = line }
        }
        #expect(table.count == dictionary.count)
        for _ in 0..<20_000 {
            let candidate = random.uniform(below: 2) == 0 ? Self.id(&random) : "KZ-P\(random.uniform(below: 30_000))"
            let known = dictionary[candidate] != nil
            if table.contains(candidate) != known { disagreements += 1 }
            if table.firstLine(of: candidate) != dictionary[candidate] { disagreements += 1 }
            if Array(candidate.utf8).withUnsafeBytes({ table.contains($0) }) != known { disagreements += 1 }
        }
        #expect(disagreements == 0)
        #expect(duplicates > 3_000 && dictionary.count > 8_000)
        // Canonically equal spellings are one id, as in the dictionary.
        #expect(table.contains("e\u{301}") == table.contains("é"))
        #expect(table.contains("\u{212A}") == table.contains("K"))
    }

    /// The empty id, and ids met in a set (the cases of a project).
    @Test func emptyAndListedIDs() {
        var table = IDTable()
        #expect(!table.contains(""))
        #expect(table.firstLine(of: "", notingLine: 4) == nil)
        #expect(table.firstLine(of: "", notingLine: 9) == 4)
        #expect([UInt8]().withUnsafeBytes { table.contains($0) })
        let listed = IDTable(Set(["a", "é", "B"]))
        #expect(listed.count == 3 && listed.contains("e\u{301}") && listed.contains("a") && !listed.contains("b"))
    }

    /// `KnownIDs` grown one id at a time numbers the distinct byte strings as a list of them does.
    @Test func knownIDsGrowAsAListOfDistinctBytes() {
        var random = SeededGenerator(seed: 7)
        var known = KnownIDs()
        var distinct: [[UInt8]: Int] = [:]
        for _ in 0..<30_000 {
            let bytes = (0..<random.uniform(below: 4)).map { _ in UInt8(random.uniform(below: 256)) }
                + Array("\(random.uniform(below: 12_000))".utf8)
            let (index, inserted) = bytes.withUnsafeBytes { known.insert($0) }
            if let number = distinct[bytes] {
                #expect(!inserted && index == number)
            } else {
                #expect(inserted && index == distinct.count)
                distinct[bytes] = distinct.count
            }
        }
        #expect(known.count == distinct.count)
        let misses = (0..<5_000).filter { _ in
            let bytes = Array("\(random.uniform(below: 20_000))".utf8)
            return bytes.withUnsafeBytes { known.index(of: $0) } != distinct[bytes]
        }
        #expect(misses.isEmpty)
    }

    /// The stored positions of participants (for the summaries written as `segments.csv` is read): an id's
    /// position is found by the bytes of an ASCII id, as the store finds it; a non-ASCII id, whose stored
    /// bytes may not be the table's (its NFC form), and an id met but not stored have none.
    @Test func positionsAreFoundByTheBytesOfASCIIIDs() {
        var table = IDTable()
        var random = SeededGenerator(seed: 5)
        var expected: [String: Int] = [:]
        var stored = 0
        for line in 2..<3_002 {
            let id = random.uniform(below: 4) == 0 ? Self.id(&random) : "KZ-P\(random.uniform(below: 2_000))"
            // Stored when met first and not a rejected row (every fifth here).
            guard table.firstLine(of: id, notingLine: line) == nil, line % 5 != 0 else { continue }
            table.note(position: stored, of: id)
            expected[id] = stored
            stored += 1
        }
        var found = 0
        var disagreements = 0
        for id in Set(expected.keys).union((0..<3_000).map { "KZ-P\($0)" }) {
            let position = Array(id.utf8).withUnsafeBytes { table.position(of: $0) }
            let isASCII = id.utf8.allSatisfy { $0 < 0x80 }
            if position != (isASCII ? expected[id] : nil) { disagreements += 1 }
            if position != nil { found += 1 }
        }
        #expect(disagreements == 0)
        #expect(found > 1_000)
    }
}

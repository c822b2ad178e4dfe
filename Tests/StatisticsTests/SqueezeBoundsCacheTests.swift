@testable import Statistics
import Testing

/// The table of H2PE's squeeze bounds (``SqueezeBoundsCache``): whatever was kept before, a proposal's
/// bounds are the ones its own triple computes, found again when nothing took its entry since.
@Suite struct SqueezeBoundsCacheTests {
    /// A stand-in for the bounds: a different pair for every triple and proposal.
    static func bounds(_ white: Int, _ black: Int, _ draws: Int, _ proposal: Int) -> (upper: Double, lower: Double) {
        (Double(white) * 1e-3 + Double(black) * 1e-7 + Double(draws) * 1e5 + Double(proposal) * 1e11,
         -Double(white ^ (black << 20) ^ (draws << 40)) - Double(proposal) / 7)
    }

    /// Triples that share a slot or an urn, white and black swapped, proposals that wrap around the table,
    /// asked in a random order: every answer is the triple's own, and repeated questions are answered
    /// from the table unless another triple's proposal took the entry in between.
    @Test func boundsAreTheTriplesOwn() {
        var generator = SeededGenerator(seed: 17_001)
        var cache = SqueezeBoundsCache()
        let triples: [(white: Int, black: Int, draws: Int, slot: Int)] = [
            (3_000, 17_000, 9_000, 5), (17_000, 3_000, 9_000, 5), (3_000, 17_000, 9_001, 5),
            (3_000, 17_000, 9_000, 6), (1, 2_000_000_000, 7, 4_095), (2_000_000_000, 1, 7, 0),
        ]
        var computed = 0
        var asked = 0
        // Which key each of the table's entries holds, as the table should.
        var held: [Int: [Int]] = [:]
        for _ in 0..<200_000 {
            let (white, black, draws, slot) = triples[generator.uniform(below: triples.count)]
            let proposal = generator.chance(0.5)
                ? 3_000 + generator.uniform(below: 60) : generator.uniform(in: 0...Int(Int32.max) - 1)
            let expected = Self.bounds(white, black, draws, proposal)
            var wasComputed = false
            let found = cache.withEntries { entries in
                SqueezeBoundsCache.Triple(entries: entries, white: white, black: black, draws: draws, setupSlot: slot)
                    .bounds(of: proposal) {
                        wasComputed = true
                        return Self.bounds(white, black, draws, proposal)
                    }
            }
            #expect(found.upper.bitPattern == expected.upper.bitPattern && found.lower.bitPattern == expected.lower.bitPattern)
            let key = [white, black, draws, proposal]
            let entry = (Int(UInt32(truncatingIfNeeded: slot) &* 2_654_435_761 >> 18) &+ proposal) & (SqueezeBoundsCache.slots - 1)
            #expect(wasComputed == (held[entry] != key))
            held[entry] = key
            asked += 1
            if wasComputed { computed += 1 }
        }
        // Many of the close proposals were found again (tens of thousands); the far ones hardly ever.
        #expect(computed > 100_000 && computed < asked - 20_000, "\(computed) of \(asked) computed")
    }
}

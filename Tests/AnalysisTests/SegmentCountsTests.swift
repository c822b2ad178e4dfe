@testable import Analysis
import Testing

/// The byte-a-count table gives every count and sum a plain array of integers gives, across 255.
@Suite struct SegmentCountsTests {
    @Test func countsAndSumsEqualAPlainArrayAcrossTheOneByteLimit() {
        var random = TestRandom(seed: 12_345)
        let size = 64
        var counts = SegmentCounts(size: size)
        var plain = Array(repeating: 0, count: size)
        for step in 0..<5_000 {
            let index = random.next(size)
            // Mostly single segments, now and then a large batch (over 255 at once).
            let amount = step % 97 == 0 ? 200 + random.next(400) : random.next(4)
            counts.add(amount, at: index)
            plain[index] += amount
        }
        #expect(plain.contains { $0 > 255 } && plain.contains { $0 < 255 })
        #expect((0..<size).map { counts[$0] } == plain)
        for start in stride(from: 0, to: size, by: 8) {
            #expect(counts.sum(start..<(start + 8)) == plain[start..<(start + 8)].reduce(0, +))
        }
        #expect(counts.sum(0..<size) == plain.reduce(0, +))
    }

    @Test func aCountOfExactly255IsKeptExactly() {
        var counts = SegmentCounts(size: 2)
        counts.add(254, at: 0)
        #expect(counts[0] == 254)
        counts.add(1, at: 0)
        #expect(counts[0] == 255)
        counts.add(1, at: 0)
        #expect(counts[0] == 256 && counts[1] == 0 && counts.sum(0..<2) == 256)
    }
}

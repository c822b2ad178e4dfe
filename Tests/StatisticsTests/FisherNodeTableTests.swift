@testable import Statistics
import Testing

/// The flat tables behind the network algorithm: the node index by packed key, and the shared
/// log-factorials.
@Suite struct FisherNodeTableTests {
    @Test func nodeTableFindsWhatADictionaryFinds() {
        var generator = SeededGenerator(seed: 11)
        var table = NodeTable(capacity: 300)
        for round in 0..<3 {
            var expected: [Int: Int] = [:]
            for _ in 0..<2_000 {
                // Keys from a small range so that many repeat, and some colliding high bits.
                let key = generator.uniform(below: 600) * (round == 1 ? 1 << 40 : 7)
                let slot = table.slot(of: key)
                let node = table.node(at: slot)
                #expect(node == (expected[key] ?? -1))
                if node < 0, expected.count < 300 {
                    table.insert(key, node: expected.count, at: slot)
                    expected[key] = expected.count
                }
            }
            #expect(expected.count == 300)
            table.removeAll()
            #expect(table.node(at: table.slot(of: 0)) == -1)
        }
    }

    @Test func logFactorialsAreLogGammaWhicheverTableAskedFirst() {
        let small = LogFactorials(upTo: 10)
        let large = LogFactorials(upTo: 5_000)
        for k in 0...10 {
            #expect(small[k] == large[k])
            #expect(small[k] == Distribution.logGamma(Double(k) + 1))
        }
        for k in [11, 170, 171, 4_999, 5_000] {
            #expect(large[k] == Distribution.logGamma(Double(k) + 1))
        }
        #expect(LogFactorials(upTo: 0)[1] == 0)
    }
}

import Dispatch
@testable import Statistics
import Synchronization
import Testing

/// The cache of Fisher's tests beyond enumeration: a second test of a table is the first one's result,
/// and a cached test equals the test computed afresh.
@Suite struct FisherTestCacheTests {
    @Test func aTableIsComputedOnceAndLookedUpAfter() {
        // A table no other test uses (its counts are unlike any real table's).
        let table = ContingencyTable([[7_919, 1, 2], [3, 7_907, 5]])
        var computed = 0
        let first = FisherTestCache.test(of: table) {
            computed += 1
            return FisherExactTest(p: 0.25, method: .exact)
        }
        let second = FisherTestCache.test(of: table) {
            computed += 1
            return FisherExactTest(p: 0.5, method: .exact)
        }
        #expect(computed == 1)
        #expect(first == second && second.p == 0.25)
    }

    @Test func threadsAskingForATableAtOnceComputeItOnce() {
        // A table no other test uses; eight threads ask for it while the first computation is under way.
        let table = ContingencyTable([[7_877, 3, 1], [2, 7_883, 4]])
        let computations = Atomic(0)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let results = Mutex<[FisherExactTest]>([])
        let group = DispatchGroup()
        for thread in 0..<8 {
            DispatchQueue.global().async(group: group) {
                let test = FisherTestCache.test(of: table) {
                    computations.add(1, ordering: .relaxed)
                    started.signal()
                    release.wait()
                    return FisherExactTest(p: 0.125, method: .exact)
                }
                results.withLock { $0.append(test) }
            }
            if thread == 0 {
                started.wait()
                #expect(FisherExactTest.isBeingComputed(table))
            }
        }
        release.signal()
        group.wait()
        #expect(computations.load(ordering: .relaxed) == 1)
        #expect(!FisherExactTest.isBeingComputed(table))
        let all = results.withLock { $0 }
        #expect(all.count == 8 && all.allSatisfy { $0 == FisherExactTest(p: 0.125, method: .exact) })
    }

    @Test func aCachedTestEqualsTheTestComputedAfresh() throws {
        // Random 2 × k and 3 × k tables large enough for the network algorithm or Monte Carlo.
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<6 {
            let columns = generator.uniform(in: 4...8)
            let rows = generator.uniform(in: 2...3)
            let table = ContingencyTable((0..<rows).map { _ in (0..<columns).map { _ in generator.uniform(in: 20...400) } })
            #expect(FisherExactTest.tableCountBound(table) > Double(FisherExactTest.enumerationLimit))
            let fresh = try #require(FisherExactTest(uncached: table))
            let first = try #require(FisherExactTest(table))
            let again = try #require(FisherExactTest(table))
            #expect(first == fresh && again == fresh)
        }
    }
}

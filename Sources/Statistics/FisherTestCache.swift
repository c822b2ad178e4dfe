import Synchronization

/// The p-values of Fisher's tests that took the network algorithm or Monte Carlo, by table, for the
/// life of the process: an analysis tests the same table more than once (a factor category's row in
/// the table of barriers and in the table of factor categories over the same groups), and the result
/// depends on the table alone (Monte Carlo draws from a fixed seed), so the second test is a look-up.
///
/// Tables small enough to enumerate are not kept: enumerating them costs about what a look-up does.
/// Safe to use from several threads; two threads testing the same new table both compute it, with
/// the same result.
enum FisherTestCache {
    /// At most this many tables are kept; beyond it, nothing more is stored (a run tests a few hundred
    /// large tables).
    static let capacity = 4_096

    private static let results = Mutex<[[[Int]]: FisherExactTest]>([:])

    /// The test of `table` (oriented and without empty margins), computed by `compute` unless a test of
    /// the same table was computed before.
    static func test(of table: ContingencyTable, compute: () -> FisherExactTest) -> FisherExactTest {
        if let known = results.withLock({ $0[table.counts] }) { return known }
        let test = compute()
        results.withLock { results in
            if results.count < capacity { results[table.counts] = test }
        }
        return test
    }
}

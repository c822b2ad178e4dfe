import Dispatch
import Synchronization

/// The p-values of Fisher's tests that took the network algorithm or Monte Carlo, by table, for the
/// life of the process: an analysis tests the same table more than once (a factor category's row in
/// the table of barriers and in the table of factor categories over the same groups), and the result
/// depends on the table alone (Monte Carlo draws from a fixed seed), so the second test is a look-up.
///
/// Tables small enough to enumerate are not kept: enumerating them costs about what a look-up does.
/// Safe to use from several threads. A table is computed once: a thread asking for a table that
/// another thread is computing waits for that result instead of computing it too (at M the two tables
/// over country and role started together and both computed their first shared row: a Monte Carlo test
/// and the network run that gave up before it, about 30 M instructions).
enum FisherTestCache {
    /// At most this many tables are kept; beyond it, nothing more is stored (a run tests a few hundred
    /// large tables).
    static let capacity = 4_096

    /// A table's entry: its test, or, while a thread computes it, a group that thread has entered and
    /// leaves once the test is stored.
    private enum Entry: Sendable {
        case computed(FisherExactTest)
        case computing(DispatchGroup)
    }

    /// What a thread asking for a table does.
    private enum Claim: Sendable {
        case known(FisherExactTest)
        case wait(DispatchGroup)
        /// Compute it and store it, then leave the group.
        case compute(DispatchGroup)
        /// Compute it without storing it (the cache is full).
        case computeUnstored
    }

    private static let entries = Mutex<[[[Int]]: Entry]>([:])

    /// Whether a thread is computing the test of `table` (oriented and without empty margins) now.
    static func isBeingComputed(_ table: ContingencyTable) -> Bool {
        entries.withLock { entries in
            if case .computing = entries[table.counts] { return true }
            return false
        }
    }

    /// The test of `table` (oriented and without empty margins), computed by `compute` unless a test of
    /// the same table was computed before or is being computed on another thread (then its result).
    static func test(of table: ContingencyTable, compute: () -> FisherExactTest) -> FisherExactTest {
        while true {
            let claim = entries.withLock { entries -> Claim in
                switch entries[table.counts] {
                case .computed(let test): return .known(test)
                case .computing(let group): return .wait(group)
                case nil:
                    guard entries.count < capacity else { return .computeUnstored }
                    let group = DispatchGroup()
                    group.enter()
                    entries[table.counts] = .computing(group)
                    return .compute(group)
                }
            }
            switch claim {
            case .known(let test):
                return test
            case .wait(let group):
                // The computing thread never waits for another table, so this wait always ends.
                group.wait()
            case .compute(let group):
                let test = compute()
                entries.withLock { $0[table.counts] = .computed(test) }
                group.leave()
                return test
            case .computeUnstored:
                return compute()
            }
        }
    }
}

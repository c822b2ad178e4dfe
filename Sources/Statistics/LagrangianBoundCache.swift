import Synchronization

/// ``FisherNetwork``'s Lagrangian bounds by node, for the life of the process: the bound of a node is a
/// function of its remaining row totals and the remaining column totals alone (and of log k!, the same
/// values in every test), and the row tables of one crosstab share their column totals, so their networks
/// meet many of the same nodes (at S, 2,833 bounds asked for, 298 distinct). A bound found here is the
/// `Double` its computation gave.
///
/// Safe to use from several threads; two threads asking for a new node at once both compute it (the same
/// value). At most ``capacity`` nodes are kept; beyond that, bounds are computed and not stored.
enum LagrangianBoundCache {
    /// At most this many nodes are kept (about 100 bytes each: the key's arrays are the network's own).
    static let capacity = 16_384

    /// A node: its remaining row totals (descending) and column totals (ascending).
    private struct Node: Hashable {
        let rows: [Int]
        let columns: [Int]
    }

    private static let bounds = Mutex<[Node: Double]>([:])

    /// The bound of the node of remaining `rows` and `columns`, computed by `compute` unless known.
    static func bound(rows: [Int], columns: [Int], compute: () -> Double) -> Double {
        let node = Node(rows: rows, columns: columns)
        if let known = bounds.withLock({ $0[node] }) { return known }
        let value = compute()
        bounds.withLock { bounds in
            if bounds.count < capacity { bounds[node] = value }
        }
        return value
    }

    /// The number of nodes kept (for tests).
    static var count: Int { bounds.withLock { $0.count } }
}

/// H2PE's squeeze bounds of recent proposals (``HypergeometricH2PE``): for a parameter triple and a
/// proposed value, the upper and lower bounds on log(f(ix)/f(m)) that decide most proposals. They are a
/// pure function of the triple and the proposal (a dozen divisions and as many multiplications), and the
/// Monte Carlo test proposes the same values again and again (its first column's triple at every draw,
/// the rectangle's few dozen values around the mode), so a direct-mapped table keeps the last pair of each
/// slot. Keyed by the triple itself, so that an entry is right whichever setup wrote it.
struct SqueezeBoundsCache: Sendable {
    /// The bounds of one proposal under one triple.
    struct Entry: Sendable {
        /// white | black << 32 (0 | 0: the entry is empty; H2PE never draws from an empty urn).
        var urn: UInt64
        /// draws | proposal << 32.
        var drawsAndProposal: UInt64
        var upper: Double
        var lower: Double
    }

    /// The table's entries, a power of two (32 bytes each).
    static let slots = 1 << 14

    private var entries: [Entry]

    /// An empty table.
    init() {
        entries = Array(repeating: Entry(urn: 0, drawsAndProposal: 0, upper: 0, lower: 0), count: Self.slots)
    }

    private init(entries: [Entry]) {
        self.entries = entries
    }

    /// A table without storage, to hold the place of one taken out for drawing (not to be looked into).
    static var placeholder: SqueezeBoundsCache { SqueezeBoundsCache(entries: []) }

    /// Runs `body` with the table's storage (``Triple`` reads and writes it).
    mutating func withEntries<Result>(_ body: (UnsafeMutablePointer<Entry>) -> Result) -> Result {
        entries.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    /// The table seen from one triple: its proposals' entries are neighbours (home + proposal).
    struct Triple {
        fileprivate let entries: UnsafeMutablePointer<Entry>
        fileprivate let urn: UInt64
        fileprivate let draws: UInt64
        fileprivate let home: Int

        /// The table at `entries` seen from the triple (`white`, `black`, `draws`), all below 2³¹;
        /// `setupSlot` is the triple's hash, which spreads triples over the table.
        @inline(__always)
        init(entries: UnsafeMutablePointer<Entry>, white: Int, black: Int, draws: Int, setupSlot: Int) {
            self.entries = entries
            urn = UInt64(truncatingIfNeeded: white) | UInt64(truncatingIfNeeded: black) << 32
            self.draws = UInt64(truncatingIfNeeded: draws)
            home = Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: setupSlot) &* 2_654_435_761 >> 18)
        }

        /// The bounds of `proposal` (0 ≤ proposal < 2³¹): the table's, or `compute()`'s, then kept.
        @inline(__always)
        func bounds(of proposal: Int, _ compute: () -> (upper: Double, lower: Double)) -> (upper: Double, lower: Double) {
            let entry = entries + ((home &+ proposal) & (SqueezeBoundsCache.slots - 1))
            let key = draws | UInt64(truncatingIfNeeded: proposal) << 32
            if entry.pointee.urn == urn, entry.pointee.drawsAndProposal == key {
                return (entry.pointee.upper, entry.pointee.lower)
            }
            let bounds = compute()
            entry.pointee = Entry(urn: urn, drawsAndProposal: key, upper: bounds.upper, lower: bounds.lower)
            return bounds
        }
    }
}

import Statistics

/// Intercoder agreement as integer tallies, gathered one unit (a participant coded by two or more
/// coders) at a time while the store is read: no unit is kept. Per code, Krippendorff's α from the
/// per-unit coder and presence counts (``BinaryAlpha``); per pair of coders, the units both coded and,
/// per code, the three counts of the 2×2 table that with the units give the fourth (κ, AC1, PABAK).
/// ``AgreementBuilder`` picks the pair afterwards.
///
/// - Complexity: per unit O(codes + coder pairs × codes applied); memory O(codes × coder pairs).
public struct AgreementTally: Sendable {
    /// Two coders, their names in sorted order (`first` < `second`).
    public struct CoderPair: Hashable, Sendable {
        public var first: String
        public var second: String
    }

    /// The units a pair of coders both coded, and per code how often both, only the first or only the
    /// second applied it.
    public struct PairTally: Sendable, Equatable {
        public var units = 0
        public var bothPresent: [Int]
        public var firstOnly: [Int]
        public var secondOnly: [Int]

        init(codeCount: Int) {
            bothPresent = Array(repeating: 0, count: codeCount)
            firstOnly = bothPresent
            secondOnly = bothPresent
        }
    }

    public let codeCount: Int
    /// The units added.
    public private(set) var units = 0
    /// α's tally per code (codebook index).
    public private(set) var alphas: [BinaryAlpha]
    public private(set) var pairs: [CoderPair: PairTally] = [:]
    /// Coders marking each code present in the unit being added (all zero between units).
    private var presences: [Int]

    public init(codeCount: Int) {
        self.codeCount = codeCount
        alphas = Array(repeating: BinaryAlpha(), count: codeCount)
        presences = Array(repeating: 0, count: codeCount)
    }

    /// Every coder of the units added, sorted.
    public var coders: [String] {
        Set(pairs.keys.flatMap { [$0.first, $0.second] }).sorted()
    }

    /// Adds the units of `other`, a tally of the same codes: the tally of the units of both, as if they
    /// had been added to one (every tally is a sum, so the order of the units does not matter).
    public mutating func merge(_ other: AgreementTally) {
        precondition(other.codeCount == codeCount, "tallies of the same codes")
        units += other.units
        for code in 0..<codeCount { alphas[code].merge(other.alphas[code]) }
        for (key, theirs) in other.pairs {
            guard var tally = pairs.removeValue(forKey: key) else {
                pairs[key] = theirs
                continue
            }
            tally.units += theirs.units
            for code in 0..<codeCount {
                tally.bothPresent[code] += theirs.bothPresent[code]
                tally.firstOnly[code] += theirs.firstOnly[code]
                tally.secondOnly[code] += theirs.secondOnly[code]
            }
            pairs[key] = tally
        }
    }

    /// Adds a unit: its coders (sorted, at least two) and the codes each applied (codebook indices,
    /// ascending, each once; empty for a coder assigned the unit who applied none).
    public mutating func add(coders: [String], codes: [[Int]]) {
        precondition(coders.count >= 2 && coders.count == codes.count, "a unit has two or more coders, a code list each")
        units += 1
        for list in codes {
            for code in list { presences[code] += 1 }
        }
        for code in 0..<codeCount {
            alphas[code].add(coders: coders.count, present: presences[code])
            presences[code] = 0
        }
        for first in coders.indices {
            for second in (first + 1)..<coders.count {
                let key = CoderPair(first: coders[first], second: coders[second])
                var tally = pairs[key] ?? PairTally(codeCount: codeCount)
                pairs[key] = nil
                tally.units += 1
                // Both code lists are ascending: merge them.
                let a = codes[first], b = codes[second]
                var i = 0, j = 0
                while i < a.count || j < b.count {
                    if j == b.count || (i < a.count && a[i] < b[j]) {
                        tally.firstOnly[a[i]] += 1
                        i += 1
                    } else if i == a.count || b[j] < a[i] {
                        tally.secondOnly[b[j]] += 1
                        j += 1
                    } else {
                        tally.bothPresent[a[i]] += 1
                        i += 1
                        j += 1
                    }
                }
                pairs[key] = tally
            }
        }
    }
}

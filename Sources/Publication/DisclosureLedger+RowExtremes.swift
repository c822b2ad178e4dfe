import Analysis

extension DisclosureLedger {
    /// A hidden code count's exact interval in its own row's program, with a point of that program at
    /// each end (``LinearProgram/Region/extremes(of:)``): what its interval in the program of a pair of
    /// codes is found from, when the points complete to points of that program
    /// (``rangeInPair(number:in:)``).
    struct RowExtremes {
        let min: Double
        let max: Double
        /// At the minimum, then at the maximum: the code's counts per atom (`x[a]`) at a point of the row
        /// program where the count takes that value, and each vector of group sizes (`n[a]`) with which
        /// they are a point of the row program (to 1e-7): the true sizes, the point's own, or both, in
        /// that order.
        let ends: [(counts: [Double], sizes: [[Double]])]
    }

    /// What a pair space's code row says before the pairs are protected (``codeRow(_:)``).
    struct CodeRow {
        /// The audit's answers of the row's program: each hidden count's interval, in the ledger's order.
        let audited: AuditedPair
        let extremes: [(number: Int, extremes: RowExtremes?)]
        /// Whether the row's program holds at the code's true counts and the true group sizes.
        let holdsAtTruth: Bool
    }

    /// The code rows of the pair spaces (a code paired with another), in the ledger's order of spaces.
    func pairedCodeRows() -> [Space] {
        var seen = Set<Space>()
        var rows: [Space] = []
        for space in spaces {
            guard case .pair(let first, let second) = space, first != second else { continue }
            for row in pairedRows(space) where seen.insert(row).inserted { rows.append(row) }
        }
        return rows
    }

    /// A pair space's code row (``CodeRow``): the exact interval of each of its hidden counts in the
    /// row's program, in the ledger's order (the audit's questions of that program, ``AuditQuestions``,
    /// in the order it asks them, from the region the cache keeps), with its ``RowExtremes`` (`nil` where
    /// a maximum is unbounded), and whether the true counts are a point of the program. The row's program
    /// reads no pair count, so all of it stands while the pairs of codes hide theirs.
    func codeRow(_ row: Space) -> CodeRow {
        let program = program(for: row)
        let check = LinearProgram.ConstraintCheck(program)
        let atoms = basis.profiles.count
        let sizes = basis.participants.map(Double.init)
        let holdsAtTruth = basisCounts[row].map { check.holds(at: $0.map(Double.init) + sizes, tolerance: 1e-7) } ?? false
        let hidden = numbers(in: row).filter { entry(number: $0).hidden != nil }
        var intervals: [(lower: Int, upper: Int?)] = []
        var extremes: [(number: Int, extremes: RowExtremes?)] = []
        if !hidden.isEmpty {
            let region = region(of: program, in: row)
            for number in hidden {
                let found = region?.extremes(of: terms(quantities[number], in: row))
                intervals.append(Self.interval(of: found.map { ($0.min, $0.max) }))
                let ends = found.flatMap { found in
                    found.max.map { max in
                        RowExtremes(min: found.min, max: max, ends: [found.lowest, found.highest!].map { point in
                            let counts = Array(point[..<atoms])
                            return (counts, [sizes, Array(point[atoms...])].filter { check.holds(at: counts + $0, tolerance: 1e-7) })
                        })
                    }
                }
                extremes.append((number, ends))
            }
        }
        let audited = AuditedPair(quantities: hidden.map { quantities[$0] }, intervals: intervals)
        return CodeRow(audited: audited, extremes: extremes, holdsAtTruth: holdsAtTruth)
    }

    /// What completes the code rows' ends to points of a pair space's program as the ledger stands
    /// (``rangeInPair(number:in:)``): its codes, its published pair counts, the codes' true counts, and
    /// whether each code's row program holds at them.
    struct PairCompletion {
        let codes: [String]
        let pairCounts: [(atoms: [Int], value: Double)]
        let counts: [[Double]]
        let holdsAtTruth: [Bool]
    }

    /// The ``PairCompletion`` of a pair space; `nil` for another space or a pair of a code with itself.
    func pairCompletion(of space: Space) -> PairCompletion? {
        guard case .pair(let first, let second) = space, first != second,
            let a = basisCounts[.row(kind: .code, id: first)], let b = basisCounts[.row(kind: .code, id: second)]
        else { return nil }
        let pairCounts = numbers(in: space).compactMap { number -> (atoms: [Int], value: Double)? in
            let entry = entry(number: number)
            return entry.hidden == nil ? (quantities[number].atoms, Double(entry.value)) : nil
        }
        return PairCompletion(
            codes: [first, second], pairCounts: pairCounts, counts: [a.map(Double.init), b.map(Double.init)],
            holdsAtTruth: [codesAtTruth.contains(first), codesAtTruth.contains(second)])
    }

    /// The same as ``rangeInPair(number:in:)``, given the pair space.
    func rangeInPair(number: Int, space: Space) -> (min: Double, max: Double?)? {
        pairCompletion(of: space).flatMap { rangeInPair(number: number, in: $0) }
    }

    /// The exact minimum and maximum, in a pair space's program as the ledger stands, of the hidden count
    /// numbered `number`, found without optimising it: a count of one of its codes from the code's row
    /// (``codeRangeInPair(_:extremes:in:)``), a pair count from the codes' published counts
    /// (``pairCountRange(_:in:)``). `nil` when it cannot be so: the program must be asked.
    func rangeInPair(number: Int, in completion: PairCompletion) -> (min: Double, max: Double?)? {
        switch quantities[number] {
        case .row(.code, let id, _):
            guard let extremes = codeExtremes[number], let code = completion.codes.firstIndex(of: id) else { return nil }
            return codeRangeInPair(code, extremes: extremes, in: completion)
        case .pair(let first, let second, let atoms) where [first, second] == completion.codes:
            return pairCountRange(atoms, in: completion)
        default:
            return nil
        }
    }

    /// A hidden count of the pair's first code (`code` 0) or second (1). The pair's program
    /// (``program(for:treatingAsHidden:)``) holds every constraint of the code's row program but
    /// `x ≤ n`, which Fréchet's bounds imply (its published counts and linked bounds, the published group
    /// sizes), so the count's interval there lies within its row's; and it is the row's when both ends
    /// are reached there too. A point of the pair's program at an end: the end's counts with group sizes
    /// that keep them a point of the row's program (``RowExtremes``), the other code's true counts (its
    /// published counts and linked bounds hold at them, as its row program does), and pair counts
    /// (``completes(_:_:sizes:pairCounts:)``) that meet Fréchet's bounds and the published pair counts,
    /// which are the program's other constraints. `nil` when an end has no such point.
    private func codeRangeInPair(_ code: Int, extremes: RowExtremes, in completion: PairCompletion) -> (min: Double, max: Double?)? {
        guard completion.holdsAtTruth[1 - code] else { return nil }
        let other = completion.counts[1 - code]
        for end in extremes.ends where !end.sizes.contains(where: { sizes in
            let (x, y) = code == 0 ? (end.counts, other) : (other, end.counts)
            return Self.completes(x, y, sizes: sizes, pairCounts: completion.pairCounts)
        }) {
            return nil
        }
        return (extremes.min, extremes.max)
    }

    /// A hidden pair count over `atoms` whose codes' counts `A` and `B` and group size `n` over the same
    /// atoms are published: summing Fréchet's bounds over its atoms, `max(0, A + B − n) ≤ both ≤ min(A, B)`
    /// in the pair's program; and these ends are its interval when the codes' counts, the true group
    /// sizes and pair counts meeting Fréchet's bounds, the published pair counts and the end
    /// (``completes(_:_:sizes:pairCounts:)``) are a point of the program at each: its other constraints are
    /// the codes' rows', which hold at their true counts, and at a hidden count's end whose point holds its
    /// row's program with the true sizes (``RowExtremes``). `nil` otherwise.
    private func pairCountRange(_ atoms: [Int], in completion: PairCompletion) -> (min: Double, max: Double?)? {
        func published(_ quantity: Quantity) -> Int? {
            number(of: quantity).flatMap { entry(number: $0).hidden == nil ? entry(number: $0).value : nil }
        }
        guard completion.holdsAtTruth == [true, true],
            let a = published(.row(kind: .code, id: completion.codes[0], atoms: atoms)),
            let b = published(.row(kind: .code, id: completion.codes[1], atoms: atoms)),
            let n = published(.participants(atoms: atoms))
        else { return nil }
        let ends = (min: Double(max(0, a + b - n)), max: Double(min(a, b)))
        let sizes = basis.participants.map(Double.init)
        // The codes' counts: both true, else one code's at an end of one of its hidden counts (a point of
        // its row's program with the true sizes) and the other's true.
        var others: [([Double], [Double])]?
        func alternatives() -> [([Double], [Double])] {
            if let others { return others }
            var found: [([Double], [Double])] = []
            for (code, id) in completion.codes.enumerated() {
                for number in numbers(in: .row(kind: .code, id: id)) {
                    for end in codeExtremes[number]?.ends ?? [] where end.sizes.contains(sizes) {
                        found.append(code == 0 ? (end.counts, completion.counts[1]) : (completion.counts[0], end.counts))
                    }
                }
            }
            others = found
            return found
        }
        for end in [ends.min, ends.max] {
            let pairCounts = [(atoms, end)] + completion.pairCounts
            guard Self.completes(completion.counts[0], completion.counts[1], sizes: sizes, pairCounts: pairCounts)
                || alternatives().contains(where: { Self.completes($0.0, $0.1, sizes: sizes, pairCounts: pairCounts) })
            else { return nil }
        }
        return ends
    }

    /// Whether the pair's codes' counts `x` and `y` (per atom) and the group sizes `sizes` complete to a
    /// point of Fréchet's bounds meeting the pair counts `pairCounts` (to 1e-7): each atom's pair count
    /// starts at its lower bound `max(0, x + y − n)` and is raised towards its upper bound `min(x, y)` atom
    /// by atom, in order, until each pair count is reached, in turn; then every bound and every pair count
    /// must hold.
    private static func completes(_ x: [Double], _ y: [Double], sizes: [Double], pairCounts: [(atoms: [Int], value: Double)]) -> Bool {
        let tolerance = 1e-7
        let atoms = sizes.count
        // Each atom's pair count, then the room left to its upper bound (a buffer of the stack).
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * atoms) { buffer in
            guard let both = buffer.baseAddress else { return true }
            let room = both + atoms
            for atom in 0..<atoms {
                let (x, y, n) = (x[atom], y[atom], sizes[atom])
                guard x >= -tolerance, y >= -tolerance, n >= -tolerance else { return false }
                both[atom] = max(0, x + y - n)
                room[atom] = min(x, y) - both[atom]
                guard room[atom] >= -tolerance else { return false }
            }
            for (set, value) in pairCounts {
                var missing = value
                for atom in set { missing -= both[atom] }
                for atom in set where missing > 0 && room[atom] > 0 {
                    let added = min(missing, room[atom])
                    both[atom] += added
                    room[atom] -= added
                    missing -= added
                }
            }
            for (set, value) in pairCounts {
                var sum = 0.0
                for atom in set { sum += both[atom] }
                guard abs(sum - value) <= tolerance else { return false }
            }
            return true
        }
    }
}

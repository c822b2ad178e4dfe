/// A small linear program over non-negative variables, solved by the two-phase simplex method: the tool disclosure control uses to find, for a hidden count, the
/// smallest and largest values consistent with everything a report publishes.
///
/// Constraints are equalities `Σ aᵢxᵢ = b` and inequalities `Σ aᵢxᵢ ≤ b`; every variable is ≥ 0.
/// Pivoting follows Dantzig's rule, and Bland's after many pivots, so the method always ends.
/// ``range(of:)`` minimises and maximises a linear objective over them.
///
/// Reference: Dantzig (1963), *Linear Programming and Extensions*; Bland (1977), "New finite pivoting
/// rules for the simplex method", *Mathematics of Operations Research* 2(2).
struct LinearProgram {
    /// One term of a linear expression: a variable's index and its coefficient.
    typealias Term = (variable: Int, coefficient: Double)

    let variableCount: Int
    private(set) var equalities: [([Term], Double)] = []
    private(set) var inequalities: [([Term], Double)] = []

    init(variables: Int) {
        variableCount = variables
    }

    mutating func require(_ terms: [Term], equals value: Double) {
        equalities.append((terms, value))
    }

    mutating func require(_ terms: [Term], atMost value: Double) {
        inequalities.append((terms, value))
    }

    /// Whether `other` has the same variables and the same constraints in the same order (then it has
    /// the same region).
    func hasSameConstraints(as other: LinearProgram) -> Bool {
        func same(_ a: [([Term], Double)], _ b: [([Term], Double)]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy(Self.same)
        }
        return variableCount == other.variableCount && same(equalities, other.equalities) && same(inequalities, other.inequalities)
    }

    /// The numbers of the equalities of this program that `other` lacks, when `other` is this program
    /// less some of its equalities (the same variables and inequalities, and its equalities these in
    /// the same order, less those); `nil` when it is not.
    func equalitiesRemoved(toGet other: LinearProgram) -> [Int]? {
        guard variableCount == other.variableCount, other.equalities.count <= equalities.count,
            inequalities.count == other.inequalities.count, zip(inequalities, other.inequalities).allSatisfy(Self.same)
        else { return nil }
        var removed: [Int] = []
        var next = 0
        for (number, equality) in equalities.enumerated() {
            if next < other.equalities.count, Self.same(equality, other.equalities[next]) { next += 1 } else { removed.append(number) }
        }
        return next == other.equalities.count ? removed : nil
    }

    /// Whether two constraints have the same terms, in the same order, and the same right-hand side.
    private static func same(_ x: ([Term], Double), _ y: ([Term], Double)) -> Bool {
        x.1 == y.1 && x.0.count == y.0.count && zip(x.0, y.0).allSatisfy { $0.variable == $1.variable && $0.coefficient == $1.coefficient }
    }

    /// Whether every constraint holds at `values` (a value per variable, none below −`tolerance`), each
    /// to within `tolerance`: then `values` is a point of the feasible region (to that tolerance).
    func holds(at values: [Double], tolerance: Double) -> Bool {
        ConstraintCheck(self).holds(at: values, tolerance: tolerance)
    }

    /// The same program without its `index`-th equality (in the order required).
    func removingEquality(at index: Int) -> LinearProgram {
        var program = self
        program.equalities.remove(at: index)
        return program
    }

    /// The minimum and maximum of `Σ terms` over the feasible region; `max` is `nil` when unbounded.
    /// `nil` when the constraints have no solution.
    func range(of objective: [Term]) -> (min: Double, max: Double?)? {
        region()?.range(of: objective)
    }

    /// The feasible region, found once (phase 1) for many objectives; `nil` when there is none.
    ///
    /// A presolve first fixes every variable an equality pins alone (`a·x = b`) or with others at zero
    /// (`Σ aᵢxᵢ = 0` with every aᵢ > 0), and substitutes it everywhere, until none is left: published
    /// single cells and zeros shrink the tableau a great deal.
    func region() -> Region? {
        // `fixed[v]` is the value the presolve gave variable v, NaN while it is free.
        var fixed = [Double](repeating: .nan, count: variableCount)
        // Each equality's terms by variable, repeated variables merged, with its number.
        var equalities: [([Term], Double, Int)] = self.equalities.enumerated().map { number, equality in
            let (terms, value) = equality
            // Terms in strictly increasing variable order are already merged (the usual case).
            if zip(terms, terms.dropFirst()).allSatisfy({ $0.variable < $1.variable }) { return (terms, value, number) }
            var merged: [Term] = []
            merged.reserveCapacity(terms.count)
            for term in terms.sorted(by: { $0.variable < $1.variable }) {
                if let last = merged.last, last.variable == term.variable {
                    merged[merged.count - 1].coefficient += term.coefficient
                } else {
                    merged.append(term)
                }
            }
            return (merged, value, number)
        }
        // What became of each equality: its row in the reduced program (≥ 0), implied by the fixed
        // variables (`redundant`), or used to fix variables (`fixing`).
        var equalityRows = [Int](repeating: Region.redundant, count: self.equalities.count)
        var changed = true
        while changed {
            changed = false
            var remaining: [([Term], Double, Int)] = []
            remaining.reserveCapacity(equalities.count)
            for (terms, value, number) in equalities {
                var rhs = value
                var rest: [Term]
                if terms.allSatisfy({ fixed[$0.variable].isNaN && $0.coefficient != 0 }) {
                    rest = terms  // nothing to take out: the same terms, not copied
                } else {
                    rest = []
                    rest.reserveCapacity(terms.count)
                    for term in terms {
                        let x = fixed[term.variable]
                        if !x.isNaN {
                            rhs -= term.coefficient * x
                        } else if term.coefficient != 0 {
                            rest.append(term)
                        }
                    }
                }
                if rest.isEmpty {
                    guard abs(rhs) < 1e-7 else { return nil }
                    continue
                }
                if rest.count == 1 {
                    let x = rhs / rest[0].coefficient
                    guard x > -1e-7 else { return nil }
                    fixed[rest[0].variable] = max(0, x)
                    equalityRows[number] = Region.fixing
                    changed = true
                    continue
                }
                if abs(rhs) < 1e-9, rest.allSatisfy({ $0.coefficient > 0 }) {
                    for term in rest { fixed[term.variable] = 0 }
                    equalityRows[number] = Region.fixing
                    changed = true
                    continue
                }
                remaining.append((rest, rhs, number))
            }
            equalities = remaining
        }
        // The reduced program over the variables left, numbered anew (`index[v]` is −1 when fixed).
        var index = [Int](repeating: -1, count: variableCount)
        var free = 0
        for variable in 0..<variableCount where fixed[variable].isNaN {
            index[variable] = free
            free += 1
        }
        // The reduced program's constraints, their terms as they are (the tableau renumbers them by
        // `index` and leaves the fixed variables out): no array of terms is made again.
        let reducedEqualities = equalities.map { ($0.0, $0.1) }
        for (row, equality) in equalities.enumerated() { equalityRows[equality.2] = row }
        var reducedInequalities: [([Term], Double)] = []
        reducedInequalities.reserveCapacity(inequalities.count)
        for (terms, value) in inequalities {
            var rhs = value
            var bare = true  // no variable left with a coefficient other than 0
            for term in terms {
                let x = fixed[term.variable]
                if !x.isNaN { rhs -= term.coefficient * x } else if term.coefficient != 0 { bare = false }
            }
            if bare {
                guard rhs > -1e-7 else { return nil }
                continue
            }
            reducedInequalities.append((terms, rhs))
        }
        guard let tableau = Tableau(variables: free, equalities: reducedEqualities, inequalities: reducedInequalities, index: index)
        else { return nil }
        return Region(tableau: tableau, fixed: fixed, index: index, equalityRows: equalityRows)
    }

    /// A feasible basis of the program, from which each objective is optimised (phase 2).
    ///
    /// `@unchecked Sendable`: a region may be handed to another thread (the region cache is shared by
    /// the threads of the pass and the audit), but its tableau is optimised in place, so it must be
    /// used by one thread at a time; the parallel steps give each task its own spaces' regions
    /// (``DisclosureLedger/RegionCache``), and hand them back only when the tasks have ended.
    struct Region: @unchecked Sendable {
        /// The tableau at a feasible basis, optimised in place objective after objective: every basis
        /// an optimisation ends at is feasible, so the next one starts from it, and the tableau is
        /// never copied. Shared by the copies of the region.
        private let working: Working
        /// The values of the variables the presolve fixed (NaN for the others), and the new numbers of
        /// the others (−1 for the fixed).
        let fixed: [Double]
        let index: [Int]
        /// The row of each of the program's equalities in the tableau, or ``redundant`` or ``fixing``.
        let equalityRows: [Int]
        /// An equality the presolve found implied by the variables other equalities fixed.
        static let redundant = -1
        /// An equality the presolve used to fix variables.
        static let fixing = -2
        /// The rows of equalities that can no longer be relaxed in place: those of a combination phase 1
        /// found to vanish (``Tableau/dependencies``), once one of them was dropped as implied by the
        /// others (without it, the others may no longer be implied).
        let blocked: Set<Int>

        final class Working {
            var tableau: Tableau
            init(_ tableau: Tableau) { self.tableau = tableau }
        }

        init(tableau: Tableau, fixed: [Double], index: [Int], equalityRows: [Int]) {
            self.init(working: Working(tableau), fixed: fixed, index: index, equalityRows: equalityRows, blocked: [])
        }

        private init(working: Working, fixed: [Double], index: [Int], equalityRows: [Int], blocked: Set<Int>) {
            self.working = working
            self.fixed = fixed
            self.index = index
            self.equalityRows = equalityRows
            self.blocked = blocked
        }

        /// Whether the two regions optimise one tableau (a relaxation that dropped nothing from it).
        func sharesTableau(with other: Region) -> Bool { working === other.working }

        /// Whether ``relaxing(equality:)`` gives a region that shares this one's tableau (the equality is
        /// implied: by the presolve's fixed variables, or in one of phase 1's ``Tableau/dependencies``
        /// and not blocked), found without making that region: the same tests, in the same order.
        func keepsTableau(relaxingEquality number: Int) -> Bool {
            guard number < equalityRows.count else { return false }
            let row = equalityRows[number]
            if row == Self.redundant { return true }
            guard row >= 0, let dependencies = working.tableau.dependencies, !blocked.contains(row) else { return false }
            return dependencies.contains { $0.contains(row) }
        }

        /// The region of the same program without its `number`-th equality (``relaxing(equalities:)``).
        func relaxing(equality number: Int) -> Region? {
            relaxing(equalities: [number])
        }

        /// The region of the same program without the equalities numbered `numbers` (in the program's
        /// order of equalities, each once), found from this one's current basis without a phase 1; the
        /// region of the program less them, which can be relaxed in turn. `nil` when it cannot be found
        /// so (an equality fixed variables in the presolve, phase 1 dropped a row of an inequality, or
        /// an equality's dependencies were used up), and the program less them must be solved anew.
        ///
        /// One after the other: an equality the presolve found implied stays implied (the equalities
        /// that fixed the variables stay); one that phase 1 found implied (in a ``Tableau/dependencies``
        /// combination) leaves the region as it is, and blocks the other equalities of its
        /// combinations; any other is dropped from the tableau (``Tableau/relaxing(rows:)``). The
        /// region shares the tableau when no equality is dropped from it.
        func relaxing(equalities numbers: [Int]) -> Region? {
            var blocked = self.blocked
            var rows: [Int] = []
            for number in numbers {
                guard number < equalityRows.count else { return nil }
                let row = equalityRows[number]
                if row == Self.redundant { continue }
                guard row >= 0, let dependencies = working.tableau.dependencies, !blocked.contains(row) else { return nil }
                var implied = false
                for combination in dependencies where combination.contains(row) {
                    implied = true
                    blocked.formUnion(combination)
                }
                if !implied { rows.append(row) }
            }
            // The rows of the equalities left, in order: a walk over the numbers removed, sorted (no set).
            let removed = numbers.sorted()
            var equalityRows: [Int] = []
            equalityRows.reserveCapacity(self.equalityRows.count)
            var next = 0
            for (number, row) in self.equalityRows.enumerated() {
                while next < removed.count, removed[next] < number { next += 1 }
                if next < removed.count, removed[next] == number { continue }
                equalityRows.append(row)
            }
            let working = rows.isEmpty ? self.working : Working(self.working.tableau.relaxing(rows: rows))
            return Region(working: working, fixed: fixed, index: index, equalityRows: equalityRows, blocked: blocked)
        }

        /// The minimum and maximum of `Σ terms`; `max` is `nil` when unbounded. `nil` when the
        /// minimum is unbounded (which cannot happen for sums of non-negative variables).
        ///
        /// With `enough`, the maximisation may stop at any value of the objective at least `enough(min)`:
        /// `max` is then such a value, at most the maximum (for a question that needs only to know
        /// whether the maximum reaches it).
        func range(of objective: [Term], enough: ((_ min: Double) -> Double)? = nil) -> (min: Double, max: Double?)? {
            range(of: objective, enough: enough, optimised: nil)
        }

        /// The exact minimum and maximum of `Σ terms` (``range(of:enough:)`` without `enough`, the same
        /// optimisations in the same order), each with a point of the region where it is reached
        /// (``point()``: the program's variables); `max` and its point are `nil` when unbounded.
        func extremes(of objective: [Term]) -> (min: Double, max: Double?, lowest: [Double], highest: [Double]?)? {
            var lowest: [Double] = [], highest: [Double]?
            // A constant objective is asked no optimisation: the current basis is a point of both ends.
            guard let range = range(of: objective, enough: nil, optimised: { maximum in
                if maximum { highest = point() } else { lowest = point() }
            }) else { return nil }
            if lowest.isEmpty { lowest = point() }
            if range.max != nil, highest == nil { highest = lowest }
            return (range.min, range.max, lowest, range.max == nil ? nil : highest)
        }

        /// ``range(of:enough:)``, calling `optimised` while the tableau is at the basis each optimisation
        /// ended at: `false` after the minimum, `true` after the maximum (not when it is unbounded).
        private func range(
            of objective: [Term], enough: ((_ min: Double) -> Double)?, optimised: ((_ maximum: Bool) -> Void)?
        ) -> (min: Double, max: Double?)? {
            var constant = 0.0
            var terms: [Term] = []
            for term in objective {
                let x = fixed[term.variable]
                if !x.isNaN { constant += term.coefficient * x } else { terms.append((index[term.variable], term.coefficient)) }
            }
            guard !terms.isEmpty else { return (constant, constant) }
            guard let low = working.tableau.optimise(terms, maximise: false) else { return nil }
            optimised?(false)
            let target = enough.map { $0(low + constant) - constant }
            let high = working.tableau.optimise(terms, maximise: true, enough: target).map { $0 + constant }
            if high != nil { optimised?(true) }
            return (low + constant, high)
        }

        /// The values of the program's variables (before the presolve's renumbering) at the tableau's
        /// current basis: the presolve's fixed values, each basic structural variable its row's
        /// right-hand side, the others 0. A point of the region (within the method's tolerances).
        func point() -> [Double] {
            let tableau = working.tableau
            var reduced = [Double](repeating: 0, count: tableau.columns)
            for row in 0..<tableau.rowCount where tableau.basis[row] < tableau.columns {
                reduced[tableau.basis[row]] = tableau.cells[row * tableau.width + tableau.width - 1]
            }
            return fixed.indices.map { fixed[$0].isNaN ? reduced[index[$0]] : fixed[$0] }
        }
    }
}

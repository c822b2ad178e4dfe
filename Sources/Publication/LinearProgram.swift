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
    private var equalities: [([Term], Double)] = []
    private var inequalities: [([Term], Double)] = []

    init(variables: Int) {
        variableCount = variables
    }

    mutating func require(_ terms: [Term], equals value: Double) {
        equalities.append((terms, value))
    }

    mutating func require(_ terms: [Term], atMost value: Double) {
        inequalities.append((terms, value))
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
        var fixed: [Int: Double] = [:]
        var equalities = self.equalities.map { (Dictionary($0.0.map { ($0.variable, $0.coefficient) }, uniquingKeysWith: +), $0.1) }
        var changed = true
        while changed {
            changed = false
            var remaining: [([Int: Double], Double)] = []
            for (terms, value) in equalities {
                var rest = terms, rhs = value
                for (variable, coefficient) in terms where fixed[variable] != nil {
                    rhs -= coefficient * fixed[variable]!
                    rest[variable] = nil
                }
                rest = rest.filter { $0.value != 0 }
                if rest.isEmpty {
                    guard abs(rhs) < 1e-7 else { return nil }
                    continue
                }
                if rest.count == 1, let (variable, coefficient) = rest.first {
                    let x = rhs / coefficient
                    guard x > -1e-7 else { return nil }
                    fixed[variable] = max(0, x)
                    changed = true
                    continue
                }
                if abs(rhs) < 1e-9, rest.values.allSatisfy({ $0 > 0 }) {
                    for variable in rest.keys { fixed[variable] = 0 }
                    changed = true
                    continue
                }
                remaining.append((rest, rhs))
            }
            equalities = remaining
        }
        // The reduced program over the variables left, numbered anew.
        let free = (0..<variableCount).filter { fixed[$0] == nil }
        var index = [Int: Int]()
        for (new, old) in free.enumerated() { index[old] = new }
        var reduced = LinearProgram(variables: free.count)
        for (terms, value) in equalities {
            reduced.require(terms.keys.sorted().map { (index[$0]!, terms[$0]!) }, equals: value)
        }
        for (terms, value) in inequalities {
            var rhs = value
            var rest: [Term] = []
            for term in terms {
                if let x = fixed[term.variable] { rhs -= term.coefficient * x } else { rest.append((index[term.variable]!, term.coefficient)) }
            }
            if rest.allSatisfy({ $0.coefficient == 0 }) {
                guard rhs > -1e-7 else { return nil }
                continue
            }
            reduced.require(rest, atMost: rhs)
        }
        guard let tableau = Tableau(reduced) else { return nil }
        return Region(tableau: tableau, fixed: fixed, index: index)
    }

    /// A feasible basis of the program, from which each objective is optimised (phase 2).
    struct Region {
        fileprivate let tableau: Tableau
        /// Variables the presolve fixed, and the new numbers of the others.
        let fixed: [Int: Double]
        let index: [Int: Int]

        /// The minimum and maximum of `Σ terms`; `max` is `nil` when unbounded. `nil` when the
        /// minimum is unbounded (which cannot happen for sums of non-negative variables).
        func range(of objective: [Term]) -> (min: Double, max: Double?)? {
            var constant = 0.0
            var terms: [Term] = []
            for term in objective {
                if let x = fixed[term.variable] { constant += term.coefficient * x } else { terms.append((index[term.variable]!, term.coefficient)) }
            }
            guard !terms.isEmpty else { return (constant, constant) }
            var forMinimum = tableau
            guard let low = forMinimum.optimise(terms, maximise: false) else { return nil }
            var forMaximum = tableau
            return (low + constant, forMaximum.optimise(terms, maximise: true).map { $0 + constant })
        }
    }

    /// The dense simplex tableau in canonical form for a feasible basis (after phase 1), stored row by
    /// row in one flat array.
    fileprivate struct Tableau {
        /// `rowCount` rows of `width` entries: the coefficients, then the right-hand side.
        var cells: [Double]
        var rowCount: Int
        var width: Int
        var basis: [Int]
        /// Columns that may enter the basis (structural and slack, not artificial).
        let columns: Int
        static let epsilon = 1e-9

        init?(_ program: LinearProgram) {
            let slacks = program.inequalities.count
            let columns = program.variableCount + slacks
            let constraints = program.equalities.map { ($0.0, $0.1, -1) }
                + program.inequalities.enumerated().map { ($1.0, $1.1, program.variableCount + $0) }
            let m = constraints.count
            let width = columns + m + 1
            var cells = Array(repeating: 0.0, count: m * width)
            for (index, (terms, value, slack)) in constraints.enumerated() {
                let row = index * width
                for term in terms { cells[row + term.variable] += term.coefficient }
                if slack >= 0 { cells[row + slack] = 1 }
                cells[row + width - 1] = value
                if value < 0 { for j in 0..<width { cells[row + j] = -cells[row + j] } }
                cells[row + columns + index] = 1
            }
            self.cells = cells
            rowCount = m
            self.width = width
            self.columns = columns
            basis = (0..<m).map { columns + $0 }
            // Phase 1: minimise the sum of the artificial variables.
            var cost = Array(repeating: 0.0, count: width)
            for j in columns..<(columns + m) { cost[j] = 1 }
            guard let residual = run(cost: cost), residual < 1e-7 else { return nil }
            // Drive artificial variables still in the basis (at zero) out, or drop their redundant rows.
            var keep: [Int] = []
            for row in 0..<rowCount {
                if basis[row] >= columns {
                    if let j = (0..<columns).first(where: { abs(self.cells[row * width + $0]) > 1e-7 }) {
                        pivot(row: row, column: j)
                        keep.append(row)
                    }
                } else {
                    keep.append(row)
                }
            }
            // Keep the structural and slack columns and the right-hand side of the rows kept.
            let newWidth = columns + 1
            var reduced = Array(repeating: 0.0, count: keep.count * newWidth)
            for (newRow, row) in keep.enumerated() {
                for j in 0..<columns { reduced[newRow * newWidth + j] = self.cells[row * width + j] }
                reduced[newRow * newWidth + columns] = self.cells[row * width + width - 1]
            }
            basis = keep.map { basis[$0] }
            self.cells = reduced
            rowCount = keep.count
            self.width = newWidth
        }

        /// The optimum of the objective (over the structural variables); `nil` when unbounded.
        mutating func optimise(_ objective: [Term], maximise: Bool) -> Double? {
            var cost = Array(repeating: 0.0, count: width)
            for term in objective { cost[term.variable] += maximise ? -term.coefficient : term.coefficient }
            guard let value = run(cost: cost) else { return nil }
            return maximise ? -value : value
        }

        /// Minimises `cost · x` from the current basis; returns the minimum, or `nil` when unbounded.
        private mutating func run(cost: [Double]) -> Double? {
            let rhs = width - 1
            // Reduced costs: c_j − Σ c_B(i) · row_i(j).
            var reduced = cost
            for i in 0..<rowCount where cost[basis[i]] != 0 {
                let factor = cost[basis[i]]
                for j in 0...rhs { reduced[j] -= factor * cells[i * width + j] }
            }
            // Dantzig's rule (most negative reduced cost) is fast; after many pivots, Bland's rule (first
            // negative) guarantees the method ends.
            var pivots = 0
            let blandAfter = 50 * (rowCount + width)
            while true {
                var entering: Int?
                if pivots < blandAfter {
                    var most = -Self.epsilon
                    for j in 0..<rhs where reduced[j] < most {
                        most = reduced[j]
                        entering = j
                    }
                } else {
                    entering = (0..<rhs).first { reduced[$0] < -Self.epsilon }
                }
                guard let entering else { return -reduced[rhs] }
                pivots += 1
                var leaving: Int?
                var best = Double.infinity
                for i in 0..<rowCount {
                    let a = cells[i * width + entering]
                    guard a > Self.epsilon else { continue }
                    let ratio = cells[i * width + rhs] / a
                    if ratio < best - Self.epsilon || (abs(ratio - best) <= Self.epsilon && leaving.map { basis[i] < basis[$0] } == true) {
                        best = ratio
                        leaving = i
                    }
                }
                guard let leaving else { return nil }
                pivot(row: leaving, column: entering)
                let factor = reduced[entering]
                let start = leaving * width
                for j in 0...rhs {
                    let value = cells[start + j]
                    if value != 0 { reduced[j] -= factor * value }
                }
            }
        }

        private mutating func pivot(row: Int, column: Int) {
            let width = self.width
            let rowCount = self.rowCount
            cells.withUnsafeMutableBufferPointer { cells in
                let start = row * width
                let divisor = cells[start + column]
                for j in 0..<width { cells[start + j] /= divisor }
                var nonZero: [Int] = []
                nonZero.reserveCapacity(width)
                for j in 0..<width where cells[start + j] != 0 { nonZero.append(j) }
                for i in 0..<rowCount where i != row {
                    let other = i * width
                    let factor = cells[other + column]
                    guard factor != 0 else { continue }
                    for j in nonZero { cells[other + j] -= factor * cells[start + j] }
                    cells[other + column] = 0
                }
            }
            basis[row] = column
        }
    }
}

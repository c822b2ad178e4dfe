extension LinearProgram {
    /// The dense simplex tableau in canonical form for a feasible basis (after phase 1), stored row by
    /// row in one flat array: `rowCount` rows of `width` entries, the structural and slack columns and
    /// then the right-hand side.
    ///
    /// Phase 1 starts from the slack of each inequality with a right-hand side ≥ 0 and an artificial
    /// variable for every other row. An artificial variable that leaves the basis never re-enters (the
    /// usual rule), so only the structural and slack columns may enter. The artificial columns of the
    /// equalities are kept (pivoted, never entering): the column of equality `r`'s artificial is
    /// `B⁻¹·eᵣ`, which ``relaxing(equality:)`` needs to drop that equality from a feasible basis.
    /// Rows whose artificial variable stays in the basis at zero are redundant (a repeated or implied
    /// equality) when no column can replace it, and are dropped.
    struct Tableau {
        var cells: [Double]
        var rowCount: Int
        let width: Int
        /// The basic variable of each row: a column, or `columns + row` for a row's artificial variable
        /// (for an equality row, the index of its stored artificial column).
        var basis: [Int]
        /// Columns that may enter the basis (structural and slack); the equalities' artificial columns
        /// follow them, then the right-hand side.
        let columns: Int
        /// For each equality (of the program the tableau was made for), whether the rows phase 1
        /// dropped show it implied by the other constraints; `nil` for a relaxed tableau, or when a
        /// dropped row was not an equality's.
        private(set) var impliedEqualities: [Bool]?
        static let epsilon = 1e-9

        init?(_ program: LinearProgram) {
            let slacks = program.inequalities.count
            let columns = program.variableCount + slacks
            let m = program.equalities.count + slacks
            let width = columns + program.equalities.count + 1
            let rhs = width - 1
            var cells = [Double](repeating: 0, count: m * width)
            func place(_ terms: [Term], _ value: Double, row index: Int, slack: Int?) {
                let row = index * width
                for term in terms { cells[row + term.variable] += term.coefficient }
                if let slack { cells[row + slack] = 1 }
                cells[row + rhs] = value
                if value < 0 { for j in row..<(row + width) { cells[j] = -cells[j] } }
                // The artificial variable's column, after the sign is made right: +1 in its own row.
                if slack == nil { cells[row + columns + index] = 1 }
            }
            for (index, (terms, value)) in program.equalities.enumerated() { place(terms, value, row: index, slack: nil) }
            let first = program.equalities.count
            for (index, (terms, value)) in program.inequalities.enumerated() {
                place(terms, value, row: first + index, slack: program.variableCount + index)
            }
            self.cells = cells
            rowCount = m
            self.width = width
            self.columns = columns
            // An inequality row with a right-hand side ≥ 0 starts with its slack in the basis; every other
            // row with its artificial variable.
            basis = (0..<m).map { row in
                let slack = row - first
                return slack >= 0 && program.inequalities[slack].1 >= 0 ? program.variableCount + slack : columns + row
            }
            // Phase 1: minimise the sum of the artificial variables, whose reduced costs start at
            // −Σ rows with an artificial variable.
            var reduced = [Double](repeating: 0, count: width)
            for i in 0..<m where basis[i] >= columns {
                for j in 0..<width { reduced[j] -= cells[i * width + j] }
            }
            cells = []  // the tableau's one reference, so that pivoting does not copy it
            guard let residual = run(reduced: &reduced), residual < 1e-7 else { return nil }
            // Drive artificial variables still in the basis (at zero) out, or drop their redundant rows.
            // A dropped row is zero in every structural and slack column, so its entries in the
            // equalities' artificial columns are the multipliers λ of a combination Σ λₖ·(equality k)
            // that vanishes: each equality with λₖ ≠ 0 is implied by the others (and stays so, as no
            // later pivot changes a zero row).
            let equalities = program.equalities.count
            var implied: [Bool]? = [Bool](repeating: false, count: equalities)
            var keep: [Int] = []
            for row in 0..<rowCount {
                if basis[row] >= columns {
                    if let j = (0..<columns).first(where: { abs(self.cells[row * width + $0]) > 1e-7 }) {
                        pivot(row: row, column: j)
                        keep.append(row)
                    } else if basis[row] < columns + equalities {
                        for k in 0..<equalities where abs(self.cells[row * width + columns + k]) > 1e-9 { implied?[k] = true }
                    } else {
                        implied = nil
                    }
                } else {
                    keep.append(row)
                }
            }
            impliedEqualities = implied
            if keep.count < rowCount {
                var kept = [Double]()
                kept.reserveCapacity(keep.count * width)
                for row in keep { kept.append(contentsOf: self.cells[(row * width)..<((row + 1) * width)]) }
                basis = keep.map { basis[$0] }
                self.cells = kept
                rowCount = keep.count
            }
        }

        /// The optimum of the objective (over the structural variables) from the current basis, which
        /// is left at the optimum; `nil` when unbounded.
        mutating func optimise(_ objective: [Term], maximise: Bool) -> Double? {
            // Reduced costs: c_j − Σ c_B(i) · row_i(j).
            var reduced = [Double](repeating: 0, count: width)
            for term in objective { reduced[term.variable] += maximise ? -term.coefficient : term.coefficient }
            let cost = reduced
            for i in 0..<rowCount where basis[i] < columns && cost[basis[i]] != 0 {
                let factor = cost[basis[i]]
                for j in 0..<width { reduced[j] -= factor * cells[i * width + j] }
            }
            guard let value = run(reduced: &reduced) else { return nil }
            return maximise ? -value : value
        }

        /// Minimises from the current basis, given the reduced costs of its columns and (last) minus the
        /// objective's value; returns the minimum, or `nil` when unbounded.
        ///
        /// Dantzig's rule (most negative reduced cost) is fast; after many pivots, Bland's rule (first
        /// negative) guarantees the method ends.
        private mutating func run(reduced: inout [Double]) -> Double? {
            let rhs = width - 1
            let rowCount = self.rowCount, width = self.width, columns = self.columns
            var pivots = 0
            let blandAfter = 50 * (rowCount + width)
            var scratch = [Int](repeating: 0, count: width)
            return reduced.withUnsafeMutableBufferPointer { reduced in
                while true {
                    var entering = -1
                    if pivots < blandAfter {
                        var most = -Self.epsilon
                        for j in 0..<columns where reduced[j] < most {
                            most = reduced[j]
                            entering = j
                        }
                    } else {
                        entering = (0..<columns).first { reduced[$0] < -Self.epsilon } ?? -1
                    }
                    guard entering >= 0 else { return -reduced[rhs] }
                    pivots += 1
                    var leaving = -1
                    var best = Double.infinity
                    cells.withUnsafeBufferPointer { cells in
                        for i in 0..<rowCount {
                            let a = cells[i * width + entering]
                            guard a > Self.epsilon else { continue }
                            let ratio = cells[i * width + rhs] / a
                            if ratio < best - Self.epsilon || (abs(ratio - best) <= Self.epsilon && leaving >= 0 && basis[i] < basis[leaving]) {
                                best = ratio
                                leaving = i
                            }
                        }
                    }
                    guard leaving >= 0 else { return nil }
                    let nonZero = pivot(row: leaving, column: entering, scratch: &scratch)
                    let factor = reduced[entering]
                    let start = leaving * width
                    cells.withUnsafeBufferPointer { cells in
                        scratch.withUnsafeBufferPointer { scratch in
                            for k in 0..<nonZero {
                                let j = scratch[k]
                                reduced[j] -= factor * cells[start + j]
                            }
                        }
                    }
                    reduced[entering] = 0
                }
            }
        }

        /// The tableau of the same program without its `row`-th equality (one that
        /// ``impliedEqualities`` does not show implied), at the same (feasible) basis.
        ///
        /// Dropping `a·x = b` is letting its artificial variable `t` take any sign (`a·x + t = b`), so
        /// the relaxed tableau has two more columns, `t⁺` and `t⁻`, whose entries at the current basis
        /// are `±B⁻¹·eᵣ`: the stored artificial column and its negative. The basis stays feasible with
        /// `t = 0`, so phase 2 starts from it at once, without a phase 1.
        func relaxing(equality row: Int) -> Tableau {
            let artificial = columns + row
            let relaxedWidth = columns + 3
            var relaxed = [Double](repeating: 0, count: rowCount * relaxedWidth)
            for i in 0..<rowCount {
                let from = i * width, to = i * relaxedWidth
                for j in 0..<columns { relaxed[to + j] = cells[from + j] }
                relaxed[to + columns] = cells[from + artificial]
                relaxed[to + columns + 1] = -cells[from + artificial]
                relaxed[to + columns + 2] = cells[from + width - 1]
            }
            return Tableau(cells: relaxed, rowCount: rowCount, width: relaxedWidth, basis: basis, columns: columns + 2)
        }

        private init(cells: [Double], rowCount: Int, width: Int, basis: [Int], columns: Int) {
            self.cells = cells
            self.rowCount = rowCount
            self.width = width
            self.basis = basis
            self.columns = columns
            impliedEqualities = nil  // its rows are no longer the program's equalities
        }

        private mutating func pivot(row: Int, column: Int) {
            var scratch = [Int](repeating: 0, count: width)
            _ = pivot(row: row, column: column, scratch: &scratch)
        }

        /// Pivots on `(row, column)`; leaves the columns where the pivot row is non-zero in `scratch`
        /// and returns how many there are.
        private mutating func pivot(row: Int, column: Int, scratch: inout [Int]) -> Int {
            let width = self.width
            let rowCount = self.rowCount
            var count = 0
            cells.withUnsafeMutableBufferPointer { cells in
                scratch.withUnsafeMutableBufferPointer { nonZero in
                    let start = row * width
                    let divisor = cells[start + column]
                    for j in 0..<width where cells[start + j] != 0 {
                        cells[start + j] /= divisor
                        nonZero[count] = j
                        count += 1
                    }
                    cells[start + column] = 1
                    for i in 0..<rowCount where i != row {
                        let other = i * width
                        let factor = cells[other + column]
                        guard factor != 0 else { continue }
                        for k in 0..<count {
                            let j = nonZero[k]
                            cells[other + j] -= factor * cells[start + j]
                        }
                        cells[other + column] = 0
                    }
                }
            }
            basis[row] = column
            return count
        }
    }
}

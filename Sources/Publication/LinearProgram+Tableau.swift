extension LinearProgram {
    /// The dense simplex tableau in canonical form for a feasible basis (after phase 1), stored row by
    /// row in one flat array: `rowCount` rows of `width` entries, the structural and slack columns and
    /// then the right-hand side.
    ///
    /// Phase 1 starts from the slack of each inequality with a right-hand side ≥ 0 and an artificial
    /// variable for every other row, without storing the artificial columns: an artificial variable that
    /// leaves the basis never re-enters (the usual rule), so only the structural and slack columns are
    /// pivoted. Rows whose artificial variable stays in the basis at zero are redundant
    /// (a repeated or implied equality) when no column can replace it, and are dropped.
    struct Tableau {
        var cells: [Double]
        var rowCount: Int
        let width: Int
        /// The basic variable of each row: a column, or `columns + row` for a row's artificial variable.
        var basis: [Int]
        /// Columns that may enter the basis (structural and slack).
        let columns: Int
        static let epsilon = 1e-9

        init?(_ program: LinearProgram) {
            let slacks = program.inequalities.count
            let columns = program.variableCount + slacks
            let m = program.equalities.count + slacks
            let width = columns + 1
            var cells = [Double](repeating: 0, count: m * width)
            func place(_ terms: [Term], _ value: Double, row index: Int, slack: Int?) {
                let row = index * width
                for term in terms { cells[row + term.variable] += term.coefficient }
                if let slack { cells[row + slack] = 1 }
                cells[row + columns] = value
                if value < 0 { for j in row..<(row + width) { cells[j] = -cells[j] } }
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
            let rowCount = self.rowCount, width = self.width
            var pivots = 0
            let blandAfter = 50 * (rowCount + width)
            var scratch = [Int](repeating: 0, count: width)
            return reduced.withUnsafeMutableBufferPointer { reduced in
                while true {
                    var entering = -1
                    if pivots < blandAfter {
                        var most = -Self.epsilon
                        for j in 0..<rhs where reduced[j] < most {
                            most = reduced[j]
                            entering = j
                        }
                    } else {
                        entering = (0..<rhs).first { reduced[$0] < -Self.epsilon } ?? -1
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

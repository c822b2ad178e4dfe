extension LinearProgram {
    /// The dense simplex tableau in canonical form for a feasible basis (after phase 1), stored row by
    /// row in one flat array: `rowCount` rows of `width` entries, the structural and slack columns and
    /// then the right-hand side.
    ///
    /// Phase 1 starts from the slack of each inequality with a right-hand side ≥ 0 and an artificial
    /// variable for every other row. An artificial variable that leaves the basis never re-enters (the
    /// usual rule), so only the structural and slack columns may enter. The artificial columns of the
    /// equalities are kept (pivoted, never entering): the column of equality `r`'s artificial is
    /// `B⁻¹·eᵣ`, which ``relaxing(rows:)`` needs to drop that equality from a feasible basis: its
    /// artificial variable then becomes free and may enter, in either direction. Rows whose artificial
    /// variable stays in the basis at zero are redundant (a repeated or implied equality) when no
    /// column can replace it, and are dropped.
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
        /// For each row phase 1 dropped, the equalities (by row) of the combination it shows to vanish:
        /// each of them is implied by the others; `nil` when a dropped row was not an equality's.
        private(set) var dependencies: [[Int]]?
        /// The artificial columns of the relaxed equalities (``relaxing(rows:)``): free variables, which
        /// may enter the basis in either direction and, once basic, never leave it.
        private(set) var freeColumns: [Int] = []
        static let epsilon = 1e-9
        /// The work arrays of ``run(reduced:stopAtOrBelow:)``, kept from one optimisation to the next.
        private var workColumns: [Int] = []
        private var workRows: [Int] = []

        /// The tableau of a program over `variables` variables with these constraints (a presolved
        /// program: ``LinearProgram/region()``), whose terms are written in the numbers of the program
        /// before the presolve: a term's variable is `index[variable]`, and a term whose variable's index
        /// is −1 is left out (a variable the presolve fixed, already taken into the right-hand side). So
        /// the presolve makes no array of terms again.
        init?(variables: Int, equalities: [([Term], Double)], inequalities: [([Term], Double)], index renumbered: [Int]) {
            let slacks = inequalities.count
            let columns = variables + slacks
            let m = equalities.count + slacks
            let width = columns + equalities.count + 1
            let rhs = width - 1
            var cells = [Double](repeating: 0, count: m * width)
            func place(_ terms: [Term], _ value: Double, row index: Int, slack: Int?) {
                let row = index * width
                for term in terms {
                    let variable = renumbered[term.variable]
                    if variable >= 0 { cells[row + variable] += term.coefficient }
                }
                if let slack { cells[row + slack] = 1 }
                cells[row + rhs] = value
                if value < 0 { for j in row..<(row + width) { cells[j] = -cells[j] } }
                // The artificial variable's column, after the sign is made right: +1 in its own row.
                if slack == nil { cells[row + columns + index] = 1 }
            }
            for (index, (terms, value)) in equalities.enumerated() { place(terms, value, row: index, slack: nil) }
            let first = equalities.count
            for (index, (terms, value)) in inequalities.enumerated() {
                place(terms, value, row: first + index, slack: variables + index)
            }
            self.cells = cells
            rowCount = m
            self.width = width
            self.columns = columns
            // An inequality row with a right-hand side ≥ 0 starts with its slack in the basis; every other
            // row with its artificial variable.
            basis = (0..<m).map { row in
                let slack = row - first
                return slack >= 0 && inequalities[slack].1 >= 0 ? variables + slack : columns + row
            }
            // Phase 1: minimise the sum of the artificial variables, whose reduced costs start at
            // −Σ rows with an artificial variable.
            var reduced = [Double](repeating: 0, count: width)
            reduced.withUnsafeMutableBufferPointer { reduced in
                cells.withUnsafeBufferPointer { cells in
                    // Element by element, rows in order: the same sums as with indices, without their checks.
                    guard let total = reduced.baseAddress, let base = cells.baseAddress else { return }
                    for i in 0..<m where basis[i] >= columns {
                        let row = base + i &* width
                        for j in 0..<width { total[j] -= row[j] }
                    }
                }
            }
            cells = []  // the tableau's one reference, so that pivoting does not copy it
            guard let residual = run(reduced: &reduced), residual < 1e-7 else { return nil }
            // Drive artificial variables still in the basis (at zero) out, or drop their redundant rows.
            // A dropped row is zero in every structural and slack column, so its entries in the
            // equalities' artificial columns are the multipliers λ of a combination Σ λₖ·(equality k)
            // that vanishes: each equality with λₖ ≠ 0 is implied by the others (and stays so, as no
            // later pivot changes a zero row).
            let equalities = equalities.count
            var dependencies: [[Int]]? = []
            var keep: [Int] = []
            for row in 0..<rowCount {
                if basis[row] >= columns {
                    if let j = firstColumn(in: row, where: { abs($0) > 1e-7 }) {
                        pivot(row: row, column: j)
                        keep.append(row)
                    } else if basis[row] < columns + equalities {
                        var combination: [Int] = []
                        for k in 0..<equalities where abs(self.cells[row * width + columns + k]) > 1e-9 { combination.append(k) }
                        dependencies?.append(combination)
                    } else {
                        dependencies = nil
                    }
                } else {
                    keep.append(row)
                }
            }
            self.dependencies = dependencies
            if keep.count < rowCount {
                // The kept rows moved up in place (`keep` is increasing, so a row moves to an earlier
                // place, which no kept row still to move occupies): no new array, whose fresh pages the
                // kernel would fault in one by one, and the same values.
                let width = self.width
                self.cells.withUnsafeMutableBufferPointer { cells in
                    guard let base = cells.baseAddress else { return }
                    for (place, row) in keep.enumerated() where place != row {
                        (base + place &* width).update(from: base + row &* width, count: width)
                    }
                }
                self.cells.removeLast((rowCount - keep.count) * width)
                basis = keep.map { basis[$0] }
                rowCount = keep.count
            }
        }

        /// The optimum of the objective (over the structural variables) from the current basis, which
        /// is left at the optimum; `nil` when unbounded. With `enough`, a maximum stops at the first basis
        /// whose value reaches it (a value the objective takes, at most the maximum), left there.
        mutating func optimise(_ objective: [Term], maximise: Bool, enough: Double? = nil) -> Double? {
            // Reduced costs: c_j − Σ c_B(i) · row_i(j).
            var reduced = [Double](repeating: 0, count: width)
            for term in objective { reduced[term.variable] += maximise ? -term.coefficient : term.coefficient }
            // The rows whose basic variable has a cost, with the cost, read before any is subtracted (no
            // copy of the costs); then the rows subtracted in order.
            var costs: [(row: Int, factor: Double)] = []
            for i in 0..<rowCount where basis[i] < columns && reduced[basis[i]] != 0 { costs.append((i, reduced[basis[i]])) }
            let width = self.width
            reduced.withUnsafeMutableBufferPointer { reduced in
                cells.withUnsafeBufferPointer { cells in
                    for (i, factor) in costs {
                        let row = i &* width
                        for j in 0..<width { reduced[j] -= factor * cells[row &+ j] }
                    }
                }
            }
            guard let value = run(reduced: &reduced, stopAtOrBelow: maximise ? enough.map { -$0 } : nil) else { return nil }
            return maximise ? -value : value
        }

        /// Minimises from the current basis, given the reduced costs of its columns and (last) minus the
        /// objective's value; returns the minimum, or `nil` when unbounded; or, once the value of the
        /// current basis is `stopAtOrBelow` or less, that value.
        ///
        /// Dantzig's rule (most negative reduced cost) is fast; after many pivots, Bland's rule (first
        /// negative) guarantees the method ends.
        private mutating func run(reduced: inout [Double], stopAtOrBelow stop: Double? = nil) -> Double? {
            let rhs = width - 1
            let rowCount = self.rowCount, width = self.width, columns = self.columns
            var pivots = 0
            let blandAfter = 50 * (rowCount + width)
            let relaxed = !freeColumns.isEmpty
            // The pivot row's non-zero columns, and the rows with a non-zero in the entering column, found
            // by the ratio test's scan: the rows the pivot updates (it need not scan the column again).
            // Work arrays of this tableau's earlier optimisations, taken out (so that they are not
            // copied when written) and put back; only entries written in a pivot are read.
            var scratch: [Int] = [], touched: [Int] = []
            swap(&scratch, &workColumns)
            swap(&touched, &workRows)
            if scratch.count < width { scratch = [Int](repeating: 0, count: width) }
            if touched.count < rowCount { touched = [Int](repeating: 0, count: rowCount) }
            defer {
                workColumns = scratch
                workRows = touched
            }
            return reduced.withUnsafeMutableBufferPointer { reduced in
                while true {
                    if let stop, -reduced[rhs] <= stop { return -reduced[rhs] }
                    var entering = -1
                    if pivots < blandAfter {
                        var most = -Self.epsilon
                        let least = Self.least(of: UnsafeBufferPointer(rebasing: reduced[..<columns]))
                        if least < most {
                            // `least` is one of the reduced costs: its first column is the one a scan
                            // for a strictly smaller cost picks (Dantzig's rule, the lowest column on ties).
                            most = least
                            entering = (0..<columns).first { reduced[$0] == least } ?? -1
                        }
                        for j in freeColumns where -abs(reduced[j]) < most {
                            most = -abs(reduced[j])
                            entering = j
                        }
                    } else {
                        entering = (0..<columns).first { reduced[$0] < -Self.epsilon }
                            ?? freeColumns.first { abs(reduced[$0]) > Self.epsilon } ?? -1
                    }
                    guard entering >= 0 else { return -reduced[rhs] }
                    if reduced[entering] > 0 {
                        // A free variable that lowers the objective by decreasing: its negative enters.
                        reduced[entering] = -reduced[entering]
                        for i in 0..<rowCount { cells[i * width + entering] = -cells[i * width + entering] }
                    }
                    pivots += 1
                    var leaving = -1
                    var best = Double.infinity
                    var touchedCount = 0
                    cells.withUnsafeBufferPointer { cells in
                        touched.withUnsafeMutableBufferPointer { touched in
                            for i in 0..<rowCount {
                                let a = cells[i &* width &+ entering]
                                guard a != 0 else { continue }
                                touched[touchedCount] = i
                                touchedCount &+= 1
                                // A free basic variable never leaves. (Phase 1 ends with no artificial variable
                                // in the basis, so a relaxed tableau's basic variables past `columns` are free.)
                                guard a > Self.epsilon, !relaxed || basis[i] < columns else { continue }
                                let ratio = cells[i &* width &+ rhs] / a
                                if ratio < best - Self.epsilon || (abs(ratio - best) <= Self.epsilon && leaving >= 0 && basis[i] < basis[leaving]) {
                                    best = ratio
                                    leaving = i
                                }
                            }
                        }
                    }
                    guard leaving >= 0 else { return nil }
                    let nonZero = pivot(row: leaving, column: entering, scratch: &scratch, rows: touched[..<touchedCount])
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

        /// The tableau of the same program without the equalities of `rows` (none of them in a
        /// ``dependencies`` combination), at the same (feasible) basis.
        ///
        /// Dropping `a·x = b` is letting its artificial variable `t` take any sign (`a·x + t = b`): its
        /// column at the current basis is the stored artificial column `B⁻¹·eᵣ`, and it becomes free.
        /// The basis stays feasible with `t = 0`, so phase 2 starts from it at once, without a phase 1;
        /// and every other equality's artificial column stays `B⁻¹·eₖ`, so it can be relaxed in turn.
        func relaxing(rows: [Int]) -> Tableau {
            var relaxed = self
            relaxed.freeColumns += rows.map { columns + $0 }
            return relaxed
        }

        /// The least of `values` (`+∞` when there is none), four lanes at a time; a NaN is passed over,
        /// as by a scan with `<`.
        static func least(of values: UnsafeBufferPointer<Double>) -> Double {
            guard let base = values.baseAddress, values.count > 0 else { return .infinity }
            var lanes = SIMD4<Double>(repeating: .infinity)
            var j = 0
            let raw = UnsafeRawPointer(base)
            while j &+ 4 <= values.count {
                let next = raw.loadUnaligned(fromByteOffset: j &* 8, as: SIMD4<Double>.self)
                lanes.replace(with: next, where: next .< lanes)
                j &+= 4
            }
            var least = Double.infinity
            for lane in 0..<4 where lanes[lane] < least { least = lanes[lane] }
            while j < values.count {
                if base[j] < least { least = base[j] }
                j &+= 1
            }
            return least
        }

        /// The first structural or slack column whose entry in `row` satisfies `test`.
        private func firstColumn(in row: Int, where test: (Double) -> Bool) -> Int? {
            cells.withUnsafeBufferPointer { cells in
                let start = row &* width
                for j in 0..<columns where test(cells[start &+ j]) { return j }
                return nil
            }
        }

        private mutating func pivot(row: Int, column: Int) {
            var scratch = [Int](repeating: 0, count: width)
            let rows = (0..<rowCount).filter { cells[$0 * width + column] != 0 }
            _ = pivot(row: row, column: column, scratch: &scratch, rows: rows[...])
        }

        /// Pivots on `(row, column)`, given the rows whose entry in `column` is non-zero (in increasing
        /// order, the pivot row among them: the others are unchanged); leaves the columns where the
        /// pivot row is non-zero in `scratch` and returns how many there are.
        private mutating func pivot(row: Int, column: Int, scratch: inout [Int], rows: ArraySlice<Int>) -> Int {
            let width = self.width
            var count = 0
            cells.withUnsafeMutableBufferPointer { cells in
                scratch.withUnsafeMutableBufferPointer { nonZero in
                    // Rows as pointers, indices without overflow checks: every index is below the
                    // tableau's size (the hot loop of the simplex method).
                    guard let base = cells.baseAddress, let nonZero = nonZero.baseAddress else { return }
                    let pivotRow = base + row &* width
                    let divisor = pivotRow[column]
                    for j in 0..<width where pivotRow[j] != 0 {
                        pivotRow[j] /= divisor
                        nonZero[count] = j
                        count &+= 1
                    }
                    pivotRow[column] = 1
                    for i in rows where i != row {
                        let other = base + i &* width
                        let factor = other[column]
                        for k in 0..<count {
                            let j = nonZero[k]
                            other[j] -= factor * pivotRow[j]
                        }
                        other[column] = 0
                    }
                }
            }
            basis[row] = column
            return count
        }
    }
}

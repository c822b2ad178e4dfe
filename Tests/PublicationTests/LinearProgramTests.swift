import Testing

@testable import Publication

@Suite struct LinearProgramTests {
    /// x + y = 4, 0 ≤ x ≤ 3: x ∈ [1, 3]... with y ≤ 3 too.
    @Test func rangeOfAVariableUnderASumAndBounds() throws {
        var program = LinearProgram(variables: 2)
        program.require([(0, 1), (1, 1)], equals: 4)
        program.require([(0, 1)], atMost: 3)
        program.require([(1, 1)], atMost: 3)
        let range = try #require(program.range(of: [(0, 1)]))
        #expect(abs(range.min - 1) < 1e-9)
        #expect(abs(range.max! - 3) < 1e-9)
    }

    @Test func unboundedAndInfeasible() throws {
        var program = LinearProgram(variables: 2)
        program.require([(0, 1), (1, -1)], equals: 1)
        let range = try #require(program.range(of: [(0, 1)]))
        #expect(abs(range.min - 1) < 1e-9)
        #expect(range.max == nil)
        var infeasible = LinearProgram(variables: 1)
        infeasible.require([(0, 1)], equals: 2)
        infeasible.require([(0, 1)], atMost: 1)
        #expect(infeasible.range(of: [(0, 1)]) == nil)
    }

    /// A 2 × 3 table with its row and column totals and one published cell: the classic audit.
    @Test func twoWayTableWithMargins() throws {
        // cells a b c / d e f; rows 10, 8; columns 6, 7, 5; a = 4 published.
        var program = LinearProgram(variables: 6)
        program.require([(0, 1), (1, 1), (2, 1)], equals: 10)
        program.require([(3, 1), (4, 1), (5, 1)], equals: 8)
        program.require([(0, 1), (3, 1)], equals: 6)
        program.require([(1, 1), (4, 1)], equals: 7)
        program.require([(2, 1), (5, 1)], equals: 5)
        program.require([(0, 1)], equals: 4)
        // b + c = 6, e + f = 6, b + e = 7, c + f = 5, d = 2: b ∈ [1, 6].
        let b = try #require(program.range(of: [(1, 1)]))
        #expect(abs(b.min - 1) < 1e-9)
        #expect(abs(b.max! - 6) < 1e-9)
        let d = try #require(program.range(of: [(3, 1)]))
        #expect(abs(d.min - 2) < 1e-9 && abs(d.max! - 2) < 1e-9)
    }

    /// The presolve fixes single-variable equalities and zero sums, and substitutes them.
    @Test func presolvedVariablesKeepTheirValues() throws {
        var program = LinearProgram(variables: 5)
        program.require([(0, 1)], equals: 3)
        program.require([(1, 1), (2, 1)], equals: 0)
        program.require([(0, 1), (3, 1)], equals: 5)
        program.require([(3, 1), (4, 1), (1, 1)], equals: 9)
        program.require([(4, 1)], atMost: 10)
        let x3 = try #require(program.range(of: [(3, 1)]))
        #expect(x3.min == 2 && x3.max == 2)
        let x4 = try #require(program.range(of: [(4, 1), (0, 2)]))
        #expect(abs(x4.min - 13) < 1e-9 && abs(x4.max! - 13) < 1e-9)
        // A contradiction found by the presolve alone: no region.
        program.require([(2, 1)], equals: 1)
        #expect(program.region() == nil)
    }
}

/// The simplex against brute force: the extreme values of a linear objective over a small bounded
/// region are taken at vertices, found by solving every choice of `n` tight constraints.
@Suite struct LinearProgramBruteForceTests {
    /// A deterministic generator (SplitMix64), so a failure reproduces.
    struct Random {
        var state: UInt64
        mutating func next(_ range: ClosedRange<Int>) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return range.lowerBound + Int(z % UInt64(range.count))
        }
    }

    /// Rows `a·x = b` (equality) or `a·x ≤ b`, and the bounds `x ≥ 0`, as dense rows.
    struct Dense {
        var rows: [(a: [Double], b: Double, equality: Bool)]
        let n: Int

        func feasible(_ x: [Double]) -> Bool {
            x.allSatisfy { $0 > -1e-7 } && rows.allSatisfy { row in
                let value = zip(row.a, x).reduce(0) { $0 + $1.0 * $1.1 }
                return row.equality ? abs(value - row.b) < 1e-7 : value < row.b + 1e-7
            }
        }

        /// The min and max of `c·x` over the vertices; `nil` when there is none (infeasible).
        func range(_ c: [Double]) -> (min: Double, max: Double)? {
            let candidates = rows.map { ($0.a, $0.b) } + (0..<n).map { i in ((0..<n).map { $0 == i ? 1.0 : 0 }, 0.0) }
            var best: (min: Double, max: Double)?
            for subset in Self.subsets(of: candidates.count, size: n) {
                guard let x = Self.solve(subset.map { candidates[$0] }), feasible(x) else { continue }
                let value = zip(c, x).reduce(0) { $0 + $1.0 * $1.1 }
                best = (Swift.min(best?.min ?? value, value), Swift.max(best?.max ?? value, value))
            }
            return best
        }

        static func subsets(of count: Int, size: Int) -> [[Int]] {
            guard size > 0 else { return [[]] }
            guard count >= size else { return [] }
            return subsets(of: count - 1, size: size) + subsets(of: count - 1, size: size - 1).map { $0 + [count - 1] }
        }

        /// Gaussian elimination with partial pivoting; `nil` when singular.
        static func solve(_ system: [([Double], Double)]) -> [Double]? {
            var m = system.map { $0.0 + [$0.1] }
            let n = m.count
            for col in 0..<n {
                guard let p = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[p][col]) > 1e-9 else { return nil }
                m.swapAt(col, p)
                for r in 0..<n where r != col {
                    let f = m[r][col] / m[col][col]
                    for k in col...n { m[r][k] -= f * m[col][k] }
                }
            }
            return (0..<n).map { m[$0][n] / m[$0][$0] }
        }
    }

    /// 200 random boxes `0 ≤ xᵢ ≤ uᵢ` with random equalities and inequalities (small integer
    /// coefficients, some repeated: redundant rows), built from a known feasible point half the time.
    @Test func simplexAgreesWithVertexEnumeration() throws {
        var random = Random(state: 12)
        var feasibleCount = 0
        for _ in 0..<200 {
            let n = random.next(2...4)
            var program = LinearProgram(variables: n)
            var dense = Dense(rows: [], n: n)
            let point = (0..<n).map { _ in Double(random.next(0...4)) }
            let anchored = random.next(0...1) == 1
            func add(_ a: [Double], _ b: Double, equality: Bool) {
                let terms = a.enumerated().filter { $0.element != 0 }.map { (variable: $0.offset, coefficient: $0.element) }
                if equality { program.require(terms, equals: b) } else { program.require(terms, atMost: b) }
                dense.rows.append((a, b, equality))
            }
            for i in 0..<n {
                add((0..<n).map { $0 == i ? 1 : 0 }, Double(random.next(1...6)) + (anchored ? point[i] : 0), equality: false)
            }
            for _ in 0..<random.next(0...3) {
                let a = (0..<n).map { _ in Double(random.next(-2...2)) }
                let exact = zip(a, point).reduce(0) { $0 + $1.0 * $1.1 }
                let equality = random.next(0...2) == 0
                let b = anchored ? exact + (equality ? 0 : Double(random.next(0...3))) : Double(random.next(-3...6))
                add(a, b, equality: equality)
                if random.next(0...3) == 0 { add(a, b, equality: equality) }  // a duplicate row
            }
            let objective = (0..<n).map { _ in Double(random.next(-2...3)) }
            let terms = objective.enumerated().map { (variable: $0.offset, coefficient: $0.element) }
            let expected = dense.range(objective)
            let found = program.range(of: terms)
            #expect((expected == nil) == (found == nil), "feasibility differs: \(dense.rows)")
            guard let expected, let found else { continue }
            feasibleCount += 1
            #expect(abs(found.min - expected.min) < 1e-6, "min \(found.min) ≠ \(expected.min): \(dense.rows) c \(objective)")
            #expect(abs((found.max ?? .infinity) - expected.max) < 1e-6, "max \(String(describing: found.max)) ≠ \(expected.max)")
            // One region for many objectives: each starts from the basis the one before ended at.
            let region = try #require(program.region())
            for _ in 0..<4 {
                let objective = (0..<n).map { _ in Double(random.next(-2...3)) }
                let expected = try #require(dense.range(objective))
                let found = try #require(region.range(of: objective.enumerated().map { (variable: $0.offset, coefficient: $0.element) }))
                #expect(abs(found.min - expected.min) < 1e-6 && abs((found.max ?? .infinity) - expected.max) < 1e-6)
            }
        }
        #expect(feasibleCount > 100)
    }

    /// `x₀ + x₁ = 5` three times, `x₁ + x₂ = 4`, their sum `x₀ + 2x₁ + x₂ = 9`, and `x₀ ≤ 4`.
    static func duplicateAndImpliedProgram() -> LinearProgram {
        var program = LinearProgram(variables: 3)
        for _ in 0..<3 { program.require([(0, 1), (1, 1)], equals: 5) }
        program.require([(1, 1), (2, 1)], equals: 4)
        program.require([(0, 1), (1, 2), (2, 1)], equals: 9)
        program.require([(0, 1)], atMost: 4)
        return program
    }

    /// The same equality three times, and one implied by two others: redundant rows are dropped after
    /// phase 1 and the bounds are those of the program without them.
    @Test func duplicateAndImpliedEqualities() throws {
        let program = Self.duplicateAndImpliedProgram()
        let x1 = try #require(program.range(of: [(1, 1)]))
        #expect(abs(x1.min - 1) < 1e-9 && abs(x1.max! - 4) < 1e-9)
        let x2 = try #require(program.range(of: [(2, 1)]))
        #expect(abs(x2.min - 0) < 1e-9 && abs(x2.max! - 3) < 1e-9)
    }
}

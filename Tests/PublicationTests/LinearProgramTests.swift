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

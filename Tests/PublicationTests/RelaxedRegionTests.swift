@testable import Publication
import Testing

/// A region relaxed in place (``LinearProgram/Region/relaxing(equality:)``: one equality dropped from the
/// tableau at its current basis, without a phase 1) against the program less that equality solved anew.
@Suite struct RelaxedRegionTests {
    typealias Random = LinearProgramBruteForceTests.Random

    /// The ranges of `objectives` in two regions agree (both unbounded above, or equal within 1e-6).
    static func sameRanges(_ a: LinearProgram.Region, _ b: LinearProgram.Region, _ objectives: [[LinearProgram.Term]]) -> Bool {
        objectives.allSatisfy { objective in
            guard let x = a.range(of: objective), let y = b.range(of: objective) else {
                return a.range(of: objective) == nil && b.range(of: objective) == nil
            }
            let max = (x.max == nil && y.max == nil) || (x.max != nil && y.max != nil && abs(x.max! - y.max!) < 1e-6)
            return abs(x.min - y.min) < 1e-6 && max
        }
    }

    /// 300 random programs over 3–6 variables with 2–6 equalities (repeated ones, sums of two others,
    /// single-variable ones that the presolve fixes) and bounding inequalities, from a known feasible
    /// point: each equality relaxed in place gives the ranges of the program less it; the three ways
    /// (relaxed in place, implied by the others, solved anew) all occur.
    @Test func relaxedRegionsAgreeWithRebuiltPrograms() throws {
        var random = Random(state: 7)
        var (inPlace, implied, anew) = (0, 0, 0)
        for _ in 0..<300 {
            let n = random.next(3...6)
            let point = (0..<n).map { _ in Double(random.next(0...4)) }
            var program = LinearProgram(variables: n)
            var rows: [[Double]] = []
            func value(_ a: [Double]) -> Double { zip(a, point).reduce(0) { $0 + $1.0 * $1.1 } }
            func terms(_ a: [Double]) -> [LinearProgram.Term] {
                a.enumerated().filter { $0.element != 0 }.map { (variable: $0.offset, coefficient: $0.element) }
            }
            for _ in 0..<random.next(2...6) {
                let a: [Double] = switch random.next(0...5) {
                case 0 where !rows.isEmpty: rows[random.next(0...(rows.count - 1))]  // repeated
                case 1 where rows.count >= 2:  // the sum of two others
                    zip(rows[random.next(0...(rows.count - 1))], rows[random.next(0...(rows.count - 1))]).map { $0 + $1 }
                case 2: (0..<n).map { $0 == random.next(0...(n - 1)) ? 1 : 0 }  // one variable: fixed by the presolve
                default: (0..<n).map { _ in Double(random.next(0...2)) }
                }
                guard a.contains(where: { $0 != 0 }) else { continue }
                rows.append(a)
                program.require(terms(a), equals: value(a))
            }
            for i in 0..<n where random.next(0...1) == 1 {
                program.require([(i, 1)], atMost: point[i] + Double(random.next(0...3)))
            }
            let a = (0..<n).map { _ in Double(random.next(0...1)) }
            if a.contains(where: { $0 != 0 }) { program.require(terms(a), atMost: value(a) + Double(random.next(0...2))) }
            let objectives = (0..<4).map { _ in (0..<n).map { (variable: $0, coefficient: Double(random.next(-1...2))) } }
                + (0..<n).map { [(variable: $0, coefficient: 1.0)] }

            let region = try #require(program.region())
            for index in program.equalities.indices {
                let rebuilt = try #require(program.removingEquality(at: index).region())
                guard let relaxed = region.relaxing(equality: index) else {
                    anew += 1
                    continue
                }
                if relaxed.index == region.index && relaxed.equalityRows == region.equalityRows { implied += 1 } else { inPlace += 1 }
                #expect(Self.sameRanges(relaxed, rebuilt, objectives), "equality \(index) of \(program.equalities)")
                // The region relaxed from stays right for its own program.
                #expect(Self.sameRanges(region, try #require(program.region()), objectives))
            }
        }
        #expect(inPlace > 100 && implied > 20 && anew > 20, "\(inPlace) in place, \(implied) implied, \(anew) anew")
    }

    /// The same equality three times and one implied by two others (phase 1 drops two rows): dropping
    /// any one of them leaves the region as it was, since the others still imply it.
    @Test func aDroppedRowKeepsItsEqualityInForce() throws {
        let program = LinearProgramBruteForceTests.duplicateAndImpliedProgram()
        let region = try #require(program.region())
        let x1: [LinearProgram.Term] = [(1, 1)]
        for index in program.equalities.indices {
            let relaxed = try #require(region.relaxing(equality: index))
            let rebuilt = try #require(program.removingEquality(at: index).region())
            let range = try #require(relaxed.range(of: x1))
            #expect(abs(range.min - 1) < 1e-9 && abs(range.max! - 4) < 1e-9, "without equality \(index)")
            #expect(Self.sameRanges(relaxed, rebuilt, [x1, [(0, 1)], [(2, 1)], [(0, 1), (2, -1)]]))
        }
    }
}

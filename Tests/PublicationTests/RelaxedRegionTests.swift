@testable import Publication
import Testing

/// A region relaxed in place (``LinearProgram/Region/relaxing(equalities:)``: equalities dropped from the
/// tableau at its current basis, without a phase 1) against the program less them solved anew.
@Suite struct RelaxedRegionTests {
    typealias Random = LinearProgramBruteForceTests.Random

    /// A random program over 3–6 variables with 2–6 equalities (repeated ones, sums of two others,
    /// single-variable ones that the presolve fixes) and bounding inequalities, from a known feasible
    /// point; and objectives to compare regions by.
    static func randomProgram(_ random: inout Random) -> (LinearProgram, [[LinearProgram.Term]]) {
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
        return (program, objectives)
    }

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
            let (program, objectives) = Self.randomProgram(&random)
            let region = try #require(program.region())
            for index in program.equalities.indices {
                let rebuilt = try #require(program.removingEquality(at: index).region())
                guard let relaxed = region.relaxing(equality: index) else {
                    anew += 1
                    continue
                }
                if relaxed.sharesTableau(with: region) { implied += 1 } else { inPlace += 1 }
                #expect(Self.sameRanges(relaxed, rebuilt, objectives), "equality \(index) of \(program.equalities)")
                // The region relaxed from stays right for its own program.
                #expect(Self.sameRanges(region, try #require(program.region()), objectives))
            }
        }
        #expect(inPlace > 100 && implied > 20 && anew > 20, "\(inPlace) in place, \(implied) implied, \(anew) anew")
    }

    /// Chains of relaxations on the same 300 random programs: up to four equalities dropped one after
    /// the other, each from the region relaxed before it (whose basis the optimisations have moved), and
    /// then all of them at once from the first region, agree with the program less them solved anew at
    /// every step; the region cache finds the same regions from its last program; chains that go on in
    /// place after an implied equality, and chains that must stop (an equality's combination used up),
    /// both occur.
    @Test func chainsOfRelaxationsAgreeWithRebuiltPrograms() throws {
        var random = Random(state: 7)
        var (steps, stopped, afterImplied) = (0, 0, 0)
        for _ in 0..<300 {
            let (program, objectives) = Self.randomProgram(&random)
            guard let first = program.region() else { continue }
            var current = program
            var region = first
            var removed: [Int] = []  // numbers in the first program
            var sawImplied = false
            for _ in 0..<min(4, program.equalities.count) {
                let number = random.next(0...(current.equalities.count - 1))
                let original = (0..<program.equalities.count).filter { !removed.contains($0) }[number]
                let next = current.removingEquality(at: number)
                let rebuilt = try #require(next.region())
                guard let relaxed = region.relaxing(equality: number) else {
                    stopped += 1
                    break
                }
                if sawImplied && !relaxed.sharesTableau(with: region) { afterImplied += 1 }
                if relaxed.sharesTableau(with: region) && region.equalityRows[number] >= 0 { sawImplied = true }
                #expect(Self.sameRanges(relaxed, rebuilt, objectives), "without \(removed + [original]) of \(program.equalities)")
                removed.append(original)
                current = next
                region = relaxed
                steps += 1
                // All at once from the first region, and through the cache from the first program.
                let found = try #require(program.equalitiesRemoved(toGet: current))
                #expect(found.count == removed.count)
                #expect(found.reversed().reduce(program) { $0.removingEquality(at: $1) }.hasSameConstraints(as: current))
                if let atOnce = first.relaxing(equalities: found) {
                    #expect(Self.sameRanges(atOnce, rebuilt, objectives))
                }
                let cache = DisclosureLedger.RegionCache()
                _ = cache.region(of: program, in: .participants)
                let cached = try #require(cache.region(of: current, in: .participants))
                #expect(Self.sameRanges(cached, rebuilt, objectives))
            }
        }
        #expect(steps > 300 && stopped > 20 && afterImplied > 5, "\(steps) steps, \(stopped) stopped, \(afterImplied) in place after an implied one")
    }

    /// A program is its last program less some equalities only when the rest is the same, in order.
    @Test func equalitiesRemovedNeedTheRestUnchanged() {
        var program = LinearProgram(variables: 3)
        program.require([(0, 1), (1, 1)], equals: 5)
        program.require([(1, 1), (2, 1)], equals: 4)
        program.require([(0, 1), (1, 1)], equals: 5)
        program.require([(2, 1)], atMost: 3)
        #expect(program.equalitiesRemoved(toGet: program) == [])
        #expect(program.equalitiesRemoved(toGet: program.removingEquality(at: 1)) == [1])
        // [A, B, A] less A and B is [A]: the first copy kept, the second dropped (the same program).
        #expect(program.equalitiesRemoved(toGet: program.removingEquality(at: 0).removingEquality(at: 0)) == [1, 2])
        var reordered = LinearProgram(variables: 3)
        reordered.require([(1, 1), (2, 1)], equals: 4)
        reordered.require([(0, 1), (1, 1)], equals: 5)
        reordered.require([(2, 1)], atMost: 3)
        #expect(program.equalitiesRemoved(toGet: reordered) == [0])  // the same program: the first copy dropped
        var otherValue = program.removingEquality(at: 2)
        otherValue.require([(0, 1)], equals: 1)
        #expect(program.equalitiesRemoved(toGet: otherValue) == nil)
        var otherBound = LinearProgram(variables: 3)
        otherBound.require([(0, 1), (1, 1)], equals: 5)
        otherBound.require([(2, 1)], atMost: 2)
        #expect(program.equalitiesRemoved(toGet: otherBound) == nil)
        #expect(program.equalitiesRemoved(toGet: LinearProgram(variables: 2)) == nil)
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

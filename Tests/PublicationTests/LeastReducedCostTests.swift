import Testing

@testable import Publication

/// The simplex method's entering column by Dantzig's rule: ``LinearProgram/Tableau/least(of:)`` (four
/// lanes at a time) and the first column holding it pick what a scan for a strictly smaller reduced
/// cost below −ε picks, on random vectors with ties, signed zeros, NaNs and every length up to 41.
@Suite struct LeastReducedCostTests {
    typealias Random = LinearProgramBruteForceTests.Random

    /// The scan the simplex method used: the first column whose cost is strictly below every earlier
    /// one and below −ε; −1 when none is.
    static func scan(_ values: [Double]) -> Int {
        var most = -LinearProgram.Tableau.epsilon
        var entering = -1
        for j in values.indices where values[j] < most {
            most = values[j]
            entering = j
        }
        return entering
    }

    static func pick(_ values: [Double]) -> Int {
        let least = values.withUnsafeBufferPointer { LinearProgram.Tableau.least(of: $0) }
        guard least < -LinearProgram.Tableau.epsilon else { return -1 }
        return values.firstIndex { $0 == least } ?? -1
    }

    @Test func pickIsTheScansOnRandomVectors() {
        var random = Random(state: 11)
        let palette: [Double] = [0, -0.0, 1, -1, -2, -2, 3.5, -1e-10, -1e-8, .nan, -0.25, -7, 2]
        var picked = 0
        for trial in 0..<4_000 {
            let count = trial % 42
            let values = (0..<count).map { _ in
                random.next(0...3) == 0 ? Double(random.next(-50...50)) / 8 : palette[random.next(0...(palette.count - 1))]
            }
            let expected = Self.scan(values)
            #expect(Self.pick(values) == expected, "\(values)")
            if expected >= 0 { picked += 1 }
        }
        #expect(picked > 2_000)
    }

    @Test func leastOfSmallVectors() {
        #expect(LinearProgram.Tableau.least(of: UnsafeBufferPointer(start: nil, count: 0)) == .infinity)
        let values: [Double] = [3, .nan, -1, 4, 5, -1, -6, 2, .nan]
        #expect(values.withUnsafeBufferPointer { LinearProgram.Tableau.least(of: $0) } == -6)
        #expect([Double.nan].withUnsafeBufferPointer { LinearProgram.Tableau.least(of: $0) } == .infinity)
        // The last lane of a group of four and the tail after the last whole group.
        #expect([0, 0, 0, -3, 0].withUnsafeBufferPointer { LinearProgram.Tableau.least(of: $0) } == -3)
        #expect([0, 0, 0, 0, -4].withUnsafeBufferPointer { LinearProgram.Tableau.least(of: $0) } == -4)
        #expect(Self.pick([-1, -5, 0, -5]) == 1)
        #expect(Self.pick([-1e-10, 0]) == -1)
    }
}

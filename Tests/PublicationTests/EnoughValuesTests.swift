@testable import Publication
import Testing

/// The pass asks of most hidden counts only whether their interval holds the values their protection
/// requires; the maximisation then stops once it does (``DisclosureLedger/interval(of:inSpace:region:requiring:)``).
@Suite struct EnoughValuesTests {
    typealias Random = LinearProgramBruteForceTests.Random

    /// On 300 random programs, for each objective and each requirement from 1 to 6 values: the stopped
    /// interval has the lower bound of the full one, an upper bound no higher, and holds the required
    /// values exactly when the full one does; stops that cut the upper bound short occur.
    @Test func aStoppedIntervalDecidesAsTheFullOne() throws {
        var random = Random(state: 11)
        var (questions, cut) = (0, 0)
        for _ in 0..<300 {
            let (program, objectives) = RelaxedRegionTests.randomProgram(&random)
            guard let full = program.region(), let stopped = program.region() else { continue }
            for objective in objectives {
                for required in 1...6 {
                    let exact = DisclosureLedger.interval(of: full.range(of: objective))
                    let early = DisclosureLedger.interval(of: stopped.range(of: objective, enough: DisclosureLedger.enough(required)))
                    #expect(early.lower == exact.lower)
                    func width(_ interval: (lower: Int, upper: Int?)) -> Int { interval.upper.map { $0 - interval.lower + 1 } ?? Int.max }
                    #expect((width(early) >= required) == (width(exact) >= required), "\(objective) needing \(required)")
                    if let upper = exact.upper { #expect(early.upper! <= upper) }
                    if early.upper != exact.upper { cut += 1 }
                    questions += 1
                }
            }
        }
        #expect(questions > 5000 && cut > 100, "\(questions) questions, \(cut) cut short")
    }

    /// x + y = 4 with x, y ≤ 3: x ∈ [1, 3]. Needing 2 values, the maximisation may stop at x = 2.
    @Test func theTargetIsTheUpperBoundTheRequirementNeeds() throws {
        #expect(DisclosureLedger.enough(2)(1) == 2 - 0.5e-6)
        #expect(DisclosureLedger.enough(5)(0.3) == 5 - 0.5e-6)  // lower bound 1: 1…5
        #expect(DisclosureLedger.enough(1)(3.0000001) == 3 - 0.5e-6)
        var program = LinearProgram(variables: 2)
        program.require([(0, 1), (1, 1)], equals: 4)
        program.require([(0, 1)], atMost: 3)
        program.require([(1, 1)], atMost: 3)
        let region = try #require(program.region())
        let interval = DisclosureLedger.interval(of: region.range(of: [(0, 1)], enough: DisclosureLedger.enough(2)))
        #expect(interval.lower == 1 && interval.upper! >= 2 && interval.upper! <= 3)
        #expect(DisclosureLedger.interval(of: region.range(of: [(0, 1)])) == (1, 3))
    }
}

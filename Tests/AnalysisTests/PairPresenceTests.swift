@testable import Analysis
import Testing
import TestSupport

/// `PairPresence`: the pairs of co-occurrence codes in the disclosure basis, counted in one pass over the
/// participants.
@Suite struct PairPresenceTests {
    @Test func pairIndicesNumberEveryPairOnceInOrder() {
        for n in 2...9 {
            var expected = 0
            for first in 0..<n {
                for second in (first + 1)..<n {
                    #expect(PairPresence.pairIndex(first, second, of: n) == expected)
                    expected += 1
                }
            }
            #expect(expected == n * (n - 1) / 2)
        }
    }

    /// The fixture of ``CooccurrenceTests``: KZ-1 has busy job, low efficacy and fund-raising; KZ-2 busy job
    /// and fund-raising; UK-1 busy job and low efficacy (C2's fund-raising for UK-1 is not analysed).
    @Test func basisPairsCountTheParticipantsWithBothCodes() throws {
        let results = try analysed(try StudyFixture(segments: CooccurrenceTests.segments))
        let basis = try #require(results.basis)
        func both(_ first: String, _ second: String) throws -> [Int] {
            try #require(basis.pairs.first { $0.first == first && $0.second == second }).counts
        }
        let country = basis.profiles.map { $0[0] }
        func perCountry(_ counts: [Int]) -> [String: Int] {
            Dictionary(zip(country, counts).map { ($0, $1) }, uniquingKeysWith: +)
        }
        #expect(perCountry(try both("bar_busy_job", "bar_low_efficacy")) == ["KZ": 1, "UK": 1])
        #expect(perCountry(try both("bar_busy_job", "bar_fundraising")) == ["KZ": 2, "UK": 0])
        #expect(perCountry(try both("bar_low_efficacy", "bar_fundraising")) == ["KZ": 1, "UK": 0])
        #expect(perCountry(try both("bar_child_reluctance", "bar_instruction_language")) == ["KZ": 0, "UK": 0])
        // Every pair of the table's five codes, once.
        let five: Set = ["bar_busy_job", "bar_low_efficacy", "bar_child_reluctance", "bar_instruction_language", "bar_fundraising"]
        #expect(basis.pairs.filter { five.contains($0.first) && five.contains($0.second) }.count == 10)
    }
}

import Analysis
@testable import Publication
import Testing

/// A trial region that optimises the space's own tableau (``DisclosurePass/isSame(_:as:)``: the
/// candidate's equality is implied by the others) is the same region: every count has there the
/// interval it has in the space's region and in the program built again without the candidate, so the
/// pass takes a failing count's width in it from its check instead of asking again.
@Suite struct SharedTrialTests {
    @Test func aTrialOnTheSameTableauIsTheSameRegion() throws {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let (ledger, _, _) = try pass.protectedLedger(results, extraTables: [], basis: nil)
        var shared = 0, relaxed = 0
        for space in ledger.spaces where !space.isPair || ledger.publishesPairCount(space) {
            let numbered = ledger.numberedProgram(for: space)
            let measured = ledger.quantities(in: space).filter(ledger.isHidden)
            let candidates = (ledger.quantities(in: space) + (space.bases.map(ledger.quantities(in:)) ?? []))
                .filter { !ledger.isHidden($0) }
            for candidate in candidates.prefix(12) {
                let region = numbered.program.region()
                let trial = ledger.trialRegion(numbered, region, hiding: candidate)
                guard pass.isSame(trial, as: region) else {
                    relaxed += 1
                    continue
                }
                let rebuilt = ledger.program(for: space, treatingAsHidden: [candidate]).region()
                for quantity in measured {
                    let before = ledger.interval(of: quantity, inSpace: space, region: region)
                    let a = ledger.interval(of: quantity, inSpace: space, region: trial)
                    let b = ledger.interval(of: quantity, inSpace: space, region: rebuilt)
                    #expect(a.lower == b.lower && a.upper == b.upper && a.lower == before.lower && a.upper == before.upper,
                        "\(quantity) without \(candidate)")
                }
                shared += 1
            }
        }
        #expect(shared >= 10 && relaxed >= 10)
    }
}

import Analysis
@testable import Publication
import Testing

/// A trial program (the space's program with one more published count treated as hidden) taken from the
/// space's numbered program less one equality, and the trial region relaxed from the space's region,
/// give the same bounds as the program built again.
@Suite struct TrialProgramTests {
    @Test func trialProgramsGiveTheBoundsOfRebuiltPrograms() throws {
        let ledger = try CooccurrenceDisclosureTests.ledger()
        var trials = 0
        for space in ledger.spaces {
            let numbered = ledger.numberedProgram(for: space)
            let candidates = ledger.quantities(in: space) + (space.bases.map(ledger.quantities(in:)) ?? [])
                + ledger.pairedRows(space).flatMap(ledger.quantities(in:))
            let measured = ledger.quantities(in: space) + ledger.pairedRows(space).flatMap(ledger.quantities(in:))
            for candidate in candidates where !ledger.isHidden(candidate) {
                #expect(ledger.equality(of: candidate, in: numbered) != nil)
                let trial = ledger.trialProgram(numbered, hiding: candidate).region()
                let relaxed = ledger.trialRegion(numbered, numbered.program.region(), hiding: candidate)
                let rebuilt = ledger.program(for: space, treatingAsHidden: [candidate]).region()
                #expect((trial == nil) == (rebuilt == nil) && (relaxed == nil) == (rebuilt == nil))
                for quantity in measured {
                    let a = ledger.interval(of: quantity, inSpace: space, region: trial)
                    let b = ledger.interval(of: quantity, inSpace: space, region: rebuilt)
                    let c = ledger.interval(of: quantity, inSpace: space, region: relaxed)
                    #expect(a.lower == b.lower && a.upper == b.upper, "\(quantity) without \(candidate)")
                    #expect(c.lower == b.lower && c.upper == b.upper, "\(quantity) without \(candidate), relaxed")
                }
                trials += 1
            }
        }
        #expect(trials >= 10)
    }
}

/// A space's region is reused only for the same program: after a count is hidden, the program differs
/// and its region is found again.
@Suite struct RegionCacheTests {
    @Test func aRegionIsReusedOnlyForTheSameProgram() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let space = Space.row(kind: .code, id: "a")
        let total = Quantity.row(kind: .code, id: "a", atoms: [0, 1])
        let fathers = Quantity.row(kind: .code, id: "a", atoms: [0])
        let first = ledger.region(of: ledger.program(for: space), in: space)
        let again = ledger.region(of: ledger.program(for: space), in: space)
        #expect(ledger.interval(of: fathers, in: first) == (0, 9))
        #expect(ledger.interval(of: fathers, in: again) == ledger.interval(of: fathers, in: ledger.program(for: space).region()))
        ledger.hide(total, .complementary)
        let after = ledger.region(of: ledger.program(for: space), in: space)
        #expect(ledger.interval(of: total, in: after) == ledger.interval(of: total, in: ledger.program(for: space).region()))
        #expect(ledger.interval(of: total, in: after).upper == 20)
        #expect(!ledger.program(for: space).hasSameConstraints(as: try CooccurrenceDisclosureTests.ledger().program(for: space)))
    }
}

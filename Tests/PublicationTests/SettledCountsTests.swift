import Analysis
@testable import Publication
import Testing

/// The counts the pass settles without a linear program: a hidden count whose protection is one value
/// (a complementary count) keeps it whatever is published, since its true value is always possible.
@Suite struct SettledCountsTests {
    /// `unsettled` keeps the hidden counts not yet passed, in order, and passes those that need one
    /// value without asking for their interval.
    @Test func countsNeedingOneValuePassWithoutAProgram() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let fathers = Quantity.row(kind: .code, id: "a", atoms: [0])  // primary: 5 values (k = 5)
        let mothers = Quantity.row(kind: .code, id: "a", atoms: [1])  // complementary: 1 value
        let both = Quantity.row(kind: .code, id: "a", atoms: [0, 1])
        ledger.hide(both, .fullCell)  // 2 values
        let pass = DisclosurePass(minimumCount: 5)
        var passed = Set<Quantity>()
        var asked: [Quantity] = []
        let pool = ledger.quantities(in: fathers.space)
        let hidden = pass.unsettled(pool, in: ledger, passed: &passed) { quantity in
            asked.append(quantity)
            return pass.required(quantity, ledger)
        }
        #expect(hidden == [fathers, both])
        #expect(passed == [mothers])
        #expect(asked == [fathers, mothers, both])
        // Passed counts are not asked again.
        passed.insert(fathers)
        #expect(pass.unsettled(pool, in: ledger, passed: &passed) { pass.required($0, ledger) } == [both])
    }

    /// On the sample, every hidden count the pass settled without a program (a complementary count)
    /// keeps at least one value in every program the audit asks it of: the programs would have passed it.
    @Test func complementaryCountsOfTheSampleKeepAValueInTheirPrograms() throws {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let (ledger, _, _) = try pass.protectedLedger(results, extraTables: [], basis: nil)
        var checked = 0
        for quantity in ledger.quantities where ledger[quantity]?.hidden == .complementary {
            let interval = ConcurrentDisclosureTests.interval(of: quantity, in: ledger)
            #expect(pass.width(interval) >= 1, "\(quantity)")
            checked += 1
        }
        #expect(checked > 50, "\(checked) complementary counts")
    }

    /// The structural width of a pair count, from the ledger's bare region of the pair's space, is the
    /// one from the program with the space's pair counts treated as hidden.
    @Test func theBareRegionIsTheProgramWithNoPairCount() throws {
        let ledger = try CooccurrenceDisclosureTests.ledger()
        let space = Space.pair(first: "a", second: "b")
        let both = Quantity.pair(first: "a", second: "b", atoms: [0, 1])
        let anew = ledger.program(for: space, treatingAsHidden: Set(ledger.quantities(in: space))).region()
        #expect(ledger.interval(of: both, inSpace: space, region: ledger.bareRegion(of: space)) == (0, 6))
        #expect(ledger.interval(of: both, inSpace: space, region: anew) == (0, 6))
    }
}

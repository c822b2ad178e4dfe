import Analysis
@testable import Publication
import Testing

/// An item space's program writes, of the lower bounds that other items' published numbers who answered
/// put on the same respondents, only the largest (`DisclosureLedger.program(for:)`): the same region as
/// with every bound written, so every count of every item space keeps the same interval.
@Suite struct ItemLowerBoundTests {
    /// Every item space of the sample's protected ledger, its program against the same program with every
    /// other item's bound written again (the bounds the program left out, and those it kept, once more):
    /// the same interval for each of the space's counts, hidden or published; and some bounds were left out.
    @Test func theLargestBoundKeepsEveryInterval() throws {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let ledger = try pass.protectedLedger(results, extraTables: [], basis: nil).0
        var compared = 0, leftOut = 0
        for space in ledger.spaces {
            guard case .item(let instrument, let item) = space else { continue }
            let program = ledger.program(for: space)
            var full = program
            let survey = try #require(ledger.basis.surveys.first { $0.instrumentID == instrument })
            let respondents = program.variableCount - survey.profiles.count
            var written = 0
            var sets = Set<[Int]>()
            for other in ledger.spaces {
                guard case .item(instrument, let otherItem) = other, otherItem != item else { continue }
                for quantity in ledger.quantities(in: other) {
                    guard case .answered(_, _, let atoms) = quantity, !ledger.isHidden(quantity) else { continue }
                    let missing = Quantity.noAnswer(instrument: instrument, item: otherItem, atoms: atoms)
                    if let entry = ledger[missing], entry.hidden == nil { continue }
                    full.require(atoms.map { (respondents + $0, -1.0) }, atMost: Double(-ledger[quantity]!.value))
                    written += 1
                    sets.insert(atoms)
                }
            }
            // An item program has no other inequalities: one bound is kept per set of atoms.
            #expect(program.inequalities.count == sets.count, "\(space)")
            leftOut += written - program.inequalities.count
            let (reduced, every) = (program.region(), full.region())
            for quantity in ledger.quantities(in: space) {
                let a = ledger.interval(of: quantity, inSpace: space, region: reduced)
                let b = ledger.interval(of: quantity, inSpace: space, region: every)
                #expect(a.lower == b.lower && a.upper == b.upper, "\(quantity)")
                compared += 1
            }
        }
        #expect(compared > 100)
        #expect(leftOut > 0)
    }
}

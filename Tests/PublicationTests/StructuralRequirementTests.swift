import Analysis
@testable import Publication
import Testing

/// The pass records each pair count's structural requirement (its rule, at most its width with no pair
/// count of its space published), and the audit reads it instead of solving the bare program again: the
/// same requirement, and the same audit, as with the bare programs solved anew.
@Suite struct StructuralRequirementTests {
    /// The sample's pass and the ledger it protected.
    static func protected() throws -> (pass: DisclosurePass, ledger: DisclosureLedger) {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        return (pass, try pass.protectedLedger(results, extraTables: [], basis: nil).0)
    }

    @Test func recordedRequirementsAreThoseOfTheBarePrograms() throws {
        let (pass, ledger) = try Self.protected()
        var recorded = 0
        for quantity in ledger.quantities where ledger.isHidden(quantity) {
            guard case .pair = quantity, pass.required(quantity, ledger) > 1 else {
                #expect(ledger.structuralRequirements[quantity] == nil)
                continue
            }
            let anew = pass.requiredInPair(quantity, space: quantity.space, ledger: ledger)
            if ledger.publishesPairCount(quantity.space) {
                #expect(ledger.structuralRequirements[quantity] == anew, "\(quantity)")
                recorded += 1
            } else {
                // No pair count published: the space's own program is the bare program.
                #expect(ledger.structuralRequirements[quantity] == nil)
                let own = pass.width(ledger.interval(of: quantity, in: ledger.program(for: quantity.space).region()))
                #expect(anew == min(pass.required(quantity, ledger), own), "\(quantity)")
            }
        }
        #expect(recorded > 0)
    }

    /// The width at the true counts is a lower bound on the bare program's width, for every pair count
    /// (hidden or not), and settles some of them.
    @Test func theWidthAtTrueCountsBoundsTheBareProgramsWidth() throws {
        let (pass, ledger) = try Self.protected()
        var settled = 0, pairs = 0
        for space in ledger.spaces where space.isPair {
            let bare = ledger.bareRegion(of: space)
            for quantity in ledger.quantities(in: space) {
                let atTruth = ledger.widthAtTrueCounts(of: quantity)
                let width = pass.width(ledger.interval(of: quantity, inSpace: space, region: bare))
                #expect(atTruth >= 1 && atTruth <= width, "\(quantity)")
                if atTruth >= pass.minimumCount { settled += 1 }
                pairs += 1
            }
        }
        #expect(pairs > 100 && settled > 0)
    }

    @Test func theAuditIsTheSameWithTheBareProgramsSolvedAnew() throws {
        let (pass, ledger) = try Self.protected()
        var unrecorded = ledger
        unrecorded.structuralRequirements = [:]
        let a = try DisclosureAudit(ledger: ledger, minimumCount: pass.minimumCount)
        let b = try DisclosureAudit(ledger: unrecorded, minimumCount: pass.minimumCount)
        #expect(a.csv() == b.csv())
        #expect(a.hiddenCounts == b.hiddenCounts && a.narrowest == b.narrowest)
    }
}

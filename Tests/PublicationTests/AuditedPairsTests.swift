import Analysis
@testable import Publication
import Testing

/// Each pair space's task answers the audit's questions of its program as it protects the space
/// (``DisclosureLedger/auditPairProgram(_:program:)``), and lets the region go: the same answers as the
/// program solved anew, and the same audit as without them.
@Suite struct AuditedPairsTests {
    /// The sample's pass and the ledger it protected.
    static func protected() throws -> (pass: DisclosurePass, ledger: DisclosureLedger) {
        try StructuralRequirementTests.protected()
    }

    @Test func theAnswersAreThoseOfTheProgramsSolvedAnew() throws {
        let (_, ledger) = try Self.protected()
        var answered = 0, spaces = 0
        for space in ledger.spaces where space.isPair {
            let audited = try #require(ledger.auditedPairs[space])
            #expect(audited.quantities.count == audited.intervals.count)
            let region = ledger.program(for: space).region()
            for (quantity, interval) in zip(audited.quantities, audited.intervals) {
                #expect(ledger.isHidden(quantity))
                let anew = ledger.interval(of: quantity, inSpace: space, region: region)
                #expect(anew.lower == interval.lower && anew.upper == interval.upper, "\(quantity)")
                answered += 1
            }
            // Its own hidden pair counts, and its codes' hidden counts when it publishes a pair count.
            let asked = ledger.quantities(in: space) + (ledger.publishesPairCount(space) ? ledger.pairedRows(space).flatMap { ledger.quantities(in: $0) } : [])
            #expect(Set(audited.quantities) == Set(asked.filter { ledger.isHidden($0) }))
            #expect(audited.quantities.map { ledger.number(of: $0)! } == audited.quantities.map { ledger.number(of: $0)! }.sorted())
            spaces += 1
        }
        #expect(spaces > 100 && answered > 100)
    }

    @Test func theAuditIsTheSameWithoutThem() throws {
        let (pass, ledger) = try Self.protected()
        var unanswered = ledger
        unanswered.auditedPairs = [:]
        for concurrently in [true, false] {
            let a = try DisclosureAudit(ledger: ledger, minimumCount: pass.minimumCount, concurrently: concurrently)
            let b = try DisclosureAudit(ledger: unanswered, minimumCount: pass.minimumCount, concurrently: concurrently)
            #expect(a.csv() == b.csv())
            #expect(a.hiddenCounts == b.hiddenCounts && a.narrowest == b.narrowest)
        }
    }

    /// The program ``DisclosurePass/protectPair(_:in:)`` hands to the audit's answers is the space's
    /// program built anew (the same constraints and numbering), and the answers from it are those from
    /// the program built anew.
    @Test func theProgramHandedOnIsTheOneBuiltAnew() throws {
        let (pass, ledger) = try Self.protected()
        var handed = 0
        for space in ledger.spaces where space.isPair {
            var own = ledger
            guard let last = pass.protectPair(space, in: &own) else { continue }
            let anew = own.numberedProgram(for: space)
            #expect(last.program.hasSameConstraints(as: anew.program))
            #expect(last.equalities == anew.equalities)
            let reused = try #require(own.auditPairProgram(space, program: last.program))
            let built = try #require(own.auditPairProgram(space))
            #expect(reused.quantities == built.quantities)
            #expect(reused.intervals.map(\.lower) == built.intervals.map(\.lower) && reused.intervals.map(\.upper) == built.intervals.map(\.upper))
            handed += 1
        }
        #expect(handed > 10)
    }

    /// A pair space that hid a count: the program handed on is the one built after it, without that
    /// count's equality.
    @Test func theProgramHandedOnAfterAHideIsBuiltAfterIt() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let pair = Space.pair(first: "a", second: "b")
        let count = Quantity.pair(first: "a", second: "b", atoms: [0, 1])
        let before = ledger.numberedProgram(for: pair)
        let last = try #require(DisclosurePass(minimumCount: 5).protectPair(pair, in: &ledger))
        #expect(ledger.isHidden(count))
        #expect(!last.program.hasSameConstraints(as: before.program))
        #expect(last.program.hasSameConstraints(as: ledger.program(for: pair)))
        #expect(ledger.equality(of: count, in: before) != nil && ledger.equality(of: count, in: last) == nil)
    }

    /// Answers for other questions than the audit asks are not taken.
    @Test func answersToOtherQuestionsAreNotTaken() throws {
        let (_, ledger) = try Self.protected()
        let space = try #require(ledger.spaces.first { ledger.auditedPairs[$0]?.quantities.count ?? 0 >= 2 })
        let audited = ledger.auditedPairs[space]!
        #expect(ledger.auditedIntervals(of: space, for: audited.quantities) != nil)
        #expect(ledger.auditedIntervals(of: space, for: Array(audited.quantities.reversed())) == nil)
        #expect(ledger.auditedIntervals(of: space, for: Array(audited.quantities.dropLast())) == nil)
        // A count hidden since: the program may be another, so none is taken.
        var later = ledger
        let published = try #require(later.quantities.first { !later.isHidden($0) })
        later.hide(published, .complementary)
        #expect(later.auditedIntervals(of: space, for: audited.quantities) == nil)
    }
}

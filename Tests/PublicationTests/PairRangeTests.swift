import Analysis
@testable import Publication
import Testing

/// A hidden count's interval in a pair of codes' program found without optimising it
/// (``DisclosureLedger/rangeInPair(number:in:)``): a code's count from the ends of its row's interval, a
/// pair count from its codes' published counts; where the points that show the ends are reached complete
/// to points of the pair's program, the program solved anew gives the same interval; where they do not,
/// it is asked.
@Suite struct PairRangeTests {
    /// Every hidden count of every pair space's code rows in every pair space that publishes a pair count,
    /// and every hidden pair count of every pair space: the range found without optimising, when there is
    /// one, is the range of the pair's program solved anew.
    @Test func aRangeFoundWithoutOptimisingIsTheProgramsRange() throws {
        let (_, ledger) = try StructuralRequirementTests.protected()
        #expect(!ledger.codeExtremes.isEmpty)
        var found = (codes: 0, pairs: 0), asked = (codes: 0, pairs: 0)
        for space in ledger.spaces where space.isPair {
            let program = ledger.program(for: space)
            let region = program.region()
            let codes = ledger.publishesPairCount(space) ? ledger.pairedRows(space).flatMap { ledger.numbers(in: $0) } : []
            for number in ledger.numbers(in: space) + codes where ledger.isHidden(number: number) {
                let quantity = ledger.quantities[number]
                let isPair = quantity.space.isPair
                let anew = try #require(region?.range(of: ledger.terms(quantity, in: space)))
                guard let range = ledger.rangeInPair(number: number, space: space) else {
                    if isPair { asked.pairs += 1 } else { asked.codes += 1 }
                    continue
                }
                let upper = try #require(range.max), upperAnew = try #require(anew.max)
                #expect(abs(range.min - anew.min) < 1e-6 && abs(upper - upperAnew) < 1e-6, "\(quantity) in \(space)")
                #expect(DisclosureLedger.interval(of: range) == DisclosureLedger.interval(of: anew))
                if isPair { found.pairs += 1 } else { found.codes += 1 }
            }
        }
        #expect(found.codes > 500 && found.pairs > 50)
        #expect(asked.codes > 0 && asked.pairs > 0)
    }

    /// The ends recorded for a code row: the row's exact interval solved anew, each at a point of the row's
    /// program where the count takes that value, with group sizes that keep it one; the audit's answers of
    /// the row's program are those intervals; the true counts are a point of every row's program.
    @Test func theRowsEndsArePointsOfItsProgramAtItsInterval() throws {
        let (_, ledger) = try StructuralRequirementTests.protected()
        var checked = 0, rows = 0
        for row in ledger.pairedCodeRows() {
            guard case .row(_, let id) = row else { continue }
            #expect(ledger.codesAtTruth.contains(id))
            let program = ledger.program(for: row)
            let region = program.region()
            let hidden = ledger.hiddenQuantities(in: row)
            rows += 1
            guard !hidden.isEmpty else {
                #expect(ledger.auditedPairs[row] == nil)
                continue
            }
            let audited = try #require(ledger.auditedPairs[row])
            #expect(audited.quantities == hidden)
            for (quantity, interval) in zip(audited.quantities, audited.intervals) {
                let number = try #require(ledger.number(of: quantity))
                let extremes = try #require(ledger.codeExtremes[number])
                let anew = try #require(region?.range(of: ledger.terms(quantity, in: row)))
                #expect(abs(extremes.min - anew.min) < 1e-6 && abs(extremes.max - anew.max!) < 1e-6)
                #expect(DisclosureLedger.interval(of: anew) == interval)
                #expect(extremes.ends.count == 2)
                for (end, value) in zip(extremes.ends, [extremes.min, extremes.max]) {
                    #expect(!end.sizes.isEmpty)
                    for sizes in end.sizes {
                        #expect(program.holds(at: end.counts + sizes, tolerance: 1e-7))
                    }
                    let sum = quantity.atoms.reduce(0) { $0 + end.counts[$1] }
                    #expect(abs(sum - value) < 1e-7)
                }
                checked += 1
            }
        }
        #expect(rows > 10 && checked > 20)
    }

    /// Where the pair's program narrows a code count below its row's interval, its ends do not complete
    /// and the program is asked: a's fathers are 0…9 in a's row, 0…3 with the published pair count
    /// (``CooccurrenceDisclosureTests/ledger()``). With the pair count hidden, the row's interval is the
    /// pair program's, and is found from the ends.
    @Test func aPairProgramThatNarrowsTheCountIsAsked() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let fathers = Quantity.row(kind: .code, id: "a", atoms: [0])
        let number = try #require(ledger.number(of: fathers))
        let pair = Space.pair(first: "a", second: "b")
        Self.recordEnds(in: &ledger)
        #expect(ledger.codeExtremes[number].map { [$0.min, $0.max] } == [0, 9])
        #expect(ledger.codesAtTruth == ["a", "b"])
        #expect(ledger.rangeInPair(number: number, space: pair) == nil)
        #expect(ledger.interval(of: fathers, inSpace: pair, region: ledger.program(for: pair).region()) == (0, 3))

        ledger.hide(.pair(first: "a", second: "b", atoms: [0, 1]), .complementary)
        let range = try #require(ledger.rangeInPair(number: number, space: pair))
        #expect(DisclosureLedger.interval(of: range) == (0, 9))
        #expect(ledger.interval(of: fathers, inSpace: pair, region: ledger.program(for: pair).region()) == (0, 9))
        // Not a count of the pair's codes, or a pair count: no range.
        let pairCount = try #require(ledger.number(of: .pair(first: "a", second: "b", atoms: [0, 1])))
        #expect(ledger.rangeInPair(number: pairCount, space: pair) == nil)
        #expect(ledger.rangeInPair(number: number, space: .pair(first: "b", second: "c")) == nil)
        // The other code's true counts not a point of its row's program: no range.
        ledger.codesAtTruth = ["a"]
        #expect(ledger.rangeInPair(number: number, space: pair) == nil)
    }

    /// A hidden pair count lies within `max(0, A + B − n)…min(A, B)` of its codes' and group's published
    /// counts; where the codes' true counts reach both ends, that is its interval (one group of 10: a 9,
    /// b 5, both 4 hidden: 4…5); where the codes' counts are published atom by atom and keep it below
    /// (a 5 fathers, b 5 mothers: both 0, not 5), or one of those counts is not published, the program
    /// is asked.
    @Test func aPairCountFromItsCodesPublishedCounts() throws {
        func ledger(_ profiles: [[String]], sizes: [Int], a: [Int], b: [Int], both: [Int]) throws -> DisclosureLedger {
            let basis = DisclosureBasis(
                variables: ["country", "role"], profiles: profiles, participants: sizes,
                rows: [BasisRow(kind: .code, id: "a", counts: a), BasisRow(kind: .code, id: "b", counts: b)], surveys: [],
                pairs: [BasisPair(first: "a", second: "b", counts: both)])
            var ledger = DisclosureLedger(basis: basis)
            let all = Array(sizes.indices)
            func place(_ row: String, _ column: String) -> DisclosureLedger.Place { .init(table: "t", row: row, column: column) }
            for atom in all where sizes.count > 1 {
                try ledger.register(.participants(atoms: [atom]), value: sizes[atom], at: place("base", "\(atom)"))
                try ledger.register(.row(kind: .code, id: "a", atoms: [atom]), value: a[atom], at: place("code:a", "\(atom)"))
                try ledger.register(.row(kind: .code, id: "b", atoms: [atom]), value: b[atom], at: place("code:b", "\(atom)"))
            }
            try ledger.register(.participants(atoms: all), value: sizes.reduce(0, +), at: place("base", "all"))
            try ledger.register(.row(kind: .code, id: "a", atoms: all), value: a.reduce(0, +), at: place("code:a", "all"))
            try ledger.register(.row(kind: .code, id: "b", atoms: all), value: b.reduce(0, +), at: place("code:b", "all"))
            try ledger.register(.pair(first: "a", second: "b", atoms: all), value: both.reduce(0, +), at: place("pair:a|b", "all"))
            ledger.hide(.pair(first: "a", second: "b", atoms: all), .primary)
            Self.recordEnds(in: &ledger)
            return ledger
        }
        let pair = Space.pair(first: "a", second: "b")
        let reached = try ledger([["KZ", "mother"]], sizes: [10], a: [9], b: [5], both: [4])
        let count = try #require(reached.number(of: .pair(first: "a", second: "b", atoms: [0])))
        let range = try #require(reached.rangeInPair(number: count, space: pair))
        #expect(DisclosureLedger.interval(of: range) == (4, 5))
        #expect(reached.interval(of: reached.quantities[count], in: reached.program(for: pair).region()) == (4, 5))

        let apart = try ledger([["KZ", "father"], ["KZ", "mother"]], sizes: [10, 10], a: [5, 0], b: [0, 5], both: [0, 0])
        let apartCount = try #require(apart.number(of: .pair(first: "a", second: "b", atoms: [0, 1])))
        #expect(apart.rangeInPair(number: apartCount, space: pair) == nil)
        #expect(apart.interval(of: apart.quantities[apartCount], in: apart.program(for: pair).region()) == (0, 0))

        var unpublished = reached
        unpublished.hide(.row(kind: .code, id: "b", atoms: [0]), .complementary)
        Self.recordEnds(in: &unpublished)
        #expect(unpublished.rangeInPair(number: count, space: pair) == nil)
    }

    /// Each pair space protected with and without the rows' ends: the same hides, the same structural
    /// requirements, the same program handed on (or none, when the ends gave every interval of the last
    /// round), and the same answers to the audit.
    @Test func aPairIsProtectedTheSameWithoutTheEnds() throws {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        // The sample's ledger as the crosstabs left it, before the pairs.
        var unpaired = try pass.protectedBeforePairs(results, extraTables: [], basis: nil).0
        let without = unpaired
        #expect(without.codeExtremes.isEmpty)
        Self.recordEnds(in: &unpaired)
        #expect(!unpaired.codeExtremes.isEmpty)
        var spaces = 0, built = 0
        for space in unpaired.spaces where space.isPair {
            var a = unpaired, b = without
            let lastA = pass.protectPair(space, in: &a), lastB = pass.protectPair(space, in: &b)
            #expect(a.hiddenQuantities(in: space) == b.hiddenQuantities(in: space))
            #expect(a.structuralRequirements == b.structuralRequirements)
            // Without the program when every interval of its last round came from the rows' ends.
            #expect(lastA == nil || lastA?.equalities == lastB?.equalities)
            if lastA == nil, lastB != nil { built += 1 }
            let answersA = a.auditPairProgram(space, program: lastA?.program), answersB = b.auditPairProgram(space, program: lastB?.program)
            #expect(answersA?.quantities == answersB?.quantities)
            #expect(answersA?.intervals.map(\.lower) == answersB?.intervals.map(\.lower))
            #expect(answersA?.intervals.map(\.upper) == answersB?.intervals.map(\.upper))
            spaces += 1
        }
        #expect(spaces > 100 && built > 10)
    }

    /// Records the pairs' code rows' ends and true points as ``DisclosurePass/protectPairs(in:)`` does.
    static func recordEnds(in ledger: inout DisclosureLedger) {
        for row in ledger.pairedCodeRows() {
            let found = ledger.codeRow(row)
            for (number, ends) in found.extremes { ledger.codeExtremes[number] = ends }
            if found.holdsAtTruth, case .row(_, let id) = row { ledger.codesAtTruth.insert(id) }
        }
    }

    /// A point holds a program's constraints within the tolerance, or does not.
    @Test func aPointHoldsTheConstraintsOrNot() {
        var program = LinearProgram(variables: 2)
        program.require([(0, 1), (1, 1)], equals: 3)
        program.require([(0, 1)], atMost: 2)
        #expect(program.holds(at: [1, 2], tolerance: 1e-7))
        #expect(program.holds(at: [2, 1 + 5e-8], tolerance: 1e-7))
        #expect(!program.holds(at: [3, 0], tolerance: 1e-7))
        #expect(!program.holds(at: [1, 1], tolerance: 1e-7))
        #expect(!program.holds(at: [-1, 4], tolerance: 1e-7))
        #expect(!program.holds(at: [1], tolerance: 1e-7))
    }
}

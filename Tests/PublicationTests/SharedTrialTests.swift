import Analysis
@testable import Publication
import Testing

/// A trial region that optimises the space's own tableau (``DisclosureLedger/trialKeepsRegion(_:_:hidingNumber:)``:
/// the candidate's equality is implied by the others) is the same region: every count has there the
/// interval it has in the space's region and in the program built again without the candidate, so the
/// pass takes a failing count's width in it from its check instead of asking again.
@Suite struct SharedTrialTests {
    /// The sample's protected ledger.
    private static func protectedSample() throws -> DisclosureLedger {
        let results = try SampleReport.shared.get().results
        return try DisclosurePass(minimumCount: results.minimumCount).protectedLedger(results, extraTables: [], basis: nil).0
    }

    @Test func aTrialOnTheSameTableauIsTheSameRegion() throws {
        let ledger = try Self.protectedSample()
        var shared = 0, relaxed = 0
        for space in ledger.spaces where !space.isPair || ledger.publishesPairCount(space) {
            let numbered = ledger.numberedProgram(for: space)
            let measured = ledger.quantities(in: space).filter(ledger.isHidden)
            let candidates = (ledger.quantities(in: space) + (space.bases.map(ledger.quantities(in:)) ?? []))
                .filter { !ledger.isHidden($0) }
            for candidate in candidates.prefix(12) {
                let region = numbered.program.region()
                let trial = ledger.trialRegion(numbered, region, hiding: candidate)
                guard Self.isSame(trial, as: region) else {
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

    /// Whether a trial region made is the region itself (what the pass asked before it could tell
    /// without making the trial).
    static func isSame(_ trial: LinearProgram.Region?, as region: LinearProgram.Region?) -> Bool {
        guard let trial, let region else { return false }
        return trial.sharesTableau(with: region)
    }

    /// `trialKeepsRegion` says, without making the trial region, whether the trial region made would
    /// share the space's tableau: for every published and hidden count of every space of the sample's
    /// protected ledger (a hidden one has no equality in the program), and with no region.
    @Test func keepingTheTableauIsToldWithoutMakingTheTrial() throws {
        let ledger = try Self.protectedSample()
        var kept = 0, notKept = 0
        for space in ledger.spaces where !space.isPair || ledger.publishesPairCount(space) {
            let numbered = ledger.numberedProgram(for: space)
            let region = numbered.program.region()
            let pool = ledger.numbers(in: space) + (space.bases.map { ledger.numbers(in: $0) } ?? [])
            for number in pool {
                let made = Self.isSame(ledger.trialRegion(numbered, region, hidingNumber: number), as: region)
                #expect(ledger.trialKeepsRegion(numbered, region, hidingNumber: number) == made, "\(ledger.quantities[number])")
                #expect(!ledger.trialKeepsRegion(numbered, nil, hidingNumber: number))
                if made { kept += 1 } else { notKept += 1 }
            }
        }
        #expect(kept >= 100 && notKept >= 100, "\(kept) kept, \(notKept) not")
    }

    /// On regions relaxed already (some rows blocked), `keepsTableau(relaxingEquality:)` is whether
    /// `relaxing(equality:)` gives a region on the same tableau, for every equality and one past the last.
    @Test func keepingTheTableauAfterARelaxationIsRelaxingsAnswer() throws {
        let ledger = try Self.protectedSample()
        var blockedRegions = 0, checked = 0
        for space in ledger.spaces where !space.isPair {
            let program = ledger.numberedProgram(for: space).program
            guard let region = program.region() else { continue }
            // The region itself, and each region relaxed by one equality that keeps its tableau and blocks rows.
            var regions = [region]
            for number in program.equalities.indices {
                if let relaxed = region.relaxing(equality: number), relaxed.sharesTableau(with: region), !relaxed.blocked.isEmpty {
                    regions.append(relaxed)
                    blockedRegions += 1
                }
            }
            for base in regions {
                for number in 0...program.equalities.count {
                    let made = base.relaxing(equality: number).map { $0.sharesTableau(with: base) } ?? false
                    #expect(base.keepsTableau(relaxingEquality: number) == made, "\(space) equality \(number)")
                    checked += 1
                }
            }
        }
        #expect(blockedRegions >= 5 && checked >= 1_000, "\(blockedRegions) regions with blocked rows, \(checked) checks")
    }
}

@testable import Analysis
import Statistics
import Testing

/// The tallies gathered unit by unit give the α and the 2×2 tables the plain computations give over
/// the kept units, on random units of two to four coders.
@Suite struct AgreementTallyTests {
    @Test(arguments: [11, 12, 13] as [UInt64])
    func talliesGiveThePlainAlphaAndPairTables(seed: UInt64) {
        var random = TestRandom(seed: seed)
        let allCoders = ["A", "B", "C", "D"]
        let codeCount = 6
        var tally = AgreementTally(codeCount: codeCount)
        var units: [(coders: [String], codes: [[Int]])] = []
        for _ in 0..<300 {
            let coders = allCoders.filter { _ in random.next(3) > 0 }
            guard coders.count >= 2 else { continue }
            // Each coder applies each code with a probability of its own (some codes rare, some common).
            let codes = coders.map { _ in (0..<codeCount).filter { random.next(10) < $0 + 1 + (random.next(2) == 0 ? 2 : 0) } }
            tally.add(coders: coders, codes: codes)
            units.append((coders, codes))
        }
        #expect(tally.units == units.count)
        #expect(tally.coders == allCoders)

        for code in 0..<codeCount {
            // α: codings[coder][unit] (1 present, 0 absent), nil where the coder did not code the unit.
            let codings: [[Int?]] = allCoders.map { coder in
                units.map { unit in unit.coders.firstIndex(of: coder).map { unit.codes[$0].contains(code) ? 1 : 0 } }
            }
            let plain = KrippendorffAlpha.nominal(codings)
            let tallied = tally.alphas[code].alpha
            #expect((plain == nil) == (tallied == nil))
            if let plain, let tallied { #expect(abs(plain - tallied) < 1e-12) }
        }
        for (i, first) in allCoders.enumerated() {
            for second in allCoders[(i + 1)...] {
                let shared = units.filter { $0.coders.contains(first) && $0.coders.contains(second) }
                let pair = tally.pairs[AgreementTally.CoderPair(first: first, second: second)]
                #expect((pair?.units ?? 0) == shared.count)
                for code in 0..<codeCount {
                    func present(_ coder: String) -> [Bool] {
                        shared.map { $0.codes[$0.coders.firstIndex(of: coder)!].contains(code) }
                    }
                    let plain = BinaryAgreement(present(first), present(second))
                    #expect(pair?.bothPresent[code] == plain.bothPresent)
                    #expect(pair?.firstOnly[code] == plain.firstOnly)
                    #expect(pair?.secondOnly[code] == plain.secondOnly)
                }
            }
        }
    }

    /// Tallies of two sets of units, merged, equal the tally of all units added to one.
    @Test func mergedTalliesEqualTheTallyOfAllUnits() {
        var random = TestRandom(seed: 14)
        let allCoders = ["A", "B", "C", "D", "E"]
        var whole = AgreementTally(codeCount: 5)
        var parts = [AgreementTally(codeCount: 5), AgreementTally(codeCount: 5)]
        for index in 0..<400 {
            // Pairs of coders only one part sees (D and E code only the second half's units).
            let coders = allCoders.filter { $0 < "D" || index >= 200 }.filter { _ in random.next(3) > 0 }
            guard coders.count >= 2 else { continue }
            let codes = coders.map { _ in (0..<5).filter { _ in random.next(3) == 0 } }
            whole.add(coders: coders, codes: codes)
            parts[index < 200 ? 0 : 1].add(coders: coders, codes: codes)
        }
        var merged = parts[0]
        merged.merge(parts[1])
        #expect(merged.units == whole.units && parts[0].units > 50 && parts[1].units > 50)
        #expect(merged.alphas == whole.alphas)
        #expect(merged.pairs == whole.pairs && whole.pairs.count == 10 && parts[0].pairs.count == 3)
        #expect(merged.alphas.map(\.alpha) == whole.alphas.map(\.alpha))
    }
}

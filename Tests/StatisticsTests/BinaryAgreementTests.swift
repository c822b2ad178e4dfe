@testable import Statistics
import Testing

/// κ, Gwet's AC1, PABAK and the prevalence indices from a 2×2 table, and the closed-form binary α, against
/// the R formulas of `agreement_binary` (cross-checked with Python irrCAC) and against the general
/// ``KrippendorffAlpha/nominal(_:)``.
@Suite struct BinaryAgreementTests {
    let reference = ReferenceValues.shared

    @Test func everyStatisticMatchesR() {
        #expect(reference.agreement_binary.count >= 9)
        for c in reference.agreement_binary {
            let table = BinaryAgreement(bothPresent: c.table[0], firstOnly: c.table[1], secondOnly: c.table[2], bothAbsent: c.table[3])
            #expect(isClose(table.percentAgreement, c.percent_agreement, relative: 1e-12), "\(c.name) pₒ")
            #expect(isClose(table.kappa, c.kappa, relative: 1e-12), "\(c.name) κ")
            #expect(isClose(table.ac1, c.ac1, relative: 1e-12), "\(c.name) AC1")
            #expect(isClose(table.pabak, c.pabak, relative: 1e-12), "\(c.name) PABAK")
            #expect(isClose(table.prevalence, c.prevalence, relative: 1e-12), "\(c.name) prevalence")
            #expect(isClose(table.prevalenceIndex, c.prevalence_index, relative: 1e-12), "\(c.name) PI")
            #expect(isClose(table.biasIndex, c.bias_index, relative: 1e-12), "\(c.name) BI")
            var alpha = BinaryAlpha()
            for (count, present) in zip(c.table, [2, 1, 1, 0]) {
                for _ in 0..<count { alpha.add(coders: 2, present: present) }
            }
            #expect(isClose(alpha.alpha, c.alpha, relative: 1e-12), "\(c.name) α")
        }
    }

    @Test func theKappaParadox() {
        // 19 of 20 units absent for both coders, one present for the first only.
        let table = BinaryAgreement(bothPresent: 0, firstOnly: 1, secondOnly: 0, bothAbsent: 19)
        #expect(table.kappa == 0)
        #expect(table.percentAgreement == 0.95)
        // AC1 = (0.95 − 0.04875) / (1 − 0.04875), PABAK = 2 · 0.95 − 1.
        #expect(isClose(table.ac1, 0.90125 / 0.95125, relative: 1e-15))
        #expect(isClose(table.pabak, 0.9, relative: 1e-15))
        #expect(table.prevalenceIndex == -0.95)
    }

    @Test func theTableFromFlagsEqualsCohenKappa() {
        for c in reference.cohen_kappa {
            let table = BinaryAgreement(c.coder1.map { $0 == 1 }, c.coder2.map { $0 == 1 })
            #expect(table.units == c.coder1.count)
            #expect(isClose(table.kappa, CohenKappa.kappa(c.coder1, c.coder2), relative: 1e-12), "\(c.name)")
            #expect(isClose(table.kappa, c.kappa), "\(c.name)")
        }
    }

    @Test func noUnitsNoStatistic() {
        let empty = BinaryAgreement(bothPresent: 0, firstOnly: 0, secondOnly: 0, bothAbsent: 0)
        #expect(empty.kappa == nil && empty.ac1 == nil && empty.pabak == nil && empty.prevalence == nil)
        #expect(BinaryAlpha().alpha == nil)
    }

    /// The closed form against the coincidence matrix on every binary reference case (missing codings too).
    @Test func binaryAlphaEqualsTheCoincidenceMatrix() {
        let binary = reference.krippendorff_alpha.filter { c in c.data.joined().allSatisfy { $0 == nil || $0 == 0 || $0 == 1 } }
        #expect(binary.count >= 4)
        for c in binary {
            #expect(isClose(alpha(of: c.data), c.alpha, relative: 1e-12), "\(c.name)")
            #expect(isClose(alpha(of: c.data), KrippendorffAlpha.nominal(c.data), relative: 1e-12), "\(c.name)")
        }
    }

    /// Many random codings with up to five coders and missing values: closed form and coincidence matrix
    /// agree to 1e-12.
    @Test func binaryAlphaEqualsNominalOnRandomCodings() {
        var generator = SeededGenerator(seed: 20_261_202)
        var compared = 0
        for _ in 0..<300 {
            let coders = Int.random(in: 2...5, using: &generator)
            let units = Int.random(in: 1...40, using: &generator)
            let presence = Double.random(in: 0.02...0.9, using: &generator)
            let codings: [[Int?]] = (0..<coders).map { _ in
                (0..<units).map { _ in
                    Double.random(in: 0..<1, using: &generator) < 0.2 ? nil
                        : (Double.random(in: 0..<1, using: &generator) < presence ? 1 : 0)
                }
            }
            let expected = KrippendorffAlpha.nominal(codings)
            #expect(isClose(alpha(of: codings), expected, relative: 1e-12, absolute: 1e-12), "\(codings)")
            if expected != nil { compared += 1 }
        }
        #expect(compared > 200)
    }

    private func alpha(of codings: [[Int?]]) -> Double? {
        var tally = BinaryAlpha()
        for unit in 0..<(codings.first?.count ?? 0) {
            let values = codings.compactMap { $0[unit] }
            tally.add(coders: values.count, present: values.filter { $0 == 1 }.count)
        }
        return tally.alpha
    }
}

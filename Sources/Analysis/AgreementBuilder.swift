import Statistics
import StudyModel

/// Computes per-code agreement between coders on the participants coded by more than one coder.
///
/// Everything comes from the integer tallies ``StudyData/agreement`` gathered while the store was read
/// (``AgreementTally``): per code, the 2×2 table of the κ pair (κ, AC1, PABAK, prevalence) and the
/// per-unit coder and presence counts of α (``BinaryAlpha``).
/// - Complexity: O(codes × coders²).
struct AgreementBuilder {
    let data: StudyData
    let threshold: Double

    func build(id: String) -> AgreementResult {
        let tally = data.agreement
        let coders = tally.coders

        // The κ pair: the two coders who share the most participants (ties: in sorted order).
        var pair: AgreementTally.CoderPair? = nil
        var best = -1
        for first in coders.indices {
            for second in (first + 1)..<coders.count {
                let key = AgreementTally.CoderPair(first: coders[first], second: coders[second])
                let shared = tally.pairs[key]?.units ?? 0
                if shared > best {
                    best = shared
                    pair = key
                }
            }
        }
        let codeCount = data.codebook.codes.count
        let counts = pair.flatMap { tally.pairs[$0] } ?? AgreementTally.PairTally(codeCount: codeCount)
        let paired = counts.units
        let bothPresent = counts.bothPresent, firstOnly = counts.firstOnly, secondOnly = counts.secondOnly
        let alphas = tally.alphas

        let results = data.codebook.codes.enumerated().map { index, code -> CodeAgreement in
            let table = BinaryAgreement(
                bothPresent: bothPresent[index], firstOnly: firstOnly[index], secondOnly: secondOnly[index],
                bothAbsent: paired - bothPresent[index] - firstOnly[index] - secondOnly[index])
            let kappa = table.kappa, ac1 = table.ac1
            return CodeAgreement(
                code: code.id, label: code.label, category: code.category, units: paired,
                percentAgreement: table.percentAgreement, kappa: kappa, ac1: ac1, pabak: table.pabak,
                prevalence: table.prevalence, prevalenceIndex: table.prevalenceIndex, alpha: alphas[index].alpha,
                presentFirst: table.presentFirst, presentSecond: table.presentSecond,
                flagged: AgreementResult.flags(kappa: kappa, ac1: ac1, threshold: threshold))
        }
        let definedAlphas = results.compactMap(\.alpha)
        return AgreementResult(
            id: id, coders: pair.map { [$0.first, $0.second] } ?? coders, allCoders: coders,
            participants: tally.units, threshold: threshold, medianAlpha: Self.median(definedAlphas),
            alphaCodes: definedAlphas.count, unitSource: data.agreementUnitSource, codes: results)
    }

    /// The median (mean of the two middle values for an even count); `nil` for none.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

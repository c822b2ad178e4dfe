import Statistics
import StudyModel

/// Computes per-code agreement between coders on the participants coded more than once.
struct AgreementBuilder {
    let data: StudyData
    let threshold: Double

    func build(id: String) -> AgreementResult {
        let units = data.multiplyCoded
        let coders = Set(units.flatMap { $0.codesByCoder.keys }).sorted()
        // The κ pair: the two coders who share the most participants (ties: in sorted order).
        var pair: [String] = Array(coders.prefix(2))
        var best = -1
        for (i, first) in coders.enumerated() {
            for second in coders[(i + 1)...] {
                let shared = units.filter { $0.codesByCoder[first] != nil && $0.codesByCoder[second] != nil }.count
                if shared > best {
                    best = shared
                    pair = [first, second]
                }
            }
        }
        let paired = pair.count == 2
            ? units.filter { $0.codesByCoder[pair[0]] != nil && $0.codesByCoder[pair[1]] != nil } : []

        var everything: [[Int?]] = Array(repeating: [], count: coders.count)
        let results = data.codebook.codes.enumerated().map { index, code -> CodeAgreement in
            let first = paired.map { $0.codesByCoder[pair[0]]!.contains(index) ? 1 : 0 }
            let second = paired.map { $0.codesByCoder[pair[1]]!.contains(index) ? 1 : 0 }
            let codings = coders.map { coder in
                units.map { unit in unit.codesByCoder[coder].map { $0.contains(index) ? 1 : 0 } }
            }
            for (row, values) in codings.enumerated() { everything[row] += values }
            let kappa = CohenKappa.kappa(first, second)
            let alpha = KrippendorffAlpha.nominal(codings)
            let measure = kappa ?? alpha
            return CodeAgreement(
                code: code.id, label: code.label, category: code.category, units: paired.count,
                percentAgreement: CohenKappa.percentAgreement(first, second), kappa: kappa, alpha: alpha,
                presentFirst: first.reduce(0, +), presentSecond: second.reduce(0, +),
                flagged: measure.map { $0 < threshold } ?? false)
        }
        return AgreementResult(
            id: id, coders: pair, allCoders: coders, participants: units.count, threshold: threshold,
            overallAlpha: KrippendorffAlpha.nominal(everything), codes: results)
    }
}

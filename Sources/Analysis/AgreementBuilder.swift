import Statistics
import StudyModel

/// Computes per-code agreement between coders on the participants coded by more than one coder.
///
/// Everything comes from integer counts gathered in one pass over the units: per code, the 2×2 table of
/// the κ pair (κ, AC1, PABAK, prevalence) and the per-unit coder and presence counts of α
/// (``BinaryAlpha``). The loop touches plain arrays indexed by code and coder, nothing generic.
/// - Complexity: O(units × (codes + coders²)).
struct AgreementBuilder {
    let data: StudyData
    let threshold: Double

    func build(id: String) -> AgreementResult {
        let units = data.multiplyCoded
        var coderSet = Set<String>()
        for unit in units { coderSet.formUnion(unit.coders) }
        let coders = coderSet.sorted()
        let coderIndex = Dictionary(uniqueKeysWithValues: coders.enumerated().map { ($1, $0) })
        let unitCoders: [[Int]] = units.map { unit in unit.coders.map { coderIndex[$0]! } }

        // The κ pair: the two coders who share the most participants (ties: in sorted order).
        var shared = Array(repeating: 0, count: coders.count * coders.count)
        for list in unitCoders {
            for i in list.indices {
                for j in list.indices where list[i] < list[j] { shared[list[i] * coders.count + list[j]] += 1 }
            }
        }
        var pair: (Int, Int)? = nil
        var best = -1
        for first in coders.indices {
            for second in (first + 1)..<coders.count where shared[first * coders.count + second] > best {
                best = shared[first * coders.count + second]
                pair = (first, second)
            }
        }

        let codeCount = data.codebook.codes.count
        var alphas = Array(repeating: BinaryAlpha(), count: codeCount)
        var bothPresent = Array(repeating: 0, count: codeCount)
        var firstOnly = Array(repeating: 0, count: codeCount)
        var secondOnly = Array(repeating: 0, count: codeCount)
        var paired = 0
        var presences = Array(repeating: 0, count: codeCount)  // coders marking each code present, this unit
        for (unit, list) in zip(units, unitCoders) {
            for codes in unit.codes {
                for code in codes { presences[code] += 1 }
            }
            for code in 0..<codeCount {
                alphas[code].add(coders: list.count, present: presences[code])
                presences[code] = 0
            }
            guard let pair, let first = list.firstIndex(of: pair.0), let second = list.firstIndex(of: pair.1) else { continue }
            paired += 1
            // Both code lists are ascending: merge them.
            let a = unit.codes[first], b = unit.codes[second]
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if j == b.count || (i < a.count && a[i] < b[j]) {
                    firstOnly[a[i]] += 1
                    i += 1
                } else if i == a.count || b[j] < a[i] {
                    secondOnly[b[j]] += 1
                    j += 1
                } else {
                    bothPresent[a[i]] += 1
                    i += 1
                    j += 1
                }
            }
        }

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
            id: id, coders: pair.map { [coders[$0.0], coders[$0.1]] } ?? coders, allCoders: coders,
            participants: units.count, threshold: threshold, medianAlpha: Self.median(definedAlphas),
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

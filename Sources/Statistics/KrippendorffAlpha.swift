/// Krippendorff's α for nominal data, any number of coders, missing codings allowed.
///
/// Build the coincidence matrix: every unit coded by mᵤ ≥ 2 coders adds 1/(mᵤ − 1) to o(c, k) for each
/// ordered pair of its values (c, k) from different coders; units with one value drop out. With
/// n_c = Σ_k o(c, k) and n = Σ_c n_c:
///
///     α = 1 − (n − 1) · Σ_{c≠k} o(c, k) / Σ_{c≠k} n_c n_k
///
/// Undefined (`nil`) when fewer than two values are pairable or all pairable values are one category.
/// Reference: Krippendorff, K. (2011), "Computing Krippendorff's alpha-reliability" (its worked nominal
/// example gives α = 0.743). Matches R `irr::kripp.alpha(method = "nominal")` and Python
/// `krippendorff.alpha(level_of_measurement = "nominal")` (whose default level is interval).
public enum KrippendorffAlpha {
    /// α for `codings[coder][unit]`, `nil` marking a unit the coder did not code.
    /// - Precondition: every coder has an entry for every unit.
    public static func nominal<Category: Hashable & Comparable>(_ codings: [[Category?]]) -> Double? {
        let units = codings.first?.count ?? 0
        precondition(codings.allSatisfy { $0.count == units }, "every coder needs an entry per unit")
        let categories = Array(Set(codings.joined().compactMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        var coincidences = Array(repeating: Array(repeating: 0.0, count: categories.count), count: categories.count)
        for unit in 0..<units {
            let values = codings.compactMap { $0[unit] }.map { index[$0]! }
            guard values.count >= 2 else { continue }
            let weight = 1 / Double(values.count - 1)
            for i in values.indices {
                for j in values.indices where i != j {
                    coincidences[values[i]][values[j]] += weight
                }
            }
        }
        let totals = coincidences.map { $0.reduce(0, +) }
        let n = totals.reduce(0, +)
        var disagreement = 0.0
        var expected = 0.0
        for c in categories.indices {
            for k in categories.indices where c != k {
                disagreement += coincidences[c][k]
                expected += totals[c] * totals[k]
            }
        }
        guard n >= 2, expected > 0 else { return nil }
        return 1 - (n - 1) * disagreement / expected
    }
}

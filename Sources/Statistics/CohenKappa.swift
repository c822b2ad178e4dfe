/// Cohen's κ for two coders who classified the same units into nominal categories.
///
///     κ = (pₒ − pₑ) / (1 − pₑ),   pₒ = share of units classified alike,   pₑ = Σ_c p₁(c) · p₂(c)
///
/// where p₁(c), p₂(c) are the shares of units each coder put in category c. Undefined (`nil`) when
/// pₑ = 1 (both coders used one and the same category for every unit).
/// Reference: Cohen, J. (1960), Educ. Psychol. Meas. 20, 37–46. Matches R `irr::kappa2` (unweighted),
/// SPSS CROSSTABS `/STATISTICS = KAPPA` and statsmodels `cohens_kappa`.
public enum CohenKappa {
    /// κ for paired classifications; `nil` when undefined or when there are no units.
    /// - Precondition: both coders classified the same number of units.
    public static func kappa<Category: Hashable>(_ first: [Category], _ second: [Category]) -> Double? {
        precondition(first.count == second.count, "both coders must classify the same units")
        guard !first.isEmpty else { return nil }
        let n = Double(first.count)
        var agreements = 0
        var firstCounts: [Category: Int] = [:]
        var secondCounts: [Category: Int] = [:]
        for (a, b) in zip(first, second) {
            if a == b { agreements += 1 }
            firstCounts[a, default: 0] += 1
            secondCounts[b, default: 0] += 1
        }
        let observed = Double(agreements) / n
        // Dictionary order varies between runs: sum the products in sorted order, so κ is reproducible.
        let expected = firstCounts.keys.map { Double(firstCounts[$0]!) * Double(secondCounts[$0] ?? 0) }
            .sorted().reduce(0, +) / (n * n)
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// The share of units both coders classified alike.
    public static func percentAgreement<Category: Equatable>(_ first: [Category], _ second: [Category]) -> Double? {
        guard !first.isEmpty, first.count == second.count else { return nil }
        return Double(zip(first, second).filter { $0 == $1 }.count) / Double(first.count)
    }
}

/// Agreement of two coders who each marked the same units present (1) or absent (0), from the 2×2 table
///
///                     second present   second absent
///     first present         a                b
///     first absent          c                d            n = a + b + c + d
///
/// with pₒ = (a + d)/n the observed agreement and p₁ = (a + b)/n, p₂ = (a + c)/n the coders' prevalences.
///
/// Cohen's κ falls towards 0 when a code is rare or almost universal even though the coders almost always
/// agree (the *kappa paradox*: 19 of 20 units absent for both coders and one unit present for one of
/// them gives pₒ = 0.95 and κ = 0). Gwet's AC1 and PABAK do not depend on the prevalence that way; the
/// prevalence index shows how unbalanced the code is. All of them are computed from the four counts, so
/// a table of a million units costs no more than one of ten.
public struct BinaryAgreement: Sendable, Equatable {
    /// Units both coders marked present.
    public var bothPresent: Int
    /// Units only the first coder marked present.
    public var firstOnly: Int
    /// Units only the second coder marked present.
    public var secondOnly: Int
    /// Units both coders marked absent.
    public var bothAbsent: Int

    public init(bothPresent: Int, firstOnly: Int, secondOnly: Int, bothAbsent: Int) {
        precondition(min(bothPresent, firstOnly, secondOnly, bothAbsent) >= 0, "counts cannot be negative")
        self.bothPresent = bothPresent
        self.firstOnly = firstOnly
        self.secondOnly = secondOnly
        self.bothAbsent = bothAbsent
    }

    /// The table of two coders' presence flags for the same units.
    /// - Precondition: both coders classified the same number of units.
    public init(_ first: [Bool], _ second: [Bool]) {
        precondition(first.count == second.count, "both coders must classify the same units")
        var table = BinaryAgreement(bothPresent: 0, firstOnly: 0, secondOnly: 0, bothAbsent: 0)
        for (a, b) in zip(first, second) {
            switch (a, b) {
            case (true, true): table.bothPresent += 1
            case (true, false): table.firstOnly += 1
            case (false, true): table.secondOnly += 1
            case (false, false): table.bothAbsent += 1
            }
        }
        self = table
    }

    /// n, the units both coders classified.
    public var units: Int { bothPresent + firstOnly + secondOnly + bothAbsent }
    /// Units the first coder marked present (a + b).
    public var presentFirst: Int { bothPresent + firstOnly }
    /// Units the second coder marked present (a + c).
    public var presentSecond: Int { bothPresent + secondOnly }

    /// pₒ = (a + d)/n; `nil` without units.
    public var percentAgreement: Double? {
        units > 0 ? Double(bothPresent + bothAbsent) / Double(units) : nil
    }

    /// Cohen's κ = (pₒ − pₑ)/(1 − pₑ) with pₑ = p₁p₂ + (1 − p₁)(1 − p₂); `nil` without units or when
    /// pₑ = 1 (both coders gave every unit one and the same value). Equals ``CohenKappa/kappa(_:_:)`` on
    /// the same units. Reference: Cohen, J. (1960), Educ. Psychol. Meas. 20, 37–46.
    public var kappa: Double? {
        guard units > 0 else { return nil }
        let n = Double(units)
        // pₑ·n² in integers: exact, so pₑ = 1 is recognised exactly.
        let expectedTimesN2 = presentFirst * presentSecond + (units - presentFirst) * (units - presentSecond)
        guard expectedTimesN2 < units * units else { return nil }
        let observed = Double(bothPresent + bothAbsent) / n
        let expected = Double(expectedTimesN2) / (n * n)
        return (observed - expected) / (1 - expected)
    }

    /// The mean prevalence π = (p₁ + p₂)/2 = (2a + b + c)/(2n): the share of codings that mark the code
    /// present. `nil` without units.
    public var prevalence: Double? {
        units > 0 ? Double(2 * bothPresent + firstOnly + secondOnly) / Double(2 * units) : nil
    }

    /// Gwet's AC1 = (pₒ − pₑ)/(1 − pₑ) with the chance agreement pₑ = 2π(1 − π), π the mean prevalence
    /// (two coders, two categories). pₑ ≤ ½, so AC1 is defined whenever there are units; `nil` without.
    /// Reference: Gwet, K. L. (2008), "Computing inter-rater reliability and its variance in the presence
    /// of high agreement", Br. J. Math. Stat. Psychol. 61, 29–48 (eq. 16 with q = 2). Matches Python
    /// `irrCAC.raw.CAC(...).gwet()` and R `irrCAC::gwet.ac1.raw`.
    public var ac1: Double? {
        guard units > 0 else { return nil }
        let n = Double(units)
        let pi = Double(2 * bothPresent + firstOnly + secondOnly) / (2 * n)
        let expected = 2 * pi * (1 - pi)
        let observed = Double(bothPresent + bothAbsent) / n
        return (observed - expected) / (1 - expected)
    }

    /// The prevalence- and bias-adjusted κ, PABAK = 2pₒ − 1 (κ with pₑ = ½); `nil` without units.
    /// Reference: Byrt, T., Bishop, J. & Carlin, J. B. (1993), "Bias, prevalence and kappa", J. Clin.
    /// Epidemiol. 46, 423–429. Matches R `epiR::epi.kappa(...)$pabak`.
    public var pabak: Double? {
        percentAgreement.map { 2 * $0 - 1 }
    }

    /// The prevalence index PI = (a − d)/n, from −1 (every unit absent for both) to 1 (present for both);
    /// κ is most depressed when |PI| is near 1. `nil` without units.
    /// Reference: Byrt, Bishop & Carlin (1993), as for ``pabak``.
    public var prevalenceIndex: Double? {
        units > 0 ? Double(bothPresent - bothAbsent) / Double(units) : nil
    }

    /// The bias index BI = (b − c)/n: how far the coders' prevalences differ (p₁ − p₂). `nil` without units.
    /// Reference: Byrt, Bishop & Carlin (1993).
    public var biasIndex: Double? {
        units > 0 ? Double(firstOnly - secondOnly) / Double(units) : nil
    }
}

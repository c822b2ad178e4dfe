import Foundation

/// The exact conditional test of independence in K stratified 2 × 2 tables, with the conditional
/// maximum-likelihood estimate of the common odds ratio and its exact 95% interval: R's
/// `mantelhaen.test(x, exact = TRUE)`.
///
/// Given every stratum's margins, S = Σ aₖ is a sum of independent hypergeometric variables; under a
/// common odds ratio ψ its distribution is P_ψ(S = s) ∝ c(s) ψˢ, where c is the convolution of the strata's
/// hypergeometric densities (R's `d2x2xk`) over the support lo…hi, lo = Σ max(0, tₖ − nₖ), hi = Σ min(mₖ, tₖ)
/// (mₖ, nₖ the column totals, tₖ the first row's total).
///
/// - Two-sided p: Σ c(s) over c(s) ≤ c(s_obs) · (1 + 10⁻⁷), as `fisher.test`.
/// - Conditional MLE: ψ̂ solving E_ψ(S) = s_obs (0 at lo, ∞ at hi).
/// - 95% interval: ψ_L with P_ψ(S ≥ s_obs) = 0.025 and ψ_U with P_ψ(S ≤ s_obs) = 0.025 (0 at lo, ∞ at hi).
///
/// The roots are found with R's `uniroot` steps and tolerance (``BrentRoot``), so the estimate and the
/// interval are R's numbers. Strata with fewer than two observations are left out (R stops on them);
/// a stratum whose margins allow one table only adds nothing to the distribution.
///
/// Reference: Mehta, Patel & Gray (1985), JASA 80, 969–973; Agresti (2002), *Categorical Data
/// Analysis*, §6.7.5; R `stats::mantelhaen.test`.
public struct ExactConditionalCMHTest: Sendable, Equatable, Codable {
    /// S, the sum of the first cells (`mantelhaen.test`'s statistic `S`).
    public var s: Int
    /// The two-sided exact p-value.
    public var p: Double
    /// The conditional MLE of the common odds ratio; `nil` when it is +∞ (S at the top of its support).
    public var estimate: Double?
    /// The exact 95% interval; `upper` is `nil` when it is +∞.
    public var lower: Double
    public var upper: Double?
    /// The strata used (those with at least two observations).
    public var strataUsed: Int

    /// Above this many multiply-adds the convolution is not computed (``init(strata:confidence:)`` returns
    /// `nil`; the asymptotic test stands alone): about 10 ms, never reached by an interview study.
    public static let workLimit = 20_000_000

    /// - Precondition: every stratum is 2 × 2. Returns `nil` when no stratum has two observations, when
    ///   S can take one value only (nothing to test), or beyond ``workLimit``.
    public init?(strata: [ContingencyTable], confidence: Double = 0.95) {
        precondition(strata.allSatisfy { $0.rowCount == 2 && $0.columnCount == 2 }, "CMH needs 2 × 2 strata")
        let used = strata.filter { $0.total >= 2 }
        guard !used.isEmpty else { return nil }
        let m = used.map { $0.counts[0][0] + $0.counts[1][0] }
        let n = used.map { $0.counts[0][1] + $0.counts[1][1] }
        let t = used.map { $0.counts[0][0] + $0.counts[0][1] }
        let observed = used.reduce(0) { $0 + $1.counts[0][0] }
        let low = zip(t, n).reduce(0) { $0 + max(0, $1.0 - $1.1) }
        let high = zip(m, t).reduce(0) { $0 + min($1.0, $1.1) }
        guard high > low else { return nil }
        var work = 0, width = 1
        for k in used.indices {
            let span = min(m[k], t[k]) - max(0, t[k] - n[k]) + 1
            work += width * span
            width += span - 1
        }
        guard work <= Self.workLimit else { return nil }

        let distribution = Self.convolution(m: m, n: n, t: t)
        let logC = distribution.map { log($0) }
        s = observed
        strataUsed = used.count

        let relativeError = 1 + 1e-7
        let pObserved = distribution[observed - low]
        p = distribution.reduce(0) { $1 <= pObserved * relativeError ? $0 + $1 : $0 }

        // One scratch buffer for every evaluation of P_ψ: the root finder evaluates it a few dozen times.
        var scaled = [Double](repeating: 0, count: distribution.count)
        // Where c(s) underflowed to 0, P_ψ is 0 for every ψ (log c = −∞): its terms add +0 to the sums
        // and cannot be the maximum, so they are left out without changing a bit.
        let positive = (distribution.firstIndex { $0 > 0 } ?? 0)
            ... (distribution.lastIndex { $0 > 0 } ?? distribution.count - 1)
        /// Σ f(s, P_ψ(S = s)) over the support in order, P_ψ normalised as R's `dn2x2xk`: the same
        /// operations in the same order as building the normalised density first, without the arrays.
        func sumOverDensity(_ psi: Double, _ term: (Int, Double) -> Double) -> Double {
            if psi == 1 {
                var sum = 0.0
                for (i, d) in distribution.enumerated() { sum += term(low + i, d) }
                return sum
            }
            let logPsi = log(psi)
            return scaled.withUnsafeMutableBufferPointer { scaled in
                var top = -Double.infinity, first = true
                for i in positive {
                    let value = logC[i] + logPsi * Double(low + i)
                    scaled[i] = value
                    if first || top < value { top = value; first = false }
                }
                var total = 0.0
                for i in positive {
                    // exp underflows to exactly 0 below −745.14; skipping the call changes no bit.
                    let difference = scaled[i] - top
                    let e = difference < -746 ? 0 : exp(difference)
                    scaled[i] = e
                    total += e
                }
                var sum = 0.0
                for i in positive { sum += term(low + i, scaled[i] / total) }
                return sum
            }
        }
        func mean(_ psi: Double) -> Double {
            if psi == 0 { return Double(low) }
            if psi == .infinity { return Double(high) }
            return sumOverDensity(psi) { Double($0) * $1 }
        }
        func tail(_ q: Int, _ psi: Double, upper: Bool) -> Double {
            if psi == 0 { return upper ? (q <= low ? 1 : 0) : (q >= low ? 1 : 0) }
            if psi == .infinity { return upper ? (q <= high ? 1 : 0) : (q >= high ? 1 : 0) }
            return sumOverDensity(psi) { (upper ? $0 >= q : $0 <= q) ? $1 : 0 }
        }
        /// The root of g on (0, 1], or its reciprocal's on [ε, 1], as R's `mle`, `ncp.U` and `ncp.L` search.
        func root(below: Bool, _ g: (Double) -> Double) -> Double {
            if below {
                return BrentRoot.root(lower: 0, upper: 1, fLower: g(0), fUpper: g(1), g)
            }
            return 1 / BrentRoot.root(lower: .ulpOfOne, upper: 1, fLower: g(1 / .ulpOfOne), fUpper: g(1)) { g(1 / $0) }
        }

        let x = Double(observed)
        if observed == low {
            estimate = 0
        } else if observed == high {
            estimate = nil
        } else {
            let mu = mean(1)
            estimate = mu > x ? root(below: true) { mean($0) - x } : mu < x ? root(below: false) { mean($0) - x } : 1
        }
        let alpha = (1 - confidence) / 2
        // ncp.L: P_ψ(S ≥ s) = α.
        if observed == low {
            lower = 0
        } else {
            let pLow = tail(observed, 1, upper: true)
            lower = pLow > alpha ? root(below: true) { tail(observed, $0, upper: true) - alpha }
                : pLow < alpha ? root(below: false) { tail(observed, $0, upper: true) - alpha } : 1
        }
        // ncp.U: P_ψ(S ≤ s) = α.
        if observed == high {
            upper = nil
        } else {
            let pHigh = tail(observed, 1, upper: false)
            upper = pHigh < alpha ? root(below: true) { tail(observed, $0, upper: false) - alpha }
                : pHigh > alpha ? root(below: false) { tail(observed, $0, upper: false) - alpha } : 1
        }
    }

    /// The null distribution of S (R's `d2x2xk`): the strata's hypergeometric densities convolved, normalised.
    static func convolution(m: [Int], n: [Int], t: [Int]) -> [Double] {
        var current = [1.0]
        for k in m.indices {
            // dhyper over the stratum's support max(0, tₖ − nₖ)…min(mₖ, tₖ), its denominator computed once.
            let densities = Distribution.hypergeometricDensities(white: m[k], black: n[k], draws: t[k])
            current = DensityConvolution.convolved(current, with: densities)
        }
        let total = current.reduce(0, +)
        return current.map { $0 / total }
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case estimate, lower, p, s, strataUsed, upper }
}

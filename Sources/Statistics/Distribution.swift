internal import CRmath

/// Distribution functions from R's standalone math library (`libRmath`, Debian `r-mathlib`), so that
/// p-values are those R computes. This is the module's only use of the C library.
enum Distribution {
    /// P(X ≥ x) for X ~ χ²(df): R's `pchisq(x, df, lower.tail = FALSE)`.
    static func chiSquaredUpperTail(_ x: Double, degreesOfFreedom: Double) -> Double {
        pchisq(x, degreesOfFreedom, 0, 0)
    }

    /// P(Z ≤ z) for a standard normal Z: R's `pnorm(z)`.
    static func normalCDF(_ z: Double) -> Double {
        pnorm5(z, 0, 1, 1, 0)
    }

    /// P(Z ≥ z) for a standard normal Z: R's `pnorm(z, lower.tail = FALSE)`.
    static func normalUpperTail(_ z: Double) -> Double {
        pnorm5(z, 0, 1, 0, 0)
    }

    /// The standard normal quantile: R's `qnorm(p)`.
    static func normalQuantile(_ p: Double) -> Double {
        qnorm5(p, 0, 1, 1, 0)
    }

    /// log P(X = x) for the hypergeometric distribution: R's `dhyper(x, m, n, k, log = TRUE)`.
    static func logHypergeometricDensity(_ x: Double, white m: Double, black n: Double, draws k: Double) -> Double {
        dhyper(x, m, n, k, 1)
    }

    /// P(X = x) for the hypergeometric distribution: R's `dhyper(x, m, n, k)`.
    static func hypergeometricDensity(_ x: Double, white m: Double, black n: Double, draws k: Double) -> Double {
        dhyper(x, m, n, k, 0)
    }

    /// P(X = x) for every x of the hypergeometric distribution's support max(0, k − n)…min(m, k): R's
    /// `dhyper(x, m, n, k)` for each, bit for bit. R computes dhyper(x) = b(x; m) · b(k − x; n) / b(k; m + n),
    /// b(y; N) = `dbinom_raw(y, N, p, q)` at p = k / (m + n), q = (m + n − k) / (m + n) (the binomial
    /// density, Loader's saddle-point form); the denominator does not depend on x, so it is computed once
    /// here, and every density is the same product and quotient of the same `dbinom_raw` values.
    ///
    /// - Precondition: m, n ≥ 0 and 0 ≤ k ≤ m + n (integers, as `Double`s are exact below 2⁵³).
    static func hypergeometricDensities(white m: Int, black n: Int, draws k: Int) -> [Double] {
        precondition(m >= 0 && n >= 0 && k >= 0 && k <= m + n, "a hypergeometric distribution's parameters")
        let support = max(0, k - n)...min(m, k)
        // dhyper's answer for no draws (1 at x = 0) comes before its binomials.
        guard k > 0 else { return support.map { hypergeometricDensity(Double($0), white: Double(m), black: Double(n), draws: 0) } }
        let total = Double(m) + Double(n)
        let p = Double(k) / total
        let q = (total - Double(k)) / total
        let denominator = dbinom_raw(Double(k), total, p, q, 0)
        return support.map { x in
            dbinom_raw(Double(x), Double(m), p, q, 0) * dbinom_raw(Double(k) - Double(x), Double(n), p, q, 0) / denominator
        }
    }

    /// P(W ≤ q) for the Wilcoxon rank-sum statistic of samples of sizes m and n without ties:
    /// R's `pwilcox(q, m, n)`.
    static func wilcoxonCDF(_ q: Double, _ m: Double, _ n: Double) -> Double {
        pwilcox(q, m, n, 1, 0)
    }

    /// P(W ≥ q + 1) = P(W > q): R's `pwilcox(q, m, n, lower.tail = FALSE)`.
    static func wilcoxonUpperTail(_ q: Double, _ m: Double, _ n: Double) -> Double {
        pwilcox(q, m, n, 0, 0)
    }

    /// log Γ(x): R's `lgamma(x)`.
    static func logGamma(_ x: Double) -> Double {
        lgammafn(x)
    }
}


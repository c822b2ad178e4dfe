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


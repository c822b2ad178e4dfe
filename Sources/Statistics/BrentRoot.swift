import Foundation

/// A root of a function bracketed by an interval, found as R's `uniroot` finds it: Brent's method
/// (bisection, secant and inverse quadratic interpolation) in the form of R's `R_zeroin2`, with R's
/// default tolerance (`.Machine$double.eps^0.25`) and iteration limit.
///
/// R's tolerance is loose (about 1.2 × 10⁻⁴), so an estimate R reports through `uniroot` (the conditional
/// MLE and exact interval of `mantelhaen.test(exact = TRUE)` or `fisher.test`) differs from the exact
/// root by up to that much. Taking the same steps from the same function values gives R's number, not
/// merely a number near the root.
///
/// Reference: Brent (1973), *Algorithms for Minimization without Derivatives*, ch. 4; R
/// `src/library/stats/src/zeroin.c`.
enum BrentRoot {
    /// R's default `tol` of `uniroot`.
    static let defaultTolerance = pow(Double.ulpOfOne, 0.25)

    /// The root of `f` in [lower, upper], given f(lower) and f(upper) of opposite signs (or one of them 0).
    static func root(
        lower: Double, upper: Double, fLower: Double, fUpper: Double,
        tolerance: Double = defaultTolerance, maxIterations: Int = 1000, _ f: (Double) -> Double
    ) -> Double {
        var a = lower, b = upper, fa = fLower, fb = fUpper
        var c = a, fc = fa
        if fa == 0 { return a }
        if fb == 0 { return b }
        var iterations = maxIterations + 1
        while iterations > 0 {
            iterations -= 1
            let previousStep = b - a
            if abs(fc) < abs(fb) {
                // Make b the best approximation.
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let actualTolerance = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            var newStep = (c - b) / 2
            if abs(newStep) <= actualTolerance || fb == 0 { return b }

            if abs(previousStep) >= actualTolerance && abs(fa) > abs(fb) {
                // Interpolation may be tried.
                var p: Double, q: Double
                let cb = c - b
                if a == c {
                    // Linear interpolation (secant).
                    let t1 = fb / fa
                    p = cb * t1
                    q = 1.0 - t1
                } else {
                    // Inverse quadratic interpolation.
                    let qa = fa / fc, t1 = fb / fc, t2 = fb / fa
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1.0))
                    q = (qa - 1.0) * (t1 - 1.0) * (t2 - 1.0)
                }
                if p > 0 { q = -q } else { p = -p }
                if p < (0.75 * cb * q - abs(actualTolerance * q) / 2) && p < abs(previousStep * q / 2) {
                    newStep = p / q
                }
            }
            if abs(newStep) < actualTolerance {
                newStep = newStep > 0 ? actualTolerance : -actualTolerance
            }
            a = b; fa = fb
            b += newStep
            fb = f(b)
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                c = a; fc = fa
            }
        }
        return b
    }
}

import Foundation

/// What R's `rhyper` computes once for a parameter triple before drawing (R 4.2.2,
/// `src/nmath/rhyper.c`, which keeps it in `static` variables between calls): the problem reduced to
/// n1 ≤ n2 and k ≤ N/2, the range and adjusted mode of the reduced variate, and the constants of the
/// method that draws it. A pure function of the triple, so ``HypergeometricSampler`` may keep it for
/// the next call with the same triple, as R does, without changing a draw.
///
/// The arithmetic is R's, operation for operation in the same order and types (C `int` as `Int`, which
/// gives the same values while every count and sum of counts stays below `INT_MAX`), so that every
/// `Double` is the same.
struct HypergeometricSetup: Sendable {
    /// How the reduced variate is drawn.
    enum Method: Sendable {
        /// Only one value is possible (R's case I).
        case degenerate
        /// Inversion from the lowest value up (R's case II, algorithm HIN, scaled against underflow); `w`
        /// is the lowest value's probability times 10²⁵.
        case inversion(w: Double)
        /// Kachitvichyanukul & Schmeiser's H2PE (R's case III), with the constants in ``h2pe``.
        case h2pe
    }

    /// The white balls (R's `nn1`).
    let white: Int
    /// The black balls (R's `nn2`).
    let black: Int
    /// The balls drawn (R's `kk`).
    let draws: Int
    /// white + black (R's `N`).
    let total: Double
    /// The smaller of white and black (R's `n1`).
    let n1: Int
    /// The larger of white and black (R's `n2`).
    let n2: Int
    /// The draws, or the balls left undrawn when they are fewer (R's `k`, at most N/2).
    let k: Int
    /// ⌊(k + 1)(n1 + 1)/(N + 2)⌋, the reduced variate's mode (R's `m`).
    let m: Int
    /// The reduced variate's lowest value (R's `minjx`).
    let lowest: Int
    /// The reduced variate's highest value (R's `maxjx`).
    let highest: Int
    let method: Method
    /// H2PE's constants when ``method`` is `.h2pe` (zeros otherwise). A stored property rather than the
    /// case's payload, so that a draw reads them where the sampler's cache holds the setup, without
    /// copying them out (160 bytes) at every call. A `var` only so that a draw can take its address in
    /// place (`withUnsafePointer(to: &…)`); nothing changes it after the setup.
    var h2pe: HypergeometricH2PE

    /// R's `scale`: the inversion's probabilities are kept multiplied by it against early underflow.
    static let inversionScale = 1e25
    /// R's `con` = 25 log 10 = log(``inversionScale``).
    static let logInversionScale = 57.5646273248511421

    init(white: Int, black: Int, draws: Int, logFactorials afc: borrowing ApproximateLogFactorials) {
        self.white = white
        self.black = black
        self.draws = draws
        let total = Double(white) + Double(black)
        self.total = total
        let (n1, n2) = white <= black ? (white, black) : (black, white)
        let k = Double(draws) + Double(draws) >= total ? Int(total - Double(draws)) : draws
        let m = Int((Double(k) + 1.0) * (Double(n1) + 1.0) / (total + 2.0))
        let lowest = max(0, k - n2)
        let highest = min(n1, k)
        (self.n1, self.n2, self.k, self.m, self.lowest, self.highest) = (n1, n2, k, m, lowest, highest)
        if lowest == highest {
            method = .degenerate
            h2pe = .unused
        } else if m - lowest < 10 {
            let lw: Double
            if k < n2 {
                lw = afc(n2) + afc(n1 + n2 - k) - afc(n2 - k) - afc(n1 + n2)
            } else {
                lw = afc(n1) + afc(k) - afc(k - n2) - afc(n1 + n2)
            }
            method = .inversion(w: exp(lw + Self.logInversionScale))
            h2pe = .unused
        } else {
            method = .h2pe
            h2pe = HypergeometricH2PE(n1: n1, n2: n2, k: k, total: total, m: m, logFactorials: afc)
        }
    }

    /// The variate of the original triple from the reduced one (R's `L_finis`).
    @inline(__always)
    func variate(fromReduced ix: Int) -> Int {
        if Double(draws) + Double(draws) >= total {
            return white > black ? draws - black + ix : white - ix
        }
        return white > black ? draws - ix : ix
    }
}

import Foundation

/// The H2PE algorithm for hypergeometric variates whose mode is at least 10 above their lowest value:
/// a rectangle around the mode and two exponential tails, each proposal accepted or rejected against the
/// density (explicitly near the mode or for small values, otherwise through squeezes and Stirling's
/// formula). Transcribed from R 4.2.2's `src/nmath/rhyper.c` (case III, with R's correction of PR#7314),
/// operation for operation, so that the same uniforms give the same variates.
///
/// Reference: V. Kachitvichyanukul & B. Schmeiser (1985), Computer generation of hypergeometric random
/// variates, Journal of Statistical Computation and Simulation 22, 127–145.
struct HypergeometricH2PE: Sendable {
    private let n1: Int
    private let n2: Int
    private let k: Int
    private let m: Int
    /// log of the mode's unnormalised density, as R's `a`.
    private let a: Double
    /// The rectangle's bounds.
    private let xl: Double
    private let xr: Double
    /// The exponential tails' rates.
    private let lamdl: Double
    private let lamdr: Double
    /// The cumulative areas of the rectangle, left tail and right tail.
    private let p1: Double
    private let p2: Double
    private let p3: Double
    /// The squeeze's terms that depend on the setup only, as `Double`s (R converts them at each proposal;
    /// the same values).
    private let mode: Double
    private let whiteCount: Double
    private let drawCount: Double
    private let blackLeft: Double
    private let xm: Double
    private let xn: Double
    private let xk: Double
    private let nm: Double

    private static let deltal = 0.0078
    private static let deltau = 0.0034

    /// How far from Stirling's value S of a proposal (``logDensityRatio(_:logFactorials:)``) log v must be
    /// for S alone to give R's verdict. R rejects above the upper squeeze bound, accepts below the lower,
    /// and otherwise accepts when log v ≤ S; so where lower ≤ S + band and upper ≥ S − band, a log v more
    /// than the band below S is accepted by R and one more than the band above S rejected. The squeeze
    /// bounds are Kachitvichyanukul & Schmeiser's bounds on log(f(ix)/f(m)) widened by deltau above and
    /// deltal − deltau below (the logs' Taylor bounds hold for every argument above −1), and S is that log
    /// within about 10⁻⁷ (R's `afc`): over 15.5 million (setup, proposal) pairs of 40,000 random setups with
    /// m ≥ 100, and over every squeezed proposal of M's Monte Carlo tests, upper − S ≥ 0.003393 and
    /// S − lower ≥ 0.004386 (`HypergeometricSamplerTests.squeezeBoundsBracketStirlingBeyondTheBand` checks
    /// it on random setups), so the band, 0.003, leaves both conditions with room.
    static let stirlingBand = 0.003

    /// The setup for the reduced problem (n1 ≤ n2 white and black, k ≤ N/2 drawn, mode m).
    init(n1: Int, n2: Int, k: Int, total: Double, m: Int, logFactorials afc: borrowing ApproximateLogFactorials) {
        let N = total
        (self.n1, self.n2, self.k, self.m) = (n1, n2, k, m)
        let s = ((N - Double(k)) * Double(k) * Double(n1) * Double(n2) / (N - 1) / N / N).squareRoot()
        // The truncation centres the cells' boundaries at 0.5 (the reference has d without it).
        let d = Double(Int(1.5 * s)) + 0.5
        let xl = Double(m) - d + 0.5
        let xr = Double(m) + d + 0.5
        let a = afc(m) + afc(n1 - m) + afc(k - m) + afc(n2 - k + m)
        let kl = exp(
            a - afc(Int(xl)) - afc(Int(Double(n1) - xl)) - afc(Int(Double(k) - xl))
                - afc(Int(Double(n2 - k) + xl)))
        let kr = exp(
            a - afc(Int(xr - 1)) - afc(Int(Double(n1) - xr + 1)) - afc(Int(Double(k) - xr + 1))
                - afc(Int(Double(n2 - k) + xr - 1)))
        let lamdl = -log(xl * (Double(n2 - k) + xl) / (Double(n1) - xl + 1) / (Double(k) - xl + 1))
        let lamdr = -log((Double(n1) - xr + 1) * (Double(k) - xr + 1) / xr / (Double(n2 - k) + xr))
        let p1 = d + d
        let p2 = p1 + kl / lamdl
        (self.a, self.xl, self.xr, self.lamdl, self.lamdr) = (a, xl, xr, lamdl, lamdr)
        (self.p1, self.p2, self.p3) = (p1, p2, p2 + kr / lamdr)
        (mode, whiteCount, drawCount, blackLeft) = (Double(m), Double(n1), Double(k), Double(n2 - k))
        xm = Double(m) + 0.5
        xn = Double(n1 - m) + 0.5
        xk = Double(k - m) + 0.5
        nm = Double(n2 - k) + xm
    }

    /// The constants of a setup drawn otherwise (all zero; never drawn from).
    static let unused = HypergeometricH2PE()

    private init() {
        (n1, n2, k, m) = (0, 0, 0, 0)
        (a, xl, xr, lamdl, lamdr, p1, p2, p3) = (0, 0, 0, 0, 0, 0, 0, 0)
        (mode, whiteCount, drawCount, blackLeft, xm, xn, xk, nm) = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// One reduced variate in `lowest...highest` (R's `minjx`, `maxjx`), from pairs of uniforms.
    ///
    /// Where R gives up (10,000 rejected pairs, returning NaN, which the Monte Carlo test could not use
    /// either), this stops the program. Where a right-tail proposal is beyond `Int32`'s range (a uniform
    /// of exactly 0, one pair in about 2³²), R converts +∞ to `int`, which C leaves undefined (x86-64
    /// gives `INT_MIN` and then a loop of 2³¹ steps with overflowing `int`s); the port rejects the pair,
    /// as R does with the same proposal in the left tail.
    ///
    /// The squeeze's bounds of a proposal come from `squeezes` when it has them (the same `Double`s).
    ///
    /// Static, reading the constants where `constants` points (in the sampler's cache of setups) when they
    /// are used: a method on a copy made the compiler load all of them and spill them to the stack at
    /// every call, since the squeeze table's writes might alias them (about 40 instructions a call).
    @inline(__always)
    static func draw(
        _ constants: UnsafePointer<HypergeometricH2PE>, lowest: Int, highest: Int,
        using uniforms: inout MulticarryGenerator, logFactorials afc: ApproximateLogFactorials,
        squeezes: SqueezeBoundsCache.Triple
    ) -> Int {
        var pairs = 0
        while true {
            let u = uniforms.uniform() * constants.pointee.p3
            var v = uniforms.uniform()
            pairs += 1
            precondition(pairs < 10_000, "rhyper's H2PE gave up after 10,000 rejections")
            let ix: Int
            if u < constants.pointee.p1 {  // the rectangle
                ix = Int(constants.pointee.xl + u)
            } else if u <= constants.pointee.p2 {  // the left tail
                let (xl, lamdl) = (constants.pointee.xl, constants.pointee.lamdl)
                guard let proposal = truncatedToCInt(xl + log(v) / lamdl), proposal >= lowest else { continue }
                ix = proposal
                v = v * (u - constants.pointee.p1) * lamdl
            } else {  // the right tail
                let (xr, lamdr) = (constants.pointee.xr, constants.pointee.lamdr)
                guard let proposal = truncatedToCInt(xr - log(v) / lamdr), proposal <= highest else { continue }
                ix = proposal
                v = v * (u - constants.pointee.p2) * lamdr
            }
            let (n1, n2, k, m) = (constants.pointee.n1, constants.pointee.n2, constants.pointee.k, constants.pointee.m)
            if m < 100 || ix <= 50 {
                if acceptsExplicitly(ix, v, n1: n1, n2: n2, k: k, m: m) { return ix }
                continue
            }
            // R decides by the upper squeeze, the lower, then Stirling's formula S: reject above the upper,
            // accept below the lower, else accept when log v ≤ S. The squeeze brackets S with room to
            // spare (``stirlingBand``), so wherever log v is farther than the band from S, R's verdict is
            // log v ≤ S: S (four look-ups) decides, and the squeeze (a dozen divisions, or the table) is
            // needed only inside the band. log v comes first, its latency overlapping the look-ups.
            let alv = log(v)
            let stirling = constants.pointee.logDensityRatio(ix, logFactorials: afc)
            if alv < stirling - stirlingBand { return ix }
            if alv > stirling + stirlingBand { continue }
            let bounds = squeezes.bounds(of: ix) { constants.pointee.squeezeBounds(ix) }
            if alv > bounds.upper { continue }
            if alv < bounds.lower { return ix }
            if alv <= stirling { return ix }
        }
    }

    /// log(f(ix)/f(m)) by R's log-factorial approximations: Stirling's formula of R's last check (the same
    /// operations in the same order).
    @inline(__always)
    func logDensityRatio(_ ix: Int, logFactorials afc: ApproximateLogFactorials) -> Double {
        a - afc(ix) - afc(n1 - ix) - afc(k - ix) - afc(n2 - k + ix)
    }

    /// The density ratio f(ix)/f(m) by its recurrence, with R's +1 (the original algorithm and TOMS 668
    /// lack it in the m > ix case).
    ///
    /// Static, with the constants it needs as arguments, so that the setup is not copied for the call.
    private static func acceptsExplicitly(_ ix: Int, _ v: Double, n1: Int, n2: Int, k: Int, m: Int) -> Bool {
        var f = 1.0
        if m < ix {
            for i in (m + 1)...ix {
                f = f * Double(n1 - i + 1) * Double(k - i + 1) / Double(n2 - k + i) / Double(i)
            }
        } else if m > ix {
            for i in (ix + 1)...m {
                f = f * Double(i) * Double(n2 - k + i) / Double(n1 - i + 1) / Double(k - i + 1)
            }
        }
        return v <= f
    }

    /// The upper and lower bounds on log(f(ix)/f(m)) of R's squeezes (a proposal whose log v is above
    /// the upper is rejected, below the lower accepted, the others decided by Stirling's formula), each
    /// computed by R's operations in R's order.
    @inline(__always)
    func squeezeBounds(_ ix: Int) -> (upper: Double, lower: Double) {
        let y = Double(ix)
        let y1 = y + 1.0
        let ym = y - mode
        let yn = whiteCount - y + 1.0
        let yk = drawCount - y + 1.0
        let nk = blackLeft + y1
        let r = -ym / y1
        let s = ym / yn
        let t = ym / yk
        let e = -ym / nk
        let g = yn * yk / (y1 * nk) - 1.0
        let gu = g * (1.0 + g * (-0.5 + g / 3.0))
        // R divides by dg = 1 + g for g < 0, else by dg = 1, which leaves every `Double` as it is.
        let quartic = 0.25 * (g * g * g * g)
        let gl = gu - (g < 0.0 ? quartic / (1.0 + g) : quartic)
        var ub = y * gu - mode * gl + Self.deltau
        ub = ub + xm * r * (1.0 + r * (-0.5 + r / 3.0))
        ub = ub + xn * s * (1.0 + s * (-0.5 + s / 3.0))
        ub = ub + xk * t * (1.0 + t * (-0.5 + t / 3.0))
        ub = ub + nm * e * (1.0 + e * (-0.5 + e / 3.0))
        var dr = xm * (r * r * r * r)
        if r < 0.0 { dr /= (1.0 + r) }
        var ds = xn * (s * s * s * s)
        if s < 0.0 { ds /= (1.0 + s) }
        var dt = xk * (t * t * t * t)
        if t < 0.0 { dt /= (1.0 + t) }
        var de = nm * (e * e * e * e)
        if e < 0.0 { de /= (1.0 + e) }
        return (ub, ub - 0.25 * (dr + ds + dt + de) + (y + mode) * (gl - gu) - Self.deltal)
    }

    /// C's `(int)x` where it is defined (x within `int`'s range), else `nil`.
    private static func truncatedToCInt(_ x: Double) -> Int? {
        x > -2_147_483_649.0 && x < 2_147_483_648.0 ? Int(x) : nil
    }
}

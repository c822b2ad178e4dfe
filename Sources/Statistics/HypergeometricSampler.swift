/// Hypergeometric variates exactly as R's standalone `rhyper` draws them (R 4.2.2,
/// `src/nmath/rhyper.c`; Debian `r-mathlib` 4.2.2) from its multiply-with-carry uniforms: the same seed
/// and the same parameters give the same integers, bit for bit (`HypergeometricSamplerTests` compares
/// with the C library). A value type holding the generator and R's setup for the last parameters, so that
/// each Monte Carlo test draws from its own stream on any thread, without a lock around libRmath's
/// global generator; R's log-factorial approximations, a dozen of which (each with a `log`) every new
/// setup needs, are looked up in a table (``ApproximateLogFactorials``) instead of computed each time.
///
/// Degenerate ranges give their one value, modes less than 10 above the lowest value are drawn by
/// inversion (algorithm HIN), all others by H2PE (``HypergeometricH2PE``; Kachitvichyanukul & Schmeiser
/// 1985, Journal of Statistical Computation and Simulation 22, 127–145).
struct HypergeometricSampler: Sendable {
    /// The uniforms R's `unif_rand` would give.
    private(set) var uniforms: MulticarryGenerator
    /// Setups of recent parameters, each in the slot its triple hashes to (a direct-mapped cache; R keeps
    /// only the last, in `static`s). A Monte Carlo test asks for few distinct triples (795 in the 50,000
    /// calls of a 2 × 6 table of M), so nearly every call finds its setup. At first every slot holds the
    /// setup of (0, 0, 0), which is right for those parameters too.
    private var setups: [HypergeometricSetup]
    private let logFactorials: ApproximateLogFactorials

    /// The cache's slots, a power of two.
    private static let cacheSlots = 4_096

    /// A sampler drawing from R's generator after `set_seed(first, second)`, which looks up R's
    /// log-factorial approximations up to `largestUrn` in a table (computing larger ones).
    init(uniforms: MulticarryGenerator, largestUrn: Int) {
        self.uniforms = uniforms
        logFactorials = ApproximateLogFactorials(upTo: largestUrn)
        setups = Array(
            repeating: HypergeometricSetup(white: 0, black: 0, draws: 0, logFactorials: logFactorials),
            count: Self.cacheSlots)
    }

    /// The sampler of a Monte Carlo test seeded with `seed`: R's generator after
    /// `set_seed(low 32 bits, high 32 bits | 1)`; `largestUrn` as in ``init(uniforms:largestUrn:)``.
    init(seed: UInt64, largestUrn: Int) {
        self.init(
            uniforms: MulticarryGenerator(
                first: UInt32(truncatingIfNeeded: seed), second: UInt32(truncatingIfNeeded: seed >> 32) | 1),
            largestUrn: largestUrn)
    }

    /// The number of white balls in `draws` draws without replacement from `white` white and `black`
    /// black balls: R's `rhyper(1, white, black, draws)`.
    ///
    /// - Precondition: the counts are non-negative, `draws ≤ white + black`, and `white + black` is below
    ///   `Int32.max`. R's C code works in `int` below that and turns to `qhyper` on inverted uniforms at
    ///   `INT_MAX`; no count of a study comes near it, so the port has only the `int` branch.
    mutating func hypergeometric(white: Int, black: Int, draws: Int) -> Int {
        precondition(white >= 0 && black >= 0 && draws >= 0, "hypergeometric counts must be non-negative")
        precondition(draws <= white + black, "cannot draw more balls than the urn holds")
        precondition(white + black < Int(Int32.max), "hypergeometric counts must stay below INT_MAX")
        let slot = Self.slot(white: white, black: black, draws: draws)
        if setups[slot].white != white || setups[slot].black != black || setups[slot].draws != draws {
            setups[slot] = HypergeometricSetup(white: white, black: black, draws: draws, logFactorials: logFactorials)
        }
        // The setup is read where the cache holds it: copying its 177 bytes out on every call cost about
        // as much as the draw's rectangle and tails.
        var generator = uniforms
        let variate = setups.withUnsafeBufferPointer { setups in
            Self.variate(setups.baseAddress! + slot, using: &generator, logFactorials: logFactorials)
        }
        uniforms = generator
        return variate
    }

    /// A variate drawn with the setup at `setup`.
    @inline(__always)
    private static func variate(
        _ setup: UnsafePointer<HypergeometricSetup>, using uniforms: inout MulticarryGenerator,
        logFactorials: ApproximateLogFactorials
    ) -> Int {
        let reduced: Int
        switch setup.pointee.method {
        case .degenerate:
            reduced = setup.pointee.highest
        case .inversion(let w):
            reduced = inversion(setup, w: w, using: &uniforms)
        case .h2pe(let h2pe):
            reduced = h2pe.draw(
                lowest: setup.pointee.lowest, highest: setup.pointee.highest, using: &uniforms, logFactorials: logFactorials)
        }
        return setup.pointee.variate(fromReduced: reduced)
    }

    /// The cache slot of a triple: the urn hashed, plus the draws (a test's calls for one column differ
    /// in the draws only, so they take neighbouring slots).
    @inline(__always)
    private static func slot(white: Int, black: Int, draws: Int) -> Int {
        let urn = UInt64(truncatingIfNeeded: white) &* 0x9E37_79B9_7F4A_7C15
            ^ UInt64(truncatingIfNeeded: black) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: (urn >> 40) &+ UInt64(truncatingIfNeeded: draws)) & (cacheSlots - 1)
    }

    /// R's case II: the cumulative probabilities from the lowest value up, scaled by 10²⁵, until they
    /// pass a uniform; starting again with a new uniform when the range is passed.
    private static func inversion(
        _ setup: UnsafePointer<HypergeometricSetup>, w: Double, using uniforms: inout MulticarryGenerator
    ) -> Int {
        let (n1, n2, k) = (setup.pointee.n1, setup.pointee.n2, setup.pointee.k)
        let (lowest, highest) = (setup.pointee.lowest, setup.pointee.highest)
        newUniform: while true {
            var p = w
            var ix = lowest
            var u = uniforms.uniform() * HypergeometricSetup.inversionScale
            while u > p {
                u -= p
                p *= (Double(n1) - Double(ix)) * Double(k - ix)
                ix += 1
                p = p / Double(ix) / Double(n2 - k + ix)
                if ix > highest { continue newUniform }
            }
            return ix
        }
    }
}

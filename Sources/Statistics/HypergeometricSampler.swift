import Synchronization

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
    /// H2PE's squeeze bounds of recent proposals (R computes them at every proposal).
    private var squeezes: SqueezeBoundsCache
    private let logFactorials: ApproximateLogFactorials

    /// The cache's slots, a power of two.
    static let cacheSlots = 4_096

    /// A sampler drawing from R's generator after `set_seed(first, second)`, which looks up R's
    /// log-factorial approximations up to `largestUrn` in a table (computing larger ones). Its caches are
    /// those a finished sampler left (``recycle()``) when there are any: their entries are keyed by the
    /// parameters, so whatever they hold is right for any sampler (and a slot of either cache is only
    /// used when its key matches), and a test does not clear 1.5 MiB of new caches first.
    init(uniforms: MulticarryGenerator, largestUrn: Int) {
        self.uniforms = uniforms
        logFactorials = ApproximateLogFactorials(upTo: largestUrn)
        if let spare = Self.spareCaches.withLock({ $0.popLast() }) {
            (setups, squeezes) = spare
        } else {
            setups = Array(
                repeating: HypergeometricSetup(white: 0, black: 0, draws: 0, logFactorials: logFactorials),
                count: Self.cacheSlots)
            squeezes = SqueezeBoundsCache()
        }
    }

    /// Caches of finished samplers, for the next samplers to take (at most ``spareCacheLimit``).
    private static let spareCaches = Mutex<[(setups: [HypergeometricSetup], squeezes: SqueezeBoundsCache)]>([])
    /// As many caches as Monte Carlo tests run at once on a machine of a few cores.
    private static let spareCacheLimit = 8

    /// Ends the sampler, leaving its caches to the next sampler made (a Monte Carlo test's, on any thread).
    consuming func recycle() {
        let caches = (setups: setups, squeezes: squeezes)
        Self.spareCaches.withLock { spare in
            if spare.count < Self.spareCacheLimit { spare.append(caches) }
        }
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
    /// black balls: R's `rhyper(1, white, black, draws)` (one call of ``withDraws(_:)``).
    mutating func hypergeometric(white: Int, black: Int, draws: Int) -> Int {
        withDraws { $0.hypergeometric(white: white, black: black, draws: draws) }
    }

    /// Runs `body` with the sampler opened for drawing: the generator and the caches in ``HypergeometricDraws``,
    /// which reads and writes their storage directly (a Monte Carlo test's 50,000 calls without a
    /// uniqueness or bounds check each). The sampler holds the generator's state after the draws.
    mutating func withDraws<Result>(_ body: (inout HypergeometricDraws) -> Result) -> Result {
        // The caches are taken out of `self` meanwhile, so that their storage is written without a copy.
        var (setups, squeezes) = (self.setups, self.squeezes)
        (self.setups, self.squeezes) = ([], .placeholder)
        defer { (self.setups, self.squeezes) = (setups, squeezes) }
        let logFactorials = logFactorials
        var generator = uniforms
        defer { uniforms = generator }
        return setups.withUnsafeMutableBufferPointer { setups in
            squeezes.withEntries { squeezes in
                var draws = HypergeometricDraws(
                    uniforms: generator, setups: setups.baseAddress!, squeezes: squeezes, logFactorials: logFactorials)
                defer { generator = draws.uniforms }
                return body(&draws)
            }
        }
    }

    /// The cache slot of a triple: the urn hashed, plus the draws (a test's calls for one column differ
    /// in the draws only, so they take neighbouring slots).
    @inline(__always)
    static func slot(white: Int, black: Int, draws: Int) -> Int {
        let urn = UInt64(truncatingIfNeeded: white) &* 0x9E37_79B9_7F4A_7C15
            ^ UInt64(truncatingIfNeeded: black) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: (urn >> 40) &+ UInt64(truncatingIfNeeded: draws)) & (cacheSlots - 1)
    }
}

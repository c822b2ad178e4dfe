/// A ``HypergeometricSampler`` opened for drawing (``HypergeometricSampler/withDraws(_:)``): R's
/// generator, and the storage of the sampler's caches of setups and of H2PE's squeeze bounds, read and
/// written in place. Valid only inside the `withDraws` call that made it.
struct HypergeometricDraws {
    /// The uniforms R's `unif_rand` would give.
    private(set) var uniforms: MulticarryGenerator
    /// ``HypergeometricSampler/cacheSlots`` setups.
    private let setups: UnsafeMutablePointer<HypergeometricSetup>
    private let squeezes: UnsafeMutablePointer<SqueezeBoundsCache.Entry>
    private let logFactorials: ApproximateLogFactorials

    init(
        uniforms: MulticarryGenerator, setups: UnsafeMutablePointer<HypergeometricSetup>,
        squeezes: UnsafeMutablePointer<SqueezeBoundsCache.Entry>, logFactorials: ApproximateLogFactorials
    ) {
        self.uniforms = uniforms
        self.setups = setups
        self.squeezes = squeezes
        self.logFactorials = logFactorials
    }

    /// The number of white balls in `draws` draws without replacement from `white` white and `black`
    /// black balls: R's `rhyper(1, white, black, draws)`.
    ///
    /// - Precondition: the counts are non-negative, `draws ≤ white + black`, and `white + black` is below
    ///   `Int32.max`. R's C code works in `int` below that and turns to `qhyper` on inverted uniforms at
    ///   `INT_MAX`; no count of a study comes near it, so the port has only the `int` branch.
    @inline(__always)
    mutating func hypergeometric(white: Int, black: Int, draws: Int) -> Int {
        precondition(white >= 0 && black >= 0 && draws >= 0, "hypergeometric counts must be non-negative")
        precondition(draws <= white + black, "cannot draw more balls than the urn holds")
        precondition(white + black < Int(Int32.max), "hypergeometric counts must stay below INT_MAX")
        let slot = HypergeometricSampler.slot(white: white, black: black, draws: draws)
        // The setup is read where the cache holds it: copying it out on every call (177 bytes then) cost
        // about as much as the draw's rectangle and tails.
        let setup = setups + slot
        if setup.pointee.white != white || setup.pointee.black != black || setup.pointee.draws != draws {
            setup.pointee = HypergeometricSetup(white: white, black: black, draws: draws, logFactorials: logFactorials)
        }
        let reduced: Int
        switch setup.pointee.method {
        case .degenerate:
            reduced = setup.pointee.highest
        case .inversion(let w):
            reduced = Self.inversion(setup, w: w, using: &uniforms)
        case .h2pe:
            let (lowest, highest) = (setup.pointee.lowest, setup.pointee.highest)
            reduced = withUnsafePointer(to: &setup.pointee.h2pe) { constants in
                HypergeometricH2PE.draw(
                    constants, lowest: lowest, highest: highest, using: &uniforms, logFactorials: logFactorials,
                    squeezes: SqueezeBoundsCache.Triple(entries: squeezes, white: white, black: black, draws: draws, setupSlot: slot))
            }
        }
        return setup.pointee.variate(fromReduced: reduced)
    }

    /// R's case II: the cumulative probabilities from the lowest value up, scaled by 10²⁵, until they
    /// pass a uniform; starting again with a new uniform when the range is passed.
    private static func inversion(
        _ setup: UnsafeMutablePointer<HypergeometricSetup>, w: Double, using uniforms: inout MulticarryGenerator
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

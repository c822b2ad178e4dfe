/// Marsaglia's multiply-with-carry generator as R's standalone math library has it (`set_seed` and
/// `unif_rand` of R 4.2.2's `src/nmath/standalone/sunif.c`, Debian `r-mathlib`): two 16-bit
/// multiply-with-carry sequences, the first shifted into the high half and XOR-ed with the second.
///
/// A value type, so that each user has its own stream: libRmath keeps the state in two globals, which
/// callers on several threads had to take turns with. The same seed gives the same uniforms, bit for
/// bit (`HypergeometricSamplerTests` compares with the C library).
struct MulticarryGenerator: Sendable, Equatable {
    /// The first multiply-with-carry state (R's `I1`).
    private(set) var first: UInt32
    /// The second multiply-with-carry state (R's `I2`).
    private(set) var second: UInt32

    /// The generator after `set_seed(first, second)`.
    init(first: UInt32, second: UInt32) {
        self.first = first
        self.second = second
    }

    /// The next uniform in [0, 1): R's `unif_rand()` (a multiple of 2⁻³², rounded to a `Double`).
    @inline(__always)
    mutating func uniform() -> Double {
        first = 36969 &* (first & 0xFFFF) &+ (first >> 16)
        second = 18000 &* (second & 0xFFFF) &+ (second >> 16)
        return Double((first << 16) ^ (second & 0xFFFF)) * 2.328306437080797e-10
    }
}

/// A small, fast, seeded pseudo-random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Everything the sample generator draws goes through ``uniform(below:)`` and ``double()``, which are
/// written here rather than taken from the standard library, so that the same seed gives the same
/// files whatever Swift version or platform runs the generator. No floating-point function other
/// than `+ - * /` is used, so results do not depend on the platform's math library either.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // xoshiro must not start at all zeros
    }

    /// An independent generator for one purpose (`stream`) and one item (`index`, e.g. a participant),
    /// so that what is drawn for one participant does not depend on how many came before.
    public init(seed: UInt64, stream: UInt64, index: UInt64 = 0) {
        var mixer = SplitMix64(state: seed)
        let a = mixer.next() ^ (stream &* 0xD1B5_4A32_D192_ED03)
        var second = SplitMix64(state: a)
        let b = second.next() ^ (index &* 0x8CB9_2BA7_2F3D_8DD7)
        self.init(seed: b)
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject method).
    /// - Precondition: `bound > 0`.
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0, "uniform(below:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A uniformly distributed integer in `range`.
    public mutating func uniform(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + uniform(below: range.count)
    }

    /// A uniformly distributed `Double` in `[0, 1)` with 53 random bits.
    public mutating func double() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool {
        double() < probability
    }

    /// An approximately standard normal value (Irwin–Hall: the sum of twelve uniforms minus six),
    /// exact in IEEE arithmetic and therefore identical on every platform.
    public mutating func standardNormal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += double() }
        return sum - 6.0
    }

    /// An index drawn with probability proportional to `weights[index]`.
    /// - Precondition: the weights are non-negative and not all zero.
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        precondition(total > 0, "weightedIndex needs a positive weight")
        var target = double() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// One element of a non-empty array, chosen uniformly.
    public mutating func element<T>(of array: [T]) -> T {
        array[uniform(below: array.count)]
    }

    /// Shuffles `array` in place (Fisher–Yates with ``uniform(below:)``).
    public mutating func shuffle<T>(_ array: inout [T]) {
        var index = array.count - 1
        while index > 0 {
            let other = uniform(below: index + 1)
            if other != index { array.swapAt(index, other) }
            index -= 1
        }
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// SplitMix64, used only to expand a seed into xoshiro's state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

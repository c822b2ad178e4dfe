/// The convolution of two sequences of non-negative numbers, computed so that every element has the bits
/// of the textbook loop (each weight's multiples added into the result in turn, from 0) several times
/// faster: the terms of an element are added in the same order, one multiply and one add each, but an
/// element stays in a register while its terms are added, 16 elements at a time.
///
/// Terms with an exact zero factor (densities underflowed to 0 in the tails) are skipped or added as
/// +0, which changes no bit of a non-negative sum.
enum DensityConvolution {
    /// The outputs computed together: two vectors of eight lanes.
    private static let lanes = 16

    /// `source` convolved with `weights`: element i is Σⱼ source[i − j] · weights[j], its terms added in
    /// the order of j, starting from 0.
    ///
    /// - Precondition: every value is finite and non-negative; `weights` is not empty.
    static func convolved(_ source: [Double], with weights: [Double]) -> [Double] {
        precondition(!weights.isEmpty, "a convolution needs at least one weight")
        var result = [Double](repeating: 0, count: source.count + weights.count - 1)
        guard let first = source.firstIndex(where: { $0 != 0 }), let firstWeight = weights.firstIndex(where: { $0 != 0 })
        else { return result }
        let last = source.lastIndex { $0 != 0 }!, lastWeight = weights.lastIndex { $0 != 0 }!
        let count = last - first + 1
        let reach = lastWeight - firstWeight  // the weights used are firstWeight…lastWeight
        // The source's non-zero part with `reach` zeros before it and `reach + lanes` after it, so that
        // every lane reads an element or a zero.
        var padded = [Double](repeating: 0, count: reach + count + reach + Self.lanes)
        padded.withUnsafeMutableBufferPointer { padded in
            source.withUnsafeBufferPointer { source in
                for index in 0..<count { padded[reach + index] = source[first + index] }
            }
        }
        let outputs = count + reach
        padded.withUnsafeBufferPointer { padded in
            weights.withUnsafeBufferPointer { weights in
                result.withUnsafeMutableBufferPointer { result in
                    let base = UnsafeRawPointer(padded.baseAddress!)
                    let into = result.baseAddress! + first + firstWeight
                    var output = 0
                    while output < outputs {
                        // Output o is Σ_q padded[reach + o − q] · weights[firstWeight + q] over q ascending;
                        // only q in max(0, o − count + 1)…min(reach, o + lanes − 1) reach a non-zero element
                        // in some lane of this block.
                        let lowest = max(0, output - count + 1), highest = min(reach, output + Self.lanes - 1)
                        var low = SIMD8<Double>(repeating: 0), high = SIMD8<Double>(repeating: 0)
                        var q = lowest
                        while q <= highest {
                            let weight = weights[firstWeight + q]
                            let at = base + (reach + output - q) * MemoryLayout<Double>.stride
                            low += at.loadUnaligned(as: SIMD8<Double>.self) * weight
                            high += at.loadUnaligned(fromByteOffset: 8 * MemoryLayout<Double>.stride, as: SIMD8<Double>.self) * weight
                            q += 1
                        }
                        let valid = min(Self.lanes, outputs - output)
                        for lane in 0..<valid { into[output + lane] = lane < 8 ? low[lane] : high[lane - 8] }
                        output += Self.lanes
                    }
                }
            }
        }
        return result
    }
}

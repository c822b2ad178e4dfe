@testable import Statistics
import Testing

/// ``DensityConvolution`` against the textbook loop (each weight's multiples added into the result in
/// turn): the same numbers, bit for bit, on sequences with zeros at the ends and inside.
@Suite struct DensityConvolutionTests {
    static func plainConvolution(_ source: [Double], _ weights: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: source.count + weights.count - 1)
        for (j, weight) in weights.enumerated() {
            for (w, value) in source.enumerated() { result[w + j] += value * weight }
        }
        return result
    }

    /// A random non-negative sequence whose values span many orders of magnitude, with runs of zeros.
    static func sequence(_ count: Int, using generator: inout SeededGenerator) -> [Double] {
        let zerosBefore = Int.random(in: 0...(count / 3), using: &generator)
        let zerosAfter = Int.random(in: 0...(count / 3), using: &generator)
        return (0..<count).map { index in
            if index < zerosBefore || index >= count - zerosAfter || Int.random(in: 0..<10, using: &generator) == 0 { return 0 }
            return Double.random(in: 0..<1, using: &generator) * Double.exponential(Int.random(in: -300...0, using: &generator))
        }
    }

    @Test func matchesTheTextbookLoopBitForBit() {
        var generator = SeededGenerator(seed: 20_261_204)
        for _ in 0..<400 {
            let source = Self.sequence(Int.random(in: 1...90, using: &generator), using: &generator)
            let weights = Self.sequence(Int.random(in: 1...90, using: &generator), using: &generator)
            let fast = DensityConvolution.convolved(source, with: weights)
            let plain = Self.plainConvolution(source, weights)
            #expect(fast.map(\.bitPattern) == plain.map(\.bitPattern), "source \(source) weights \(weights)")
        }
    }

    @Test func keepsTheLengthOfZeroSequences() {
        #expect(DensityConvolution.convolved([0, 0, 0], with: [1, 2]) == [0, 0, 0, 0])
        #expect(DensityConvolution.convolved([1, 2], with: [0]) == [0, 0])
        #expect(DensityConvolution.convolved([0.5, 0.25], with: [2, 4]) == [1, 2.5, 1])
    }
}

private extension Double {
    /// 2 to the power `exponent`.
    static func exponential(_ exponent: Int) -> Double { Double(sign: .plus, exponent: exponent, significand: 1) }
}

/// One coordinate-ascent step of ``FisherNetwork``'s Lagrangian bound: the multiplier (kept as e^a) of a
/// line with total L, given the other lines' multipliers oⱼ and totals tⱼ. The line's best cells at a
/// multiplier m are cⱼ(m) = min(capⱼ, ⌊m · oⱼ⌋) with capⱼ = min(L, tⱼ) (m · oⱼ rounded as a `Double`);
/// the step is the smallest m, to a relative 10⁻⁹ by geometric bisection, at which Σ cⱼ(m) ≥ L. The dual
/// is concave in the multiplier and this is where its slope changes sign.
///
/// ``plain(_:others:otherTotals:)`` is the definition: every bisection step sums the cells.
/// ``solve(lineTotals:into:others:otherTotals:)`` gives the same `Double`, bit for bit, with far fewer sums: Σ cⱼ(m) is non-decreasing in m (rounding
/// a product is monotone), so a step reaches L exactly when m ≥ m*, the smallest `Double` at which the
/// cells reach L. m* is found first: between two multipliers near the continuous solution (where
/// Σ min(capⱼ, m · oⱼ) is L − ½ and L + count), at which the cells sum to less than L and to at least L,
/// the cells step up about 2 · count times in all, each step at a `Double` found from a quotient, and m*
/// is the step that brings the sum to L. The bisection then compares with m*. Both ends are checked by
/// summing the cells, so the estimate decides only the speed; where it fails the plain bisection runs.
/// The steps of one round (all rows, or all columns) are independent and bisected side by side.
enum LagrangianMultiplier {
    /// The multiplier by geometric bisection, summing the cells at every step.
    static func plain(_ lineTotal: Int, others: UnsafeBufferPointer<Double>, otherTotals: UnsafeBufferPointer<Int>) -> Double {
        var (low, high) = start(lineTotal, others: others)
        for _ in 0..<40 {
            let middle = (low * high).squareRoot()
            if reached(middle, lineTotal, others, otherTotals) >= lineTotal { high = middle } else { low = middle }
            if high <= low * (1 + 1e-9) { break }
        }
        return high
    }

    /// The multipliers of several lines against the same other lines, into `multipliers`, each as
    /// ``plain(_:others:otherTotals:)`` gives it but bisected against the threshold m*: the steps are
    /// independent, so their bisections run side by side and their chains of square roots overlap.
    static func solve(
        lineTotals: UnsafeBufferPointer<Int>, into multipliers: UnsafeMutableBufferPointer<Double>,
        others: UnsafeBufferPointer<Double>, otherTotals: UnsafeBufferPointer<Int>
    ) {
        let lines = lineTotals.count
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * lines) { bounds in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: lines) { lineOf in
                // The bisections still running: their line, bracket and threshold, packed at the front.
                var running = 0
                for line in 0..<lines {
                    guard let threshold = threshold(lineTotals[line], others: others, otherTotals: otherTotals) else {
                        multipliers[line] = plain(lineTotals[line], others: others, otherTotals: otherTotals)
                        continue
                    }
                    (bounds[3 * running], bounds[3 * running + 1]) = start(lineTotals[line], others: others)
                    bounds[3 * running + 2] = threshold
                    lineOf[running] = line
                    running += 1
                }
                for _ in 0..<40 where running > 0 {
                    var index = 0
                    while index < running {
                        let low = bounds[3 * index]
                        let high = bounds[3 * index + 1]
                        let middle = (low * high).squareRoot()
                        // middle ≥ m* as a mask, from the bit patterns (ordered as the positive Doubles they
                        // encode): the side is a coin toss, a branch here would be mispredicted half the time.
                        let middleBits = Int64(bitPattern: middle.bitPattern)
                        let reaches = (Int64(bitPattern: bounds[3 * index + 2].bitPattern) &- middleBits &- 1) >> 63
                        let newLow = Double(bitPattern: UInt64(bitPattern: (Int64(bitPattern: low.bitPattern) & reaches) | (middleBits & ~reaches)))
                        let newHigh = Double(bitPattern: UInt64(bitPattern: (middleBits & reaches) | (Int64(bitPattern: high.bitPattern) & ~reaches)))
                        bounds[3 * index] = newLow
                        bounds[3 * index + 1] = newHigh
                        if newHigh <= newLow * (1 + 1e-9) {
                            // Done: its result out, the last running bisection moved into its place.
                            multipliers[lineOf[index]] = bounds[3 * index + 1]
                            running -= 1
                            for offset in 0..<3 { bounds[3 * index + offset] = bounds[3 * running + offset] }
                            lineOf[index] = lineOf[running]
                        } else {
                            index += 1
                        }
                    }
                }
                for index in 0..<running { multipliers[lineOf[index]] = bounds[3 * index + 1] }
            }
        }
    }

    /// The bisection's first bracket: 0.5 / max oⱼ (every cell 0) to (L + 1) / min oⱼ (every cell at its cap).
    private static func start(_ lineTotal: Int, others: UnsafeBufferPointer<Double>) -> (low: Double, high: Double) {
        var largest = others.first ?? 1
        var smallest = largest
        for other in others {
            if other > largest { largest = other }
            if other < smallest { smallest = other }
        }
        return (0.5 / largest, (Double(lineTotal) + 1) / smallest)
    }

    /// Σ cⱼ(m).
    private static func reached(
        _ m: Double, _ lineTotal: Int, _ others: UnsafeBufferPointer<Double>, _ otherTotals: UnsafeBufferPointer<Int>
    ) -> Int {
        var reached = 0
        for j in others.indices {
            reached += cell(m, lineTotal, others[j], otherTotals[j])
        }
        return reached
    }

    @inline(__always)
    private static func cell(_ m: Double, _ lineTotal: Int, _ other: Double, _ otherTotal: Int) -> Int {
        let cap = min(lineTotal, otherTotal)
        let product = m * other
        return product >= Double(cap) ? cap : Int(product)
    }

    /// m*, the smallest `Double` m with Σ cⱼ(m) ≥ L, or `nil` when no bracket that decides it was found.
    static func threshold(_ lineTotal: Int, others: UnsafeBufferPointer<Double>, otherTotals: UnsafeBufferPointer<Int>) -> Double? {
        let count = others.count
        guard count > 0, lineTotal > 0 else { return nil }
        let stepCapacity = 2 * count + 4
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * count) { cells -> Double? in
            let atLow = UnsafeMutableBufferPointer(rebasing: cells[0..<count])
            let atHigh = UnsafeMutableBufferPointer(rebasing: cells[count..<(2 * count)])
            func sum(_ m: Double, into target: UnsafeMutableBufferPointer<Int>) -> Int {
                var reached = 0
                for j in 0..<count {
                    let value = cell(m, lineTotal, others[j], otherTotals[j])
                    target[j] = value
                    reached += value
                }
                return reached
            }
            // At the continuous solution of Σ min(capⱼ, m · oⱼ) = L − ½, Σ cⱼ < L (no cell exceeds its
            // continuous value); at L + count, Σ cⱼ ≥ L (none is 1 or more below it). Both are checked.
            var totalCaps = 0
            for j in 0..<count { totalCaps += min(lineTotal, otherTotals[j]) }
            guard let (low, high) = continuous(
                Double(lineTotal) - 0.5, Double(min(lineTotal + count, totalCaps)), lineTotal, others, otherTotals)
            else { return nil }
            let reachedLow = sum(low, into: atLow)
            let reachedHigh = sum(high, into: atHigh)
            guard reachedLow < lineTotal, reachedHigh >= lineTotal, reachedHigh - reachedLow <= stepCapacity else { return nil }
            // Between the two, line j's cell steps up by one at the smallest m with m · oⱼ ≥ k for each k
            // in atLow[j] + 1 … atHigh[j] (each a `Double` above low, at most high); m* is the
            // (L − Σ cⱼ(low))-th smallest of these steps.
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: stepCapacity) { steps -> Double? in
                var found = 0
                for j in 0..<count where atHigh[j] > atLow[j] {
                    for k in (atLow[j] + 1)...atHigh[j] {
                        let step = firstReaching(Double(k), other: others[j])
                        var h = found
                        while h > 0, steps[h - 1] > step {
                            steps[h] = steps[h - 1]
                            h -= 1
                        }
                        steps[h] = step
                        found += 1
                    }
                }
                let needed = lineTotal - reachedLow
                return found >= needed ? steps[needed - 1] : nil
            }
        }
    }

    /// The smallest `Double` m with m · other ≥ k (rounded), from the quotient k / other and a step or two.
    private static func firstReaching(_ k: Double, other: Double) -> Double {
        var m = k / other
        while m.nextDown * other >= k { m = m.nextDown }
        while m * other < k { m = m.nextUp }
        return m
    }

    /// The m at which Σ min(capⱼ, m · oⱼ) reaches `lower` and (a little beyond) `upper` (both at most
    /// Σ capⱼ), walking the lines in the order in which they reach their caps: estimates, whose rounding
    /// the caller checks.
    private static func continuous(
        _ lower: Double, _ upper: Double, _ lineTotal: Int,
        _ others: UnsafeBufferPointer<Double>, _ otherTotals: UnsafeBufferPointer<Int>
    ) -> (Double, Double)? {
        let count = others.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { saturations -> (Double, Double)? in
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order -> (Double, Double)? in
                var slope = 0.0
                for j in 0..<count {
                    slope += others[j]
                    let saturation = Double(min(lineTotal, otherTotals[j])) / others[j]
                    var h = j
                    while h > 0, saturations[h - 1] > saturation {
                        saturations[h] = saturations[h - 1]
                        order[h] = order[h - 1]
                        h -= 1
                    }
                    saturations[h] = saturation
                    order[h] = j
                }
                var saturated = 0.0
                var low = Double.nan
                var high = saturations[count - 1] * (1 + 1e-9)
                for position in 0..<count {
                    let j = order[position]
                    let reach = saturated + saturations[position] * slope
                    if low.isNaN, reach >= lower { low = (lower - saturated) / slope }
                    if reach >= upper {
                        high = (upper - saturated) / slope * (1 + 1e-9)
                        break
                    }
                    saturated += Double(min(lineTotal, otherTotals[j]))
                    slope -= others[j]
                }
                guard low.isFinite, high.isFinite, low > 0, low < high else { return nil }
                return (low, high)
            }
        }
    }
}

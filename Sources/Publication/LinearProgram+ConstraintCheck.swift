extension LinearProgram {
    /// A program's constraints in flat arrays, made once to test many points against
    /// (``holds(at:tolerance:)``): each constraint's terms one after the other, its right-hand side, and
    /// the equalities first.
    struct ConstraintCheck {
        private var variables: [Int] = []
        private var coefficients: [Double] = []
        /// Where each constraint's terms end in ``variables`` and ``coefficients``.
        private var ends: [Int] = []
        private var values: [Double] = []
        private let equalities: Int
        private let variableCount: Int

        init(_ program: LinearProgram) {
            equalities = program.equalities.count
            variableCount = program.variableCount
            for (terms, value) in program.equalities + program.inequalities {
                for term in terms {
                    variables.append(term.variable)
                    coefficients.append(term.coefficient)
                }
                ends.append(variables.count)
                values.append(value)
            }
        }

        /// Whether every constraint holds at `point` (a value per variable, none below −`tolerance`),
        /// each to within `tolerance`: an equality's sum within `tolerance` of its value, an inequality's
        /// at most `tolerance` above it.
        func holds(at point: [Double], tolerance: Double) -> Bool {
            guard point.count == variableCount, point.allSatisfy({ $0 >= -tolerance }) else { return false }
            return point.withUnsafeBufferPointer { point in
                variables.withUnsafeBufferPointer { variables in
                    coefficients.withUnsafeBufferPointer { coefficients in
                        var start = 0
                        for (constraint, end) in ends.enumerated() {
                            var sum = 0.0
                            for term in start..<end { sum += coefficients[term] * point[variables[term]] }
                            start = end
                            let excess = sum - values[constraint]
                            if excess > tolerance || (constraint < equalities && excess < -tolerance) { return false }
                        }
                        return true
                    }
                }
            }
        }
    }
}

/// The declared levels of the sample study, in table order.
public enum SampleRoles {
    /// The countries, in table order.
    public static let countries = ["KZ", "UK"]
    /// The roles, in table order.
    public static let all = ["mother", "father", "grandparent", "guardian", "teacher", "other"]
    /// Interviewees per 60 of one country, by role (``all``'s order): fewer fathers than mothers.
    static let interviewWeights: [Double] = [24, 12, 5, 3, 15, 1]
    /// Parent-survey respondents by role (``all``'s order; no teachers).
    static let surveyParentWeights: [Double] = [55, 30, 8, 5, 0, 2]
}

/// Splits `total` into counts proportional to `weights` (largest remainder, ties to the earlier).
func apportion(_ total: Int, weights: [Double]) -> [Int] {
    var sum = 0.0
    for weight in weights { sum += weight }
    let quotas = weights.map { Double(total) * $0 / sum }
    var counts = quotas.map { Int($0) }
    var left = total - counts.reduce(0, +)
    let order = quotas.indices.sorted { a, b in
        let ra = quotas[a] - Double(counts[a]), rb = quotas[b] - Double(counts[b])
        return ra != rb ? ra > rb : a < b
    }
    var next = 0
    while left > 0 {
        counts[order[next % order.count]] += 1
        left -= 1
        next += 1
    }
    return counts
}

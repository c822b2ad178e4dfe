/// How survey answers are generated: per-item shifts of the latent response (the planted differences),
/// and the distributions of nominal items.
///
/// Every respondent has one latent score per subscale (standard normal); an ordinal item's answer is
/// `0.85 × latent + 0.5 × noise + shift`, cut into the scale's categories at evenly spaced thresholds and
/// reversed for `reverse: true` items, so items of a subscale correlate positively once reverse-scored.
/// Ordinal items outside a subscale get a latent of their own.
public enum SurveyPlan {
    /// A shift of one item's latent response for respondents with one value of a variable.
    public struct Shift: Sendable, Equatable {
        public var item: String
        /// `country` or `role`; `nil`: everyone.
        public var variable: String?
        public var value: String?
        public var shift: Double
        /// Whether `PLANTED.md` reports the item's mean by country as a planted difference.
        public var planted: Bool
    }

    /// Shifts in standard-deviation units of the latent response, in application order.
    public static let shifts: [Shift] = [
        Shift(item: "pi09", variable: "country", value: "UK", shift: 0.9, planted: true),
        Shift(item: "pi09", variable: "country", value: "KZ", shift: -0.3, planted: true),
        Shift(item: "pi12", variable: "country", value: "KZ", shift: 0.8, planted: true),
        Shift(item: "pi12", variable: "country", value: "UK", shift: -0.3, planted: true),
        Shift(item: "pi08", variable: "role", value: "father", shift: 0.5, planted: false),
        Shift(item: "pi01", variable: nil, value: nil, shift: 0.8, planted: false),
        Shift(item: "pi04", variable: nil, value: nil, shift: -0.3, planted: false),
        Shift(item: "pi05", variable: nil, value: nil, shift: -0.5, planted: false),
        Shift(item: "tc01", variable: "country", value: "KZ", shift: 0.6, planted: false),
        Shift(item: "tc04", variable: nil, value: nil, shift: -0.8, planted: false),
        Shift(item: "tc14", variable: nil, value: nil, shift: 0.7, planted: false),
        Shift(item: "tc17", variable: nil, value: nil, shift: 0.6, planted: false),
        Shift(item: "tc20", variable: nil, value: nil, shift: 0.4, planted: false),
    ]

    /// The items whose means `PLANTED.md` reports by country, in order.
    public static var plantedItems: [String] {
        var items: [String] = []
        for shift in shifts where shift.planted && !items.contains(shift.item) { items.append(shift.item) }
        return items
    }

    /// Weights of a nominal item's values (in scale order) by country; other items are uniform.
    static func nominalWeights(item: String, country: String) -> [Double]? {
        switch (item, country) {
        case ("tc02", "KZ"): [0.50, 0.15, 0.35]  // meetings mostly formal in KZ
        case ("tc02", _): [0.25, 0.35, 0.40]
        case ("tc03", "KZ"): [0.10, 0.10, 0.45, 0.20, 0.10, 0.05]  // messenger groups
        case ("tc03", _): [0.25, 0.10, 0.10, 0.35, 0.10, 0.10]  // letters and platforms
        case ("tc10", _): [0.55, 0.10, 0.25, 0.10]
        default: nil
        }
    }

    /// Loading of an ordinal item on its latent, and the weight of its own noise.
    static let loading = 0.85
    static let noise = 0.5
    /// Chance that a cell is left empty.
    public static let missingShare = 0.03
    /// Share of survey respondents who answer the teacher instrument (when parents answer another).
    public static let teacherShare = 0.3
}

/// A count out of a base: `count` of `base` units have a property.
///
/// The percentage is `100 · count / base`. Tables print it rounded half up to a fixed number of
/// decimals, computed in integers from the counts (``percentText(decimals:)``), so the printed value
/// never depends on binary floating-point rounding.
public struct Proportion: Sendable, Equatable, Hashable, Codable {
    public var count: Int
    public var base: Int

    public init(count: Int, base: Int) {
        precondition(count >= 0 && base >= 0 && count <= base, "a proportion needs 0 ≤ count ≤ base")
        self.count = count
        self.base = base
    }

    /// `count / base`, or `nil` for an empty base.
    public var value: Double? { base == 0 ? nil : Double(count) / Double(base) }

    /// `100 · count / base`, or `nil` for an empty base.
    public var percent: Double? { base == 0 ? nil : Double(count) * 100 / Double(base) }

    /// The percentage rounded half up to `decimals` places (`"33.3"`), or `nil` for an empty base.
    ///
    /// Exact: with `s = 10^decimals`, the rounded value is `⌊(200·s·count + base) / (2·base)⌋ / s`.
    public func percentText(decimals: Int = 1) -> String? {
        guard base > 0 else { return nil }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (200 * scale * count + base) / (2 * base)
        let whole = scaled / scale
        guard decimals > 0 else { return String(whole) }
        let fraction = String(scaled % scale)
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// In the order of the keys' bytes, so that the tool's JSON encoder (sorted keys) writes the members as
    /// they come.
    private enum CodingKeys: String, CodingKey { case base, count }
}

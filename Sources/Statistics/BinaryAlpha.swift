/// Krippendorff's α for presence/absence (nominal, two values), from per-unit counts: unit u was coded by
/// mᵤ coders, nᵤ of whom marked it present. Add the units one by one with ``add(coders:present:)``; the
/// tally is a few integers, so α over a million units needs no coincidence matrix and no arrays of codings.
///
/// In the coincidence matrix of ``KrippendorffAlpha/nominal(_:)`` a unit with mᵤ ≥ 2 values adds
/// nᵤ(mᵤ − nᵤ)/(mᵤ − 1) to each of o(1, 0) and o(0, 1), and each of its values adds 1 to its own category's
/// total, so with n₁ = Σ nᵤ and n₀ = Σ (mᵤ − nᵤ) over the pairable units (mᵤ ≥ 2) and n = n₀ + n₁:
///
///     α = 1 − (n − 1) · Σᵤ nᵤ(mᵤ − nᵤ)/(mᵤ − 1) / (n₀ · n₁)
///
/// Undefined (`nil`) when n < 2 or one value never occurs (n₀n₁ = 0). Units with one coder drop out.
/// Reference: Krippendorff, K. (2011), "Computing Krippendorff's alpha-reliability" (the nominal case
/// with two values); equals ``KrippendorffAlpha/nominal(_:)`` and R `irr::kripp.alpha(method = "nominal")`
/// on the same codings.
public struct BinaryAlpha: Sendable, Equatable {
    /// Σ nᵤ(mᵤ − nᵤ) over the pairable units with mᵤ coders, at index mᵤ (exact integers: the sum is
    /// divided by mᵤ − 1 only once, so the result does not depend on the order of the units).
    private var disagreementsByCoders: [Int] = []
    /// n₀ and n₁: absent and present values of the pairable units.
    public private(set) var absentValues = 0
    public private(set) var presentValues = 0

    public init() {}

    /// Adds a unit coded by `coders` coders, `present` of whom marked it present.
    /// - Precondition: 0 ≤ present ≤ coders.
    public mutating func add(coders: Int, present: Int) {
        precondition(present >= 0 && present <= coders, "a unit has at most as many presences as coders")
        guard coders >= 2 else { return }
        if coders >= disagreementsByCoders.count {
            disagreementsByCoders += Array(repeating: 0, count: coders + 1 - disagreementsByCoders.count)
        }
        disagreementsByCoders[coders] += present * (coders - present)
        presentValues += present
        absentValues += coders - present
    }

    /// Adds the units of `other` (the tally of the units of both, in any order: the tallies are sums).
    public mutating func merge(_ other: BinaryAlpha) {
        if other.disagreementsByCoders.count > disagreementsByCoders.count {
            disagreementsByCoders += Array(repeating: 0, count: other.disagreementsByCoders.count - disagreementsByCoders.count)
        }
        for (coders, disagreements) in other.disagreementsByCoders.enumerated() { disagreementsByCoders[coders] += disagreements }
        presentValues += other.presentValues
        absentValues += other.absentValues
    }

    /// α, or `nil` when undefined.
    public var alpha: Double? {
        let n = absentValues + presentValues
        guard n >= 2, absentValues > 0, presentValues > 0 else { return nil }
        var observed = 0.0
        for (coders, disagreements) in disagreementsByCoders.enumerated() where disagreements > 0 {
            observed += Double(disagreements) / Double(coders - 1)
        }
        return 1 - Double(n - 1) * observed / (Double(absentValues) * Double(presentValues))
    }
}

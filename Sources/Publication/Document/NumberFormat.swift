import Foundation
import Statistics

/// The canonical text of the numbers a report prints: fixed decimals in the POSIX locale, the same on
/// every machine (a formatter may then write the language's decimal comma).
public enum NumberFormat {
    /// `x` with `decimals` places ("2.35"), or "—" for `nil` or a non-finite value.
    public static func fixed(_ x: Double?, _ decimals: Int = 2) -> String {
        guard let x, x.isFinite else { return "—" }
        return printed(x, decimals, negativeZero: false)
    }

    /// `printf("%.*f", decimals, x)` through C's `vsnprintf` (the process keeps the "C" locale, so the
    /// point is "."), the same text as `String(format:)` at a fraction of its cost; a negative value
    /// that rounds to zero ("-0.00") loses its sign unless `negativeZero`.
    static func printed(_ x: Double, _ decimals: Int, negativeZero: Bool = true) -> String {
        if let text = roundedAwayFromTies(x, decimals, negativeZero: negativeZero) { return text }
        let capacity = 64
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> String in
            let start = buffer.baseAddress!
            let length = withVaList([Int32(decimals), x]) { vsnprintf(start, capacity, "%.*f", $0) }
            guard length > 0, Int(length) < capacity else { return String(format: "%.\(decimals)f", x) }
            var skip = 0
            if !negativeZero, start[0] == 0x2D,  // "-0.000": every digit a zero
                UnsafeBufferPointer(start: start + 1, count: Int(length) - 1).allSatisfy({ $0 == 0x30 || $0 == 0x2E }) {
                skip = 1
            }
            return String(decoding: UnsafeRawBufferPointer(start: start + skip, count: Int(length) - skip), as: UTF8.self)
        }
    }

    /// The text of ``printed(_:_:negativeZero:)`` without C's `vsnprintf`, for the values whose rounding
    /// the double product x · 10^decimals decides: `nil` for a value near a tie (its fraction within one
    /// ulp of ½, where only the exact binary value decides, as glibc does), for 10^decimals · |x| ≥ 10¹²
    /// and for more than six decimals.
    ///
    /// The product is within half an ulp of the exact x · 10^decimals, and its whole part and fraction
    /// are exact (Sterbenz), so a fraction farther than an ulp from ½ rounds the exact value the same
    /// way; near a whole number both round to it. The sign is printed for every negative value, as C
    /// does ("-0.00" for −0.001), unless `negativeZero` is off and every digit is a zero.
    static func roundedAwayFromTies(_ x: Double, _ decimals: Int, negativeZero: Bool) -> String? {
        guard (0...6).contains(decimals) else { return nil }
        let scaled = x.magnitude * powersOfTen[decimals]
        guard scaled < 1e12 else { return nil }
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard (fraction - 0.5).magnitude > scaled.ulp else { return nil }
        var digits = UInt64(whole) + (fraction > 0.5 ? 1 : 0)
        let negative = x.sign == .minus && (negativeZero || digits != 0)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer -> String in
            var position = buffer.count
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            for _ in 0..<decimals {
                put(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            }
            if decimals > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            } while digits > 0
            if negative { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// A p-value as journals print it: four decimals, or "< 0.0001".
    public static func p(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "—" }
        return p < 0.0001 ? "< 0.0001" : printed(p, 4)
    }

    /// "p = 0.0123" or "p < 0.0001", for sentences.
    public static func pClause(_ value: Double?) -> String {
        let text = p(value)
        return text.hasPrefix("<") ? "p " + text : "p = " + text
    }

    /// A p-value for a CSV cell: full precision (shortest round-trip form).
    public static func exact(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return "\(x)"
    }

    /// A Wilson interval as percentages with one decimal ("11.8–31.8").
    public static func percentInterval(_ interval: WilsonScoreInterval?) -> String {
        guard let interval else { return "—" }
        return fixed(interval.lower * 100, 1) + "–" + fixed(interval.upper * 100, 1)
    }

    /// An odds ratio with its interval ("2.50 (1.10–5.68)"), marking the Haldane correction with "†".
    public static func oddsRatio(_ ratio: OddsRatio?) -> String {
        guard let ratio else { return "—" }
        return fixed(ratio.oddsRatio) + " (" + fixed(ratio.lower) + "–" + fixed(ratio.upper) + ")"
            + (ratio.correction == .haldane ? "†" : "")
    }

    /// How a Fisher p-value was obtained ("exact", or "MC 10000, SE 0.0022": Monte Carlo draws and the
    /// estimate's standard error to four decimals, as the p-value).
    public static func method(_ method: FisherExactTest.Method?) -> String {
        switch method {
        case .exact: "exact"
        case .monteCarlo(let draws, _, let standardError): "MC \(draws), SE " + fixed(standardError, 4)
        case nil: "—"
        }
    }
}

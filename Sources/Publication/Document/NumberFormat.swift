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

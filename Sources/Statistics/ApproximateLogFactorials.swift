import Foundation

/// log(i!) as R's `rhyper` approximates it (its `afc`, R 4.2.2 `src/nmath/rhyper.c`): a table up to 7!,
/// Stirling's series with two terms beyond (relative error about 2 · 10⁻⁹ at 8!), and −1 for a negative
/// i (which R warns should not happen).
///
/// H2PE evaluates a dozen of these for every new parameter triple, each with a `log`; the values up to
/// the largest urn of a test come from one table shared by the process, computed by the same expression,
/// so a value is the same whether looked up or computed.
struct ApproximateLogFactorials: Sendable {
    private let values: [Double]

    /// The values for 0…n looked up (none when n < 0), the others computed.
    init(upTo n: Int) {
        values = n >= 0 ? Self.table.values(upTo: n) : []
    }

    /// log(i!) as R's `afc(i)` gives it, written `afc(i)` as in R's code.
    @inline(__always)
    func callAsFunction(_ i: Int) -> Double {
        i >= 0 && i < values.count ? values[i] : Self.compute(i)
    }

    /// R's `afc(i)`.
    static func compute(_ i: Int) -> Double {
        switch i {
        case ..<0: return -1
        case 0, 1: return 0.0
        case 2: return 0.69314718055994530941723212145817
        case 3: return 1.79175946922805500081247735838070
        case 4: return 3.17805383034794561964694160129705
        case 5: return 4.78749174278204599424770093452324
        case 6: return 6.57925121201010099506017829290394
        case 7: return 8.52516136106541430016553103634712
        default:
            let di = Double(i)
            let i2 = di * di
            return (di + 0.5) * log(di) - di + 0.918938533204672741780329736406
                + (0.0833333333333333 - 0.00277777777777778 / i2) / di
        }
    }

    private static let table = SharedValueTable(compute)
}

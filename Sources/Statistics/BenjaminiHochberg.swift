/// The Benjamini–Hochberg adjustment of p-values for the false discovery rate.
///
/// Sort the m p-values ascending; the adjusted value of the i-th smallest is
/// min over j ≥ i of m·p₍ⱼ₎/j, capped at 1; values come back in input order.
///
/// Reference: Benjamini, Y. & Hochberg, Y. (1995), JRSS B 57, 289–300. Matches R `p.adjust(p, "BH")`,
/// statsmodels `multipletests(method = "fdr_bh")` and scipy `false_discovery_control`, ties included.
/// A NaN p (a test that could not be computed) stays NaN and does not count in m, as R's `NA` does.
public enum BenjaminiHochberg {
    /// The adjusted p-values, in the order of `pValues`.
    /// - Complexity: O(m log m).
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let order = pValues.indices.filter { !pValues[$0].isNaN }
            .sorted { pValues[$0] != pValues[$1] ? pValues[$0] < pValues[$1] : $0 < $1 }
        let m = Double(order.count)
        var adjusted = pValues.map { $0.isNaN ? Double.nan : 1.0 }
        var running = 1.0
        for rank in stride(from: order.count, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, m * pValues[index] / Double(rank))
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}

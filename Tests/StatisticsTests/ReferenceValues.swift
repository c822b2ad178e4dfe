import Foundation

/// Reference values computed by R 4.2.2 (and Python where noted) by `reference/compute_reference.R`,
/// stored in `Fixtures/reference.json`; see `reference/README.md`.
struct ReferenceValues: Decodable {
    struct Fisher: Decodable {
        var name: String
        var table: [[Int]]
        var p: Double
    }
    struct ChiSquare: Decodable {
        var name: String
        var table: [[Int]]
        var pearson: Double
        var df: Int
        var p: Double
        var g2: Double
        var g2_p: Double
        var min_expected: Double
        var cells_below_5: Int
        var cramers_v: Double
        var adjusted_residuals: [[Double]]
    }
    struct OddsRatioCase: Decodable {
        var name: String
        var table: [[Int]]
        var odds_ratio: Double
        var ci: [Double]
        var correction: String
    }
    struct RiskDifference: Decodable {
        var name: String
        var table: [[Int]]
        var difference: Double
    }
    struct Wilson: Decodable {
        var k: Int
        var n: Int
        var lower: Double
        var upper: Double
    }
    struct BH: Decodable {
        var p: [Double]
        var adjusted: [Double]
    }
    struct CMH: Decodable {
        var name: String
        var strata: [[[Int]]]
        var statistic: Double
        var p: Double
        var statistic_corrected: Double
        var p_corrected: Double
        var mh_odds_ratio: Double?
        var mh_odds_ratio_ci: [Double]?
    }
    struct Kappa: Decodable {
        var name: String
        var coder1: [Int]
        var coder2: [Int]
        var kappa: Double?
    }
    struct Krippendorff: Decodable {
        var name: String
        var data: [[Int?]]
        var alpha: Double?
    }
    struct BinaryAgreementCase: Decodable {
        var name: String
        /// a (both present), b (first only), c (second only), d (both absent).
        var table: [Int]
        var percent_agreement: Double
        var kappa: Double?
        var ac1: Double
        var pabak: Double
        var prevalence: Double
        var prevalence_index: Double
        var bias_index: Double
        var alpha: Double?
    }
    struct MannWhitney: Decodable {
        var name: String
        var x: [Double]
        var y: [Double]
        var w: Double
        var p: Double
        var method: String
        var rank_biserial: Double
    }
    struct Cronbach: Decodable {
        var name: String
        var data: [[Double]]
        var alpha: Double
        var item_rest: [Double]
        var alpha_if_deleted: [Double]
    }
    /// `mantelhaen.test(exact = TRUE)`; strata are [[a, b], [c, d]] with rows = groups, columns = mentioned / not.
    struct CMHExact: Decodable {
        var name: String
        var strata: [[[Int]]]
        var exact_p: Double
        /// The conditional MLE; nil when it is +∞ (then `estimate_infinite` is true).
        var conditional_mle: Double?
        var estimate_infinite: Bool
        /// [lower, upper] of the exact 95% CI; the upper bound is nil when it is +∞ (`ci_upper_infinite`).
        var exact_ci: [Double?]
        var ci_upper_infinite: Bool
        var asymptotic_p: Double
        var asymptotic_p_corrected: Double
    }
    /// Breslow–Day with Tarone's correction (`statistic`, `p`) and without (`*_uncorrected`); df = informative strata − 1.
    struct BreslowDay: Decodable {
        var name: String
        var strata: [[[Int]]]
        var mh_odds_ratio: Double
        var statistic: Double
        var statistic_uncorrected: Double
        var df: Int
        var p: Double
        var p_uncorrected: Double
    }
    /// `kruskal.test(list(...))`.
    struct KruskalWallis: Decodable {
        var name: String
        var groups: [[Double]]
        var statistic: Double
        var df: Int
        var p: Double
    }
    /// Linear-by-linear association M² = (N − 1) r², p from χ²(1).
    struct LinearByLinear: Decodable {
        var name: String
        var table: [[Int]]
        var row_scores: [Double]
        var column_scores: [Double]
        var statistic: Double
        var p: Double
        var r: Double
    }

    var fisher: [Fisher]
    var chi_square: [ChiSquare]
    var odds_ratio: [OddsRatioCase]
    var risk_difference: [RiskDifference]
    var wilson: [Wilson]
    var benjamini_hochberg: [BH]
    var cmh: [CMH]
    var cohen_kappa: [Kappa]
    var krippendorff_alpha: [Krippendorff]
    var agreement_binary: [BinaryAgreementCase]
    var mann_whitney: [MannWhitney]
    var cronbach: [Cronbach]
    var cmh_exact: [CMHExact]
    var breslow_day: [BreslowDay]
    var kruskal_wallis: [KruskalWallis]
    var linear_by_linear: [LinearByLinear]

    static let shared: ReferenceValues = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/reference.json")
        do {
            return try JSONDecoder().decode(ReferenceValues.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// Whether `actual` equals `expected` to a relative tolerance (absolute near zero).
func isClose(_ actual: Double?, _ expected: Double?, relative: Double = 1e-6, absolute: Double = 1e-12) -> Bool {
    switch (actual, expected) {
    case (nil, nil): return true
    case (let a?, let e?):
        if a == e { return true }
        return abs(a - e) <= max(absolute, relative * abs(e))
    default: return false
    }
}

import Analysis
import Statistics

/// The tests of a table as tidy records (written as CSV), one per test:
/// `table,row_kind,row,comparison,test,statistic,df,p,adjusted_p,effect,effect_value,ci_lower,ci_upper,method`.
///
/// `comparison` names the groups or stratum a test compares where a row has several tests of one kind
/// (a country, `KZ vs UK`); numbers are written in full precision (shortest round-trip form).
public enum TidyTests {
    public static let header = [
        "table", "row_kind", "row", "comparison", "test", "statistic", "df", "p", "adjusted_p", "effect",
        "effect_value", "ci_lower", "ci_upper", "method",
    ]

    /// The tests of `table`, or `nil` when the table has no tests.
    public static func records(for table: TableResult) -> TidyTable? {
        var lines: [[String]] = []
        switch table {
        case .crosstab(let crosstab):
            for test in crosstab.tests where !test.withheld {
                // The groups tested, where a row is tested on some of them (those with published counts).
                let groups = test.testedColumns.map { columns in
                    columns.map { crosstab.columns[$0].values.joined(separator: "/") }.joined(separator: ", ")
                } ?? ""
                let row = [crosstab.id, test.rowKind.rawValue, test.row, groups]
                lines += rowTests(row, fisher: test.fisher, adjustedP: test.adjustedP, chiSquare: test.chiSquare, oddsRatio: test.oddsRatio)
            }
        case .comparison(let comparison):
            for row in comparison.rows {
                for stratum in row.strata {
                    let prefix = [comparison.id, row.row.kind.rawValue, row.row.id, stratum.stratum]
                    lines += rowTests(prefix, fisher: stratum.fisher, adjustedP: nil, chiSquare: nil, oddsRatio: stratum.oddsRatio)
                }
                if row.pooledTest == .fisherPooled, let fisher = row.pooledFisher {
                    let prefix = [comparison.id, row.row.kind.rawValue, row.row.id, "pooled"]
                    lines.append(prefix + ["fisher_exact_pooled", "", "", exact(fisher.p), exact(row.adjustedP), "", "", "", "", "pooled counts, strata ignored"])
                    lines += rowTests(prefix, fisher: nil, adjustedP: nil, chiSquare: nil, oddsRatio: row.pooledOddsRatio)
                }
                if let test = row.exactCMH {
                    let prefix = [comparison.id, row.row.kind.rawValue, row.row.id, "pooled"]
                    lines.append(prefix + ["cmh_exact_conditional", String(test.s), "", exact(test.p), exact(row.pooledTest == .exactConditional ? row.adjustedP : nil), "conditional_mle_odds_ratio", test.estimate.map(exact) ?? "Inf", exact(test.lower), test.upper.map(exact) ?? "Inf", "S = sum of the first group's mentions over the strata"])
                }
                if let cmh = row.cochranMantelHaenszel {
                    let prefix = [comparison.id, row.row.kind.rawValue, row.row.id, "pooled"]
                    lines.append(prefix + ["cochran_mantel_haenszel", exact(cmh.statistic), "1", exact(cmh.p), exact(row.pooledTest == .cochranMantelHaenszel ? row.adjustedP : nil), "mh_odds_ratio", exact(cmh.oddsRatio), exact(cmh.lower), exact(cmh.upper), "no continuity correction"])
                    lines.append(prefix + ["cochran_mantel_haenszel_corrected", exact(cmh.correctedStatistic), "1", exact(cmh.correctedP), "", "", "", "", "", "continuity correction (R default)"])
                }
                if let test = row.breslowDay {
                    let prefix = [comparison.id, row.row.kind.rawValue, row.row.id, "strata"]
                    lines.append(prefix + ["breslow_day_tarone", exact(test.statistic), String(test.degreesOfFreedom), exact(test.p), "", "", "", "", "", "homogeneity of the odds ratio, Tarone's correction"])
                }
            }
        case .survey(let survey):
            for instrument in survey.instruments {
                for item in instrument.items {
                    let prefix = [survey.id, "item", "\(instrument.instrumentID).\(item.itemID)"]
                    if let chi = item.chiSquare {
                        lines.append(prefix + ["", "pearson_chi_square", exact(chi.pearson), String(chi.degreesOfFreedom), exact(chi.pearsonP), exact(item.chiSquareAdjustedP), "cramers_v", exact(chi.cramersV), "", "", "min expected \(exact(chi.minimumExpected)); \(chi.cellsBelowFive)/\(chi.cellCount) cells below 5"])
                    }
                    for comparison in item.comparisons {
                        let groups = (comparison.stratum.map { "\(comparison.stratumVariable ?? "")=\($0): " } ?? "")
                            + comparison.groups.joined(separator: " vs ")
                        if let test = comparison.test {
                            lines.append(prefix + [groups, "mann_whitney_u", exact(test.w), "", exact(test.p), exact(comparison.adjustedP), "rank_biserial", exact(test.rankBiserial), "", "", test.method.rawValue + "; BH over \(comparison.familySize) items"])
                        } else if let test = comparison.linearByLinear {
                            lines.append(prefix + [groups, "linear_by_linear", exact(test.statistic), "1", exact(test.p), exact(comparison.adjustedP), "r", exact(test.correlation), "", "", "ordered groups scored 1, 2, …; BH over \(comparison.familySize) items"])
                        } else if let test = comparison.kruskalWallis {
                            lines.append(prefix + [groups, "kruskal_wallis", exact(test.statistic), String(test.degreesOfFreedom), exact(test.p), exact(comparison.adjustedP), "", "", "", "", "ties corrected; BH over \(comparison.familySize) items"])
                        }
                    }
                }
                for scale in instrument.scales {
                    guard let alpha = scale.cronbach else { continue }
                    lines.append([survey.id, "scale", "\(instrument.instrumentID).\(scale.subscale)", "", "cronbach_alpha", exact(alpha.alpha), "", "", "", "", "", "", "", "n = \(alpha.respondents)"])
                }
            }
        case .agreement(let agreement):
            for code in agreement.codes {
                let prefix = [agreement.id, "code", code.code, agreement.coders.joined(separator: " vs ")]
                lines.append(prefix + ["cohen_kappa", exact(code.kappa), "", "", "", "", "", "", "", code.flagged ? "flagged" : ""])
                lines.append(prefix + ["gwet_ac1", exact(code.ac1), "", "", "", "", "", "", "", code.prevalence.map { "prevalence \(exact($0))" } ?? ""])
                lines.append(prefix + ["pabak", exact(code.pabak), "", "", "", "", "", "", "", code.prevalenceIndex.map { "prevalence index \(exact($0))" } ?? ""])
                lines.append(prefix + ["percent_agreement", exact(code.percentAgreement), "", "", "", "", "", "", "", "units \(code.units)"])
                lines.append([agreement.id, "code", code.code, agreement.allCoders.joined(separator: ", "), "krippendorff_alpha_nominal", exact(code.alpha), "", "", "", "", "", "", "", ""])
            }
        case .jointDisplay(let display):
            let groups = display.columns.map { $0.values[0] }.joined(separator: " vs ")
            for row in display.rows {
                let prefix = [display.id, row.row.kind.rawValue, row.row.id, "\(row.instrumentID).\(row.itemID): \(groups)"]
                if let test = row.interviewTest {
                    lines.append(prefix + ["fisher_exact_interviews", "", "", exact(test.p), "", "", "", "", "", NumberFormat.method(test.method)])
                }
                if let test = row.surveyTest {
                    lines.append(prefix + ["fisher_exact_survey", "", "", exact(test.p), "", "", "", "", "", NumberFormat.method(test.method)])
                }
                if let convergence = row.convergence {
                    lines.append(prefix + ["convergence", "", "", "", "", "label", convergence.rawValue, "", "", "each side differs at p < 0.05"])
                }
            }
        case .cooccurrence:
            return nil
        }
        guard !lines.isEmpty else { return nil }
        return TidyTable(header: header, rows: lines)
    }

    private static func rowTests(
        _ prefix: [String], fisher: FisherExactTest?, adjustedP: Double?, chiSquare: ChiSquareTest?, oddsRatio: OddsRatio?
    ) -> [[String]] {
        var lines: [[String]] = []
        if let fisher {
            let method = switch fisher.method {
            case .exact: "exact"
            case .monteCarlo(let draws, let seed, let standardError):
                "monte carlo, \(draws) draws, seed \(seed), standard error \(exact(standardError))"
            }
            lines.append(prefix + ["fisher_exact", "", "", exact(fisher.p), exact(adjustedP), "", "", "", "", method])
        }
        if let chiSquare {
            lines.append(prefix + ["pearson_chi_square", exact(chiSquare.pearson), String(chiSquare.degreesOfFreedom), exact(chiSquare.pearsonP), "", "cramers_v", exact(chiSquare.cramersV), "", "", "min expected \(exact(chiSquare.minimumExpected)); \(chiSquare.cellsBelowFive)/\(chiSquare.cellCount) cells below 5"])
            lines.append(prefix + ["likelihood_ratio", exact(chiSquare.likelihoodRatio), String(chiSquare.degreesOfFreedom), exact(chiSquare.likelihoodRatioP), "", "", "", "", "", ""])
        }
        if let oddsRatio {
            lines.append(prefix + ["odds_ratio", "", "", "", "", "odds_ratio", exact(oddsRatio.oddsRatio), exact(oddsRatio.lower), exact(oddsRatio.upper), oddsRatio.correction == .haldane ? "haldane: 0.5 added to every cell" : "woolf"])
            lines.append(prefix + ["risk_difference", "", "", "", "", "risk_difference", exact(oddsRatio.riskDifference), "", "", ""])
        }
        return lines
    }

    private static func exact(_ x: Double?) -> String { NumberFormat.exact(x) }
}

@testable import Statistics
import Testing

/// The statistics of stratified and ordinal comparisons against R (Fixtures/reference.json, sections
/// `cmh_exact`, `breslow_day`, `kruskal_wallis`, `linear_by_linear`): to a relative 1e-6.
@Suite struct ExactAndOrdinalReferenceTests {
    let reference = ReferenceValues.shared

    /// R's `mantelhaen.test(exact = TRUE)`: the p-value, the conditional MLE and its exact interval. The
    /// estimate and the interval come from R's `uniroot` steps (``BrentRoot``), so they are R's numbers,
    /// not merely numbers within R's tolerance of the root.
    @Test func exactConditionalCMHMatchesR() throws {
        #expect(reference.cmh_exact.count >= 12)
        for c in reference.cmh_exact {
            let strata = c.strata.map(ContingencyTable.init)
            guard let test = ExactConditionalCMHTest(strata: strata) else {
                Issue.record("\(c.name): no test")
                continue
            }
            #expect(isClose(test.p, c.exact_p), "\(c.name) p: \(test.p) vs R \(c.exact_p)")
            if c.estimate_infinite {
                #expect(test.estimate == nil, "\(c.name) estimate ∞")
            } else {
                #expect(isClose(test.estimate, c.conditional_mle), "\(c.name) estimate: \(test.estimate ?? -1) vs R \(c.conditional_mle ?? -1)")
            }
            #expect(isClose(test.lower, c.exact_ci[0]), "\(c.name) lower: \(test.lower) vs R \(c.exact_ci[0] ?? -1)")
            if c.ci_upper_infinite {
                #expect(test.upper == nil, "\(c.name) upper ∞")
            } else {
                #expect(isClose(test.upper, c.exact_ci[1]), "\(c.name) upper: \(test.upper ?? -1) vs R \(c.exact_ci[1] ?? -1)")
            }
            // The asymptotic test beside it, on the same strata.
            let asymptotic = try #require(CochranMantelHaenszelTest(strata: strata), "\(c.name)")
            #expect(isClose(asymptotic.p, c.asymptotic_p), "\(c.name) asymptotic p")
            #expect(isClose(asymptotic.correctedP, c.asymptotic_p_corrected), "\(c.name) corrected p")
        }
    }

    /// The conditional distribution is a convolution of hypergeometric densities: with one stratum the
    /// exact conditional test is Fisher's exact test of that table.
    @Test func oneStratumIsFishersExactTest() throws {
        let table = ContingencyTable([[7, 5], [3, 17]])
        let exact = try #require(ExactConditionalCMHTest(strata: [table]))
        let fisher = try #require(FisherExactTest(table))
        #expect(abs(exact.p - fisher.p) < 1e-12)
        #expect(ExactConditionalCMHTest(strata: [ContingencyTable([[0, 5], [0, 7]])]) == nil)
    }

    @Test func breslowDayMatchesR() throws {
        #expect(reference.breslow_day.count >= 8)
        for c in reference.breslow_day {
            let test = try #require(BreslowDayTest(strata: c.strata.map(ContingencyTable.init)), "\(c.name)")
            #expect(test.degreesOfFreedom == c.df, "\(c.name) df")
            #expect(isClose(test.statistic, c.statistic), "\(c.name) X²: \(test.statistic) vs R \(c.statistic)")
            #expect(isClose(test.uncorrectedStatistic, c.statistic_uncorrected), "\(c.name) uncorrected")
            #expect(isClose(test.p, c.p), "\(c.name) p")
            #expect(isClose(test.uncorrectedP, c.p_uncorrected), "\(c.name) uncorrected p")
        }
    }

    @Test func kruskalWallisMatchesR() throws {
        #expect(reference.kruskal_wallis.count >= 8)
        for c in reference.kruskal_wallis {
            let test = try #require(try KruskalWallisTest(c.groups), "\(c.name)")
            #expect(test.degreesOfFreedom == c.df, "\(c.name) df")
            #expect(isClose(test.statistic, c.statistic), "\(c.name) H: \(test.statistic) vs R \(c.statistic)")
            #expect(isClose(test.p, c.p), "\(c.name) p")
        }
        #expect(try KruskalWallisTest([[3, 3], [3, 3, 3]]) == nil)
        #expect(throws: StatisticsInputError.notFinite(statistic: "Kruskal–Wallis", position: 2)) {
            try KruskalWallisTest([[1, 2], [.nan]])
        }
    }

    @Test func linearByLinearMatchesR() throws {
        #expect(reference.linear_by_linear.count >= 8)
        for c in reference.linear_by_linear {
            let test = try #require(
                LinearByLinearTest(ContingencyTable(c.table), rowScores: c.row_scores, columnScores: c.column_scores), "\(c.name)")
            // With no association the statistic and r are rounding noise around 0: compare those absolutely.
            #expect(isClose(test.statistic, c.statistic, absolute: 1e-12), "\(c.name) M²: \(test.statistic) vs R \(c.statistic)")
            #expect(isClose(test.correlation, c.r, absolute: 1e-12), "\(c.name) r")
            #expect(isClose(test.p, c.p), "\(c.name) p")
        }
    }
}

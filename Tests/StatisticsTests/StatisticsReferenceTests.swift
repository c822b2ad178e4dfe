@testable import Statistics
import Testing

/// Every statistic against R (Fixtures/reference.json): p-values to a relative 1e-6.
@Suite struct StatisticsReferenceTests {
    let reference = ReferenceValues.shared

    @Test func fisherExactMatchesR() throws {
        #expect(reference.fisher.count >= 8)
        for c in reference.fisher {
            let test = try #require(FisherExactTest(ContingencyTable(c.table)), "\(c.name)")
            #expect(test.method == .exact, "\(c.name)")
            #expect(isClose(test.p, c.p), "\(c.name): \(test.p) vs R \(c.p)")
        }
    }

    @Test func chiSquareMatchesR() throws {
        for c in reference.chi_square {
            let test = try #require(ChiSquareTest(ContingencyTable(c.table)), "\(c.name)")
            #expect(isClose(test.pearson, c.pearson), "\(c.name) X²")
            #expect(test.degreesOfFreedom == c.df, "\(c.name) df")
            #expect(isClose(test.pearsonP, c.p), "\(c.name) p")
            #expect(isClose(test.likelihoodRatio, c.g2), "\(c.name) G²")
            #expect(isClose(test.likelihoodRatioP, c.g2_p), "\(c.name) G² p")
            #expect(isClose(test.minimumExpected, c.min_expected), "\(c.name) min E")
            #expect(test.cellsBelowFive == c.cells_below_5, "\(c.name) cells < 5")
            #expect(isClose(test.cramersV, c.cramers_v), "\(c.name) V")
            let residuals = test.adjustedResiduals.map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
            #expect(residuals.count == c.adjusted_residuals.count, "\(c.name) residual rows")
            for (row, expected) in zip(residuals, c.adjusted_residuals) {
                for (a, e) in zip(row, expected) { #expect(isClose(a, e, absolute: 1e-9), "\(c.name) residual") }
            }
        }
    }

    @Test func oddsRatioMatchesR() throws {
        for c in reference.odds_ratio {
            let ratio = try #require(OddsRatio(ContingencyTable(c.table)), "\(c.name)")
            #expect(ratio.correction.rawValue == c.correction, "\(c.name)")
            #expect(isClose(ratio.oddsRatio, c.odds_ratio), "\(c.name)")
            #expect(isClose(ratio.lower, c.ci[0]), "\(c.name) lower")
            #expect(isClose(ratio.upper, c.ci[1]), "\(c.name) upper")
        }
        for c in reference.risk_difference {
            #expect(isClose(OddsRatio(ContingencyTable(c.table))?.riskDifference, c.difference), "\(c.name)")
        }
    }

    @Test func wilsonMatchesR() throws {
        for c in reference.wilson {
            let interval = try #require(WilsonScoreInterval(count: c.k, total: c.n))
            #expect(isClose(interval.lower, c.lower, absolute: 1e-15), "\(c.k)/\(c.n) lower")
            #expect(isClose(interval.upper, c.upper, absolute: 1e-15), "\(c.k)/\(c.n) upper")
        }
    }

    @Test func benjaminiHochbergMatchesR() {
        for c in reference.benjamini_hochberg {
            let adjusted = BenjaminiHochberg.adjusted(c.p)
            #expect(zip(adjusted, c.adjusted).allSatisfy { isClose($0, $1) }, "\(c.p)")
        }
    }

    @Test func cochranMantelHaenszelMatchesR() throws {
        for c in reference.cmh {
            let test = try #require(CochranMantelHaenszelTest(strata: c.strata.map(ContingencyTable.init)), "\(c.name)")
            #expect(isClose(test.statistic, c.statistic), "\(c.name)")
            #expect(isClose(test.p, c.p), "\(c.name)")
            #expect(isClose(test.correctedStatistic, c.statistic_corrected), "\(c.name)")
            #expect(isClose(test.correctedP, c.p_corrected), "\(c.name)")
            #expect(isClose(test.oddsRatio, c.mh_odds_ratio), "\(c.name) OR")
            #expect(isClose(test.lower, c.mh_odds_ratio_ci?[0]), "\(c.name) OR lower")
            #expect(isClose(test.upper, c.mh_odds_ratio_ci?[1]), "\(c.name) OR upper")
        }
    }

    @Test func cohenKappaMatchesR() {
        for c in reference.cohen_kappa {
            #expect(isClose(CohenKappa.kappa(c.coder1, c.coder2), c.kappa), "\(c.name)")
        }
    }

    @Test func krippendorffAlphaMatchesR() {
        for c in reference.krippendorff_alpha {
            #expect(isClose(KrippendorffAlpha.nominal(c.data), c.alpha), "\(c.name)")
        }
    }

    @Test func mannWhitneyMatchesR() throws {
        for c in reference.mann_whitney {
            let test = try #require(try MannWhitneyUTest(c.x, c.y), "\(c.name)")
            #expect(test.method.rawValue == c.method, "\(c.name)")
            #expect(isClose(test.w, c.w), "\(c.name) W")
            #expect(isClose(test.p, c.p), "\(c.name): \(test.p) vs R \(c.p)")
            #expect(isClose(test.rankBiserial, c.rank_biserial), "\(c.name) r")
        }
    }

    @Test func cronbachAlphaMatchesR() throws {
        for c in reference.cronbach {
            let alpha = try #require(try CronbachAlpha(c.data.map { $0.map(Optional.some) }), "\(c.name)")
            #expect(isClose(alpha.alpha, c.alpha), "\(c.name)")
            for (a, e) in zip(alpha.itemRestCorrelations, c.item_rest) { #expect(isClose(a, e), "\(c.name) item-rest") }
            for (a, e) in zip(alpha.alphaIfDeleted, c.alpha_if_deleted) { #expect(isClose(a, e), "\(c.name) if deleted") }
        }
    }
}

@Suite struct FisherMethodTests {
    @Test func emptyMarginsGiveNoTest() {
        #expect(FisherExactTest(ContingencyTable([[0, 0], [3, 4]])) == nil)
        #expect(ChiSquareTest(ContingencyTable([[5, 0], [3, 0]])) == nil)
    }
}

@Suite struct FisherLargeSampleTests {
    @Test func largeCountsUseHypergeometricDrawsAndStayNearChiSquare() throws {
        // 2 × 12 with n = 48,000: beyond the network's work bound (and R's FEXACT fails on it); a shuffle
        // would cost n per draw, hypergeometric draws cost 11.
        let first = (0..<12).map { 1_900 + 20 * $0 }
        let table = ContingencyTable([first, first.map { 4_000 - $0 }])
        let test = try #require(FisherExactTest(table))
        #expect(test.method == .monteCarlo(draws: 10_000, seed: 20_251_129, standardError: (test.p * (1 - test.p) / 10_000).squareRoot()))
        #expect(test.p == FisherExactTest(table)?.p)
        let chiSquare = try #require(ChiSquareTest(table))
        #expect(abs(test.p - chiSquare.pearsonP) < 0.03)
    }
}

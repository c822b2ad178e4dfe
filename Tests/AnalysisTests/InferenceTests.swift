import Analysis
import Statistics
import StudyModel
import Testing
import TestSupport

@Suite struct InferenceTests {
    @Test func eachRowIsTestedAndAdjustedWithinItsFamily() throws {
        let table = try analysed(try StudyFixture()).crosstab("barriers-by-country")
        #expect(table.tests.count == table.rows.count)
        let busy = try #require(table.tests.first { $0.row == "bar_busy_job" })
        // Mentioned / not × KZ, UK = [[2, 0], [1, 3]]: R fisher.test gives p = 0.4.
        #expect(isClose(busy.fisher?.p, 0.4))
        #expect(busy.fisher?.method == .exact)
        #expect(busy.family == "code rows of barriers-by-country")
        // Codes tested: busy job, instruction language, fund-raising (the rest have no mention at all).
        #expect(busy.familySize == 3)
        let nobody = try #require(table.tests.first { $0.row == "bar_low_efficacy" })
        #expect(nobody.fisher == nil && nobody.oddsRatio == nil && nobody.adjustedP == nil)
        // The interval of 2 of 3: R prop.test(2, 3, correct = FALSE)$conf.int.
        let cell = try #require(table.cells[1][0].interval)
        #expect(isClose(cell.lower, 0.20765960080204782) && isClose(cell.upper, 0.93850805527960379))
    }

    @Test func fathersAgainstMothersWithinAndAcrossCountries() throws {
        let table = try analysed(try StudyFixture()).comparison("barriers-fathers-vs-mothers")
        #expect(table.strata == ["KZ", "UK"])
        let busy = try #require(table.rows.first { $0.row.id == "bar_busy_job" })
        // KZ: fathers KZ-2 yes, KZ-3 no; mother KZ-1 yes. UK: no father; mothers UK-1, UK-2 no.
        #expect([busy.strata[0].first.participants, busy.strata[0].first.base] == [1, 2])
        #expect([busy.strata[0].second.participants, busy.strata[0].second.base] == [1, 1])
        #expect(busy.strata[1].first.base == 0)
        // R: mantelhaen.test(array(c(1,1,1,0, 0,0,0,2), c(2,2,2)), correct = FALSE): X² = 0.5, p = 0.4795.
        let cmh = try #require(busy.cochranMantelHaenszel)
        #expect(isClose(cmh.statistic, 0.5))
        #expect(isClose(cmh.p, 0.47950012218695))
        #expect(cmh.oddsRatio == nil)  // R's estimate is 0 with an undefined interval
    }

    @Test func agreementOnTheDoublyCodedParticipant() throws {
        let table = try analysed(try StudyFixture()).agreement("intercoder-agreement")
        #expect(table.participants == 1)  // UK-1: C1 and C2
        #expect(table.coders == ["C1", "C2"])
        let reluctance = try #require(table.codes.first { $0.code == "bar_child_reluctance" })
        // C1 absent, C2 present on one unit: pₒ = 0, pₑ = 0, κ = 0; α = 1 − 1 · 2 / 2 = 0.
        #expect(reluctance.kappa == 0)
        #expect(reluctance.alpha == 0)
        #expect(reluctance.percentAgreement == 0)
        // π = 1/2, pₑ = 2 · ½ · ½ = ½: AC1 = (0 − ½)/(1 − ½) = −1; PABAK = 2 · 0 − 1 = −1.
        #expect(reluctance.ac1 == -1 && reluctance.pabak == -1)
        #expect(reluctance.flagged)
        let language = try #require(table.codes.first { $0.code == "bar_instruction_language" })
        #expect(language.kappa == nil && language.alpha == nil && !language.flagged)  // both present: no variation
    }
}

extension AnalysisResults {
    func comparison(_ id: String) throws -> GroupComparisonResult {
        for case .comparison(let table) in tables where table.id == id { return table }
        throw AnalysisError.emptyStore
    }

    func agreement(_ id: String) throws -> AgreementResult {
        for case .agreement(let table) in tables where table.id == id { return table }
        throw AnalysisError.emptyStore
    }
}

func isClose(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= relative * max(1, abs(expected))
}

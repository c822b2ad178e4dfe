import Analysis
import Publication
import Statistics
import StudyModel
import Testing

/// The joint display of the sample: interview codes beside the parent-survey items that measure them.
@Suite struct JointDisplayTests {
    let sample: SampleReport

    init() throws { sample = try SampleReport.shared.get() }

    var display: JointDisplayResult {
        get throws {
            let table = try #require(sample.published.results.tables.first { $0.id == "joint-display-by-country" })
            guard case .jointDisplay(let display) = table else { throw CancellationError() }
            return display
        }
    }

    /// pi09 "The language used at school is hard for me" ↔ bar_instruction_language, by country. The counts
    /// are those `scripts/recount-joint-display.py` recounts from the CSV files (and barriers-by-country and
    /// survey-items-by-country publish); Fisher's p from scipy.stats.fisher_exact.
    @Test func languageOfInstructionConvergesBetweenInterviewsAndSurvey() throws {
        let display = try display
        #expect(display.rows.map { "\($0.itemID) \($0.row.id)" } == [
            "pi08 bar_busy_job", "pi09 bar_instruction_language", "pi12 bar_fundraising",
        ])
        let language = try #require(display.rows.first { $0.itemID == "pi09" })
        #expect(language.presentValues == [4, 5])
        #expect(language.interview.map { [$0.participants, $0.base] } == [[6, 60], [24, 60]])
        #expect(language.survey.map { [$0.present, $0.answered] } == [[26, 102], [84, 103]])
        // fisher_exact([[6, 24], [54, 36]]) and fisher_exact([[26, 84], [76, 19]]).
        #expect(abs(try #require(language.interviewTest?.p) - 0.0002504621223223031) < 1e-12)
        #expect(abs(try #require(language.surveyTest?.p) - 2.5233023705562125e-16) < 1e-24)
        #expect(language.convergence == .convergent)
        // pi08 ↔ busy job: 21/60 against 17/60 mentioned (p = 0.5564), 38/102 against 50/102 agree (p = 0.1197).
        let busy = try #require(display.rows.first { $0.itemID == "pi08" })
        #expect(abs(try #require(busy.interviewTest?.p) - 0.5563650881301043) < 1e-12)
        #expect(abs(try #require(busy.surveyTest?.p) - 0.1197138206999406) < 1e-12)
        #expect(busy.convergence == Convergence.neither)
    }

    /// A survey share is published only where the survey table publishes every count it sums: in
    /// Kazakhstan pi12's "strongly agree" count is hidden, so its share and its test are withheld, and with
    /// them the convergence label.
    @Test func aSurveyShareOverAHiddenCountIsWithheld() throws {
        let fundraising = try #require(try display.rows.first { $0.itemID == "pi12" })
        #expect(fundraising.survey[0].suppressed)
        #expect(fundraising.surveyWithheld && fundraising.surveyTest == nil && fundraising.convergence == nil)
        #expect(!fundraising.survey[1].suppressed)
        #expect(fundraising.interviewTest != nil)
        let kz = try #require(sample.rows("tables/survey-items-by-country.csv").first {
            $0["item"] == "pi12" && $0["response"] == "5" && $0["country"] == "KZ"
        })
        #expect(kz["suppressed"] == "yes")
    }

    /// A row published with the counts the analysis tested keeps the analysis' tests (not computed again):
    /// they are the tests of the published row, as are those computed again for a row with a side withheld.
    @Test func everyPublishedRowHasTheTestsOfWhatItPublishes() throws {
        var kept = 0, retested = 0
        for id in ["joint-display-by-country", "joint-display-by-role"] {
            let analysed = try #require(sample.results.tables.first { $0.id == id })
            let published = try #require(sample.published.results.tables.first { $0.id == id })
            guard case .jointDisplay(let before) = analysed, case .jointDisplay(let after) = published else { throw CancellationError() }
            for (row, out) in zip(before.rows, after.rows) {
                var recomputed = out
                JointDisplayBuilder.test(&recomputed)
                #expect(recomputed == out)
                if JointDisplayBuilder.hasSameTestInputs(row, out) { kept += 1 } else { retested += 1 }
            }
        }
        #expect(kept >= 3 && retested >= 1)
        // One count more on one side is another test.
        let display = try display
        var changed = display.rows[0]
        changed.survey[1].present += 1
        #expect(!JointDisplayBuilder.hasSameTestInputs(display.rows[0], changed))
        changed = display.rows[0]
        changed.interviewWithheld.toggle()
        #expect(!JointDisplayBuilder.hasSameTestInputs(display.rows[0], changed))
        #expect(JointDisplayBuilder.hasSameTestInputs(display.rows[0], display.rows[0]))
    }

    @Test(arguments: [
        ((0.01, 0.2), (0.001, 0.3), Convergence.convergent),
        ((0.01, 0.2), (0.001, -0.3), .divergent),
        ((0.01, -0.2), (0.3, 0.1), .interviewOnly),
        ((0.2, -0.2), (0.04, 0.1), .surveyOnly),
        ((0.05, 0.2), (0.5, 0.1), .neither),
    ])
    func theConvergenceRule(_ interview: (Double, Double), _ survey: (Double, Double), _ label: Convergence) {
        #expect(Convergence(interview: (interview.0, interview.1), survey: (survey.0, survey.1)) == label)
    }
}

import Analysis
import Foundation
import Ingest
import Publication
import Reporting
import Statistics
import Storage
import StudyModel
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample study's published report, built once for the tests of this file.
struct SampleReport: Sendable {
    let files: [(path: String, contents: String)]
    let published: PublishedResults
    let results: AnalysisResults

    static let shared = Result { try SampleReport() }

    private init() throws {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: repositoryRoot.appendingPathComponent("data/sample").path)
        try ingester.ingest(into: store)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        results = try analysis.run()
        published = try DisclosurePass(minimumCount: results.minimumCount).publish(results)
        files = try ReportBuilder(results: results).files()
    }

    func file(_ path: String) -> String? { files.first { $0.path == path }?.contents }

    /// The lines of a tidy CSV as dictionaries by column name.
    func rows(_ path: String) -> [[String: String]] { tidyRows(files, path) }
}

@Suite struct SampleDisclosureTests {
    let sample: SampleReport

    init() throws {
        sample = try SampleReport.shared.get()
    }

    @Test func theAuditLeavesEverySmallHiddenCountAtLeastFiveValues() throws {
        let audit = sample.published.audit
        #expect(audit.minimumCount == 5)
        #expect(audit.hiddenCounts > 300)
        #expect(try #require(audit.narrowest) >= 5)
        // `narrowest` is over the small counts and the counts of small groups (which need k values);
        // counts equal to their group need 2, complementary counts none.
        // The audit file holds no hidden value: its columns are intervals, never a count.
        let csv = try #require(sample.file("disclosure-audit.csv"))
        #expect(csv.hasPrefix("table,row,column,reason,lower,upper,values\n"))
        #expect(csv.split(separator: "\n").count == audit.entries.count + audit.withheldStatistics.count + 1)
        // Withheld statistics are listed with the reason, never a value: pi09's W between countries.
        #expect(csv.contains("\nsurvey-items-by-country,parent_involvement.pi09,mann-whitney KZ vs UK,statistic-withheld,,,\n"))
    }

    @Test func anIndependentAttackOnThePublishedFilesPinsNoHiddenCount() {
        let attack = PublishedFilesAttack(files: sample.files, minimumCount: 5).run()
        #expect(attack.hidden > 300)
        #expect(attack.findings.map(\.description) == [])
    }

    /// The issue's cross-table cases: fathers' counts hidden in one table and published pooled and
    /// per country in others.
    @Test func aHiddenFathersCountIsNotRecoveredFromThePooledCount() {
        let byRole = sample.rows("tables/barriers-by-role-within-country.csv")
        let comparison = sample.rows("tables/barriers-fathers-vs-mothers.csv")
        for code in ["bar_low_education", "bar_cultural_differences"] {
            for role in ["father", "mother"] {
                func published(_ rows: [[String: String]], _ country: String) -> Bool {
                    rows.contains { $0["row"] == code && $0["country"] == country && $0["role"] == role && $0["suppressed"] == "no" }
                }
                let perCountry = ["KZ", "UK"].map { published(byRole, $0) || published(comparison, $0) }
                let pooled = published(comparison, "all")
                // Published pooled with exactly one country published would give the other away.
                #expect(!(pooled && perCountry.filter { $0 }.count == 1), "\(code) \(role)")
            }
        }
        // Limited education: KZ fathers 4 (hidden), UK fathers 5, all fathers 9 (the data). Before, 9 − 5
        // gave the 4 away; now the KZ count is hidden and the UK and pooled counts are not both published.
        func cell(_ rows: [[String: String]], _ country: String) -> [String: String]? {
            rows.first { $0["row"] == "bar_low_education" && $0["country"] == country && $0["role"] == "father" }
        }
        #expect(cell(byRole, "KZ")?["suppressed"] == "yes")
        #expect(cell(comparison, "KZ")?["suppressed"] == "yes")
        #expect(cell(byRole, "UK")?["suppressed"] == "yes" || cell(comparison, "all")?["suppressed"] == "yes")
    }

    @Test func mannWhitneyIsPublishedOnlyWhereItsCountsAre() throws {
        var published = 0
        for (table, variable) in [("survey-items-by-country", "country"), ("survey-items-by-role", "role")] {
            let cells = sample.rows("tables/\(table).csv")
            for test in sample.rows("tables/\(table).tests.csv") where test["test"] == "mann_whitney_u" {
                published += 1
                let item = try #require(test["row"]?.split(separator: ".").last.map(String.init))
                let groups = try #require(test["comparison"]).components(separatedBy: " vs ")
                let testVariable = groups.first.map { ["KZ", "UK"].contains($0) } == true ? "country" : "role"
                guard testVariable == variable else { continue }
                let inputs = cells.filter { $0["item"] == item && groups.contains($0[variable] ?? "") && $0["response"] != "missing" }
                #expect(!inputs.isEmpty)
                #expect(inputs.allSatisfy { $0["suppressed"] == "no" }, "\(table) \(item) \(groups)")
            }
        }
        // Fathers against mothers on the parent survey's 13 ordinal items (by role), and the 3 items whose
        // answer counts by country are all published (by country); each test in one table only.
        #expect(published == 16)
        // The issue's cases: pi09 (UK "1" = 2) and tc12 (UK "Very often" = 4) publish no W between countries.
        let byCountry = sample.rows("tables/survey-items-by-country.tests.csv")
        for item in ["parent_involvement.pi09", "teacher_checklist.tc12"] {
            #expect(!byCountry.contains { $0["row"] == item && $0["comparison"] == "KZ vs UK" }, "\(item)")
        }
    }

    @Test func noAnswerCountsFromOneToFourAreNeverPublished() {
        for table in ["survey-items-by-country", "survey-items-by-role"] {
            for line in sample.rows("tables/\(table).csv") where line["response"] == "missing" {
                let count = Int(line["respondents"] ?? "") ?? 0
                #expect(!(1...4).contains(count), "\(table) \(line["item"] ?? "") \(line)")
            }
        }
    }

    @Test func noInterviewCellEqualsASmallGroupOrIsSmall() {
        let tables = [
            "barriers-by-factor-category", "barriers-by-country", "barriers-by-role-within-country",
            "factor-categories-by-country-role", "involvement-roles-by-country-role", "activities-by-country",
            "barriers-fathers-vs-mothers",
        ]
        for table in tables {
            for line in sample.rows("tables/\(table).csv") where line["suppressed"] == "no" {
                let (count, base) = (Int(line["participants"]!)!, Int(line["base"]!)!)
                #expect(!(1...4).contains(count), "\(table) \(line)")
                // A count equal to its group is hidden in groups of fewer than 2k = 10.
                #expect(count == 0 || count < base || base >= 10, "\(table) \(line)")
                #expect(line["segments"] == "", "segment counts are not published per cell")
            }
            // Nor in the table's JSON (no "segments": 0 standing for "not published").
            #expect(sample.file("tables/\(table).json")?.contains("\"segments\"") == false, "\(table).json")
        }
    }

    @Test func agreementIsWithheldWhereACoderCountIsHidden() throws {
        let lines = sample.rows("tables/intercoder-agreement.csv")
        #expect(!lines.isEmpty)
        for line in lines where line["present_first"] == "" || line["present_second"] == "" {
            #expect(line["kappa"] == "" && line["percent_agreement"] == "" && line["alpha"] == "", "\(line)")
            // AC1, PABAK and the prevalence are functions of the same counts: withheld alike.
            #expect(line["ac1"] == "" && line["pabak"] == "" && line["prevalence"] == "" && line["prevalence_index"] == "", "\(line)")
            #expect(line["flagged"] == "no", "\(line)")
        }
        // Where both counts are published, so is every statistic.
        for line in lines where line["present_first"] != "" && line["present_second"] != "" {
            #expect(line["ac1"] != "" && line["pabak"] != "" && line["prevalence"] != "", "\(line)")
        }
        let unemployment = try #require(lines.first { $0["code"] == "bar_unemployment" })
        #expect(unemployment["kappa"] == "" && unemployment["ac1"] == "")
    }

    @Test func fathersAndMothersAreTestedOnAtLeastHalfTheBarriers() throws {
        guard case .comparison(let table) = try #require(sample.published.results.tables.first { $0.id == "barriers-fathers-vs-mothers" }) else {
            Issue.record("not a comparison")
            return
        }
        let codes = table.rows.filter { $0.row.kind == .code }
        #expect(codes.count == 22)
        let tested = codes.filter { $0.pooledTest != nil && $0.adjustedP != nil }
        #expect(tested.count >= 11)
        // Every published pooled test rests on published counts.
        for row in tested {
            switch row.pooledTest! {
            case .exactConditional, .cochranMantelHaenszel:
                #expect(row.strata.allSatisfy { !$0.first.suppressed && !$0.second.suppressed })
            case .fisherPooled:
                #expect(!row.pooledFirst.suppressed && !row.pooledSecond.suppressed)
                #expect(row.exactCMH == nil && row.cochranMantelHaenszel == nil && row.breslowDay == nil)
            }
        }
        // Busy job: fathers 10 of 12 against mothers 6 of 24 in Kazakhstan, 6 of 12 against 6 of 24 in the UK.
        // R 4.2.2: mantelhaen.test(array(c(10, 6, 2, 18, 6, 6, 6, 18), c(2, 2, 2)), exact = TRUE) gives
        // p = 0.00090360181688493261, conditional MLE 5.8465009949831757, 95% CI 1.8263507457703079–20.525953816236409.
        let busy = try #require(table.rows.first { $0.row.id == "bar_busy_job" })
        #expect(busy.pooledTest == .exactConditional)
        let exact = try #require(busy.exactCMH)
        #expect(abs(exact.p - 0.00090360181688493261) < 1e-15)
        #expect(abs(try #require(exact.estimate) - 5.8465009949831757) < 1e-9)
        #expect(abs(exact.lower - 1.8263507457703079) < 1e-9)
        #expect(abs(try #require(exact.upper) - 20.525953816236409) < 1e-8)
        // Breslow–Day with Tarone's correction on the same strata (statsmodels
        // StratifiedTable.test_equal_odds(adjust=True) gives 1.922648055889366, p = 0.16556503397784494;
        // adjust=False 1.9262383656788309): the strata's odds ratios (15 and 3) do not differ at 0.05.
        let homogeneity = try #require(busy.breslowDay)
        #expect(homogeneity.degreesOfFreedom == 1)
        #expect(abs(homogeneity.statistic - 1.922648055889366) < 1e-12)
        #expect(abs(homogeneity.uncorrectedStatistic - 1.9262383656788309) < 1e-12)
        #expect(abs(homogeneity.p - 0.16556503397784494) < 1e-12)
        // Both parents work long hours: fathers 16 of 24, mothers 12 of 48 over both countries.
        // scipy.stats.fisher_exact([[16, 8], [12, 36]]): OR 6.0, p = 0.0009016897780399353;
        // Woolf interval exp(log 6 ± 1.959964 · √(1/16 + 1/8 + 1/12 + 1/36)) = 2.0559–17.5103.
        let dual = try #require(table.rows.first { $0.row.id == "bar_dual_work" })
        #expect(dual.pooledTest == .fisherPooled)
        #expect(dual.pooledFirst.participants == 16 && dual.pooledFirst.base == 24)
        #expect(dual.pooledSecond.participants == 12 && dual.pooledSecond.base == 48)
        #expect(abs(try #require(dual.pooledFisher?.p) - 0.0009016897780399353) < 1e-12)
        #expect(abs(try #require(dual.pooledOddsRatio?.lower) - 2.0559352577771275) < 1e-9)
        #expect(abs(try #require(dual.pooledOddsRatio?.upper) - 17.51027901477944) < 1e-9)
    }

    @Test func factorCategoriesByCountryAndRoleCarryTests() throws {
        guard case .crosstab(let table) = try #require(sample.published.results.tables.first { $0.id == "factor-categories-by-country-role" }) else {
            Issue.record("not a crosstab")
            return
        }
        #expect(table.rows.count == 4)
        #expect(table.tests.filter { !$0.withheld && $0.fisher != nil }.count == 4)
        // Teachers are kept out of the tests (publication.untested), and each test uses only published groups.
        #expect(table.untestedColumns.map { table.columns[$0].values } == [["KZ", "teacher"], ["UK", "teacher"]])
        for (row, test) in zip(table.cells, table.tests) {
            let columns = test.testedColumns ?? table.testableColumns
            #expect(columns.allSatisfy { !row[$0].suppressed && !table.columns[$0].suppressed })
            #expect(columns.allSatisfy { table.columns[$0].values[1] != "teacher" })
        }
    }

    /// The published Mann–Whitney p-values of each instrument and comparison are adjusted together, over
    /// the published tests only: R's p.adjust(p, "BH"), p_(i) ↦ min over j ≥ i of n·p_(j)/j, capped at 1.
    @Test func surveyTestsAreAdjustedOverThePublishedTestsOfTheirInstrument() throws {
        let tests = ["survey-items-by-country", "survey-items-by-role"].flatMap { table in
            sample.rows("tables/\(table).tests.csv").filter { ["mann_whitney_u", "kruskal_wallis"].contains($0["test"]) }
        }
        let families = Dictionary(grouping: tests) { line in
            "\(line["table"]!)|\(line["row"]!.split(separator: ".").first!)|\(line["comparison"]!)"
        }
        // By country: the teacher checklist's and the parent survey's countries; by role: the parent survey's
        // fathers against mothers (its Kruskal–Wallis over mothers, fathers and other carers is withheld:
        // other carers' answer counts are hidden).
        #expect(families.keys.sorted() == [
            "survey-items-by-country|parent_involvement|KZ vs UK", "survey-items-by-country|teacher_checklist|KZ vs UK",
            "survey-items-by-role|parent_involvement|father vs mother",
        ])
        for (family, lines) in families {
            let p = lines.map { Double($0["p"]!)! }
            let order = p.indices.sorted { p[$0] > p[$1] }
            var adjusted = Array(repeating: 0.0, count: p.count)
            var running = 1.0
            for (rank, index) in order.enumerated() {
                running = min(running, p[index] * Double(p.count) / Double(p.count - rank))
                adjusted[index] = running
            }
            for (line, expected) in zip(lines, adjusted) {
                #expect(abs(Double(line["adjusted_p"] ?? "")! - expected) < 1e-12, "\(family) \(line["row"]!)")
            }
        }
    }
}

@testable import Analysis
import Foundation
import Statistics
import Storage
import StudyModel
import Testing

@testable import Reporting

@Suite struct DisclosureControlTests {
    @Test(arguments: [
        // values, primary, expected hidden: one small cell pulls the smallest non-zero other cell with it.
        ([10, 3, 20], [false, true, false], [true, true, false]),
        // two small cells hide each other: nothing more.
        ([2, 3, 20], [true, true, false], [true, true, false]),
        // a zero is only taken when no non-zero cell is left.
        ([0, 3, 0], [false, true, false], [true, true, false]),
        ([0, 3, 7], [false, true, false], [false, true, true]),
        // nothing small: nothing hidden.
        ([10, 30, 20], [false, false, false], [false, false, false]),
    ])
    func complementaryCellOfALine(_ values: [Int], _ primary: [Bool], _ expected: [Bool]) {
        var hidden = primary
        DisclosureControl.complement(&hidden, values: values, lines: [Array(values.indices)])
        #expect(hidden == expected)
    }

    @Test func crossingLinesSettleWithNoLoneHiddenCell() {
        // 2 × 2 with row and column lines: a lone small cell spreads to a rectangle.
        let values = [3, 10, 12, 15]  // [[3, 10], [12, 15]]
        var hidden = [true, false, false, false]
        DisclosureControl.complement(&hidden, values: values, lines: [[0, 1], [2, 3], [0, 2], [1, 3]])
        #expect(hidden == [true, true, true, true])
    }

    @Test func publishedFilesHoldNoSmallCount() throws {
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let csv = try #require(file("tables/barriers-by-country.csv", in: files))
        #expect(csv.contains("\nbarriers-by-country,code,bar_busy_job,KZ,,,,,,,yes\n"))
        let json = try #require(file("tables/barriers-by-country.json", in: files))
        #expect(!json.contains("\"participants\" : 2"))
        #expect(json.contains("\"suppressed\" : true"))
        let tests = file("tables/barriers-by-country.tests.csv", in: files)
        #expect(tests == nil)  // every row has a hidden cell: every test is withheld
        let text = try #require(file("tables.txt", in: files))
        #expect(text.contains("\n  Busy job              withheld\n"))
    }
}

@Suite struct DisclosureOfComparisonsAndSurveysTests {
    func cell(_ participants: Int, _ base: Int) -> TableCell {
        TableCell(participants: participants, base: base, percent: Double(participants) * 100 / Double(base), segments: participants, interval: nil)
    }

    @Test func aSmallStratumCellHidesAnotherStratumOfItsGroupAndWithholdsTheTests() throws {
        let row = ComparisonRow(
            row: TableRow(kind: .code, id: "bar_busy_job", label: LocalizedText(en: "Busy", ru: "З", kk: "Ж"), depth: 1),
            strata: [
                StratumComparison(stratum: "KZ", first: cell(3, 12), second: cell(10, 24), fisher: nil, oddsRatio: nil),
                StratumComparison(stratum: "UK", first: cell(6, 12), second: cell(8, 24), fisher: nil, oddsRatio: nil),
            ],
            pooledFirst: cell(9, 24), pooledSecond: cell(18, 48), cochranMantelHaenszel: nil, adjustedP: 0.01,
            family: "code rows", familySize: 1)
        let table = GroupComparisonResult(
            id: "c", rowSet: .barriers, comparison: GroupComparison(variable: "role", groups: ["father", "mother"], within: "country"),
            strata: ["KZ", "UK"], rows: [row])
        let published = DisclosureControl(minimumCount: 5).apply(to: resultsWith(.comparison(table)))
        guard case .comparison(let hidden) = published.tables[0] else { Issue.record("not a comparison"); return }
        let publishedRow = hidden.rows[0]
        // Fathers: 3 (KZ) is small; 6 (UK) goes with it, or 9 − 6 would give it away. Pooled 9 stays.
        #expect(publishedRow.strata.map(\.first.suppressed) == [true, true])
        #expect(!publishedRow.pooledFirst.suppressed && publishedRow.pooledFirst.participants == 9)
        #expect(publishedRow.strata.map(\.second.participants) == [10, 8])
        #expect(publishedRow.withheld && publishedRow.adjustedP == nil)
        #expect(publishedRow.strata.allSatisfy { $0.withheld })
    }

    @Test func surveyCountsAreHiddenWithinTheirColumnAndNullInJSON() throws {
        let scale = ResponseScale(
            id: "s", level: .ordinal,
            values: (1...3).map { ResponseScale.Value(value: $0, label: LocalizedText(en: "\($0)", ru: "\($0)", kk: "\($0)")) })
        let item = SurveyItemDistribution(
            itemID: "q1", text: LocalizedText(en: "Q", ru: "В", kk: "С"), scale: scale, counts: [[10, 3, 20], [12, 15, 9]],
            missing: [1, 0], chiSquare: ChiSquareTest(ContingencyTable([[10, 12], [3, 15], [20, 9]])), comparisons: [])
        let instrument = InstrumentDistribution(
            instrumentID: "i", title: LocalizedText(en: "I", ru: "I", kk: "I"),
            columns: [TableColumn(values: ["KZ"], base: 34), TableColumn(values: ["UK"], base: 36)], items: [item], scales: [])
        let published = DisclosureControl(minimumCount: 5).apply(
            to: resultsWith(.survey(SurveyTableResult(id: "s", columnVariables: ["country"], instruments: [instrument]))))
        guard case .survey(let survey) = published.tables[0] else { Issue.record("not a survey"); return }
        let hidden = survey.instruments[0].items[0]
        // KZ: 3 is small and 10, the smallest other answer, goes with it (33 answers are published).
        #expect(hidden.suppressedCounts == [[true, true, false], [false, false, false]])
        #expect(hidden.answered == [33, 36])
        #expect(hidden.chiSquare == nil && hidden.testsWithheld)
        let json = String(decoding: try JSONEncoder().encode(hidden), as: UTF8.self)
        #expect(json.contains("\"counts\":[[null,null,20],[12,15,9]]"))
    }

    private func resultsWith(_ table: TableResult) -> AnalysisResults {
        AnalysisResults(
            toolVersion: "t", study: StoredStudy(name: "s", version: "1", codebookVersion: "c", toolVersion: "t"),
            sourceFiles: [], countries: ["KZ", "UK"], roles: ["mother", "father"], analysedCoders: ["C1"], minimumBase: 10,
            minimumCount: 5, participants: 0, analysedSegments: 0, tables: [table])
    }
}

import Analysis
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

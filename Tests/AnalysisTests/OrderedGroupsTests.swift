import Foundation
import Analysis
import Ingest
import Statistics
import Storage
import StudyModel
import Testing
import TestSupport

/// A survey table whose groups are ordered (`ordered: true`) adds the linear-by-linear association test
/// of each ordinal item.
@Suite struct OrderedGroupsTests {
    @Test func anOrderedSurveyTableTestsTheTrendAcrossItsGroups() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-ordered-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for item in ["sample", "codebook.yml", "instruments"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent("data/\(item)"), to: work.appendingPathComponent(item))
        }
        let manifest = work.appendingPathComponent("sample/study.yml")
        let text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
            of: "analysis:\n  minimum_base: 10\n",
            with: "analysis:\n  minimum_base: 10\n  tables:\n    - {id: survey-ordered, rows: survey-items, columns: [country], ordered: true}\n")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: work.appendingPathComponent("sample").path)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()
        guard case .survey(let table) = try #require(results.tables.first) else { throw CancellationError() }
        let item = try #require(table.instruments.first { $0.instrumentID == "parent_involvement" }?.items.first { $0.itemID == "pi09" })
        let trend = try #require(item.comparisons.first { $0.trend })
        #expect(trend.groups == ["KZ", "UK"])
        // R 4.2.2 on data/sample/survey-parents.csv: x <- d[!is.na(d$pi09), ]; u <- ifelse(x$country == "KZ", 1, 2);
        // m2 <- (nrow(x) - 1) * cor(u, x$pi09)^2 gives 78.520315609794409, p = 7.9179746652789827e-19,
        // r = 0.62040592186982635 over 205 answers.
        let test = try #require(trend.linearByLinear)
        #expect(abs(test.statistic - 78.520315609794409) < 1e-9)
        #expect(abs(test.p / 7.9179746652789827e-19 - 1) < 1e-6)
        #expect(abs(test.correlation - 0.62040592186982635) < 1e-12)
        #expect(trend.answered.reduce(0, +) == 205)
        // Adjusted over the instrument's items in its own family (the trend, apart from Mann–Whitney).
        let family = item.comparisons.filter { $0.trend }.map(\.family)
        #expect(family == ["country,KZ,UK|trend"])
        #expect(trend.familySize == table.instruments.first { $0.instrumentID == "parent_involvement" }!.items.filter { $0.scale.level == .ordinal }.count)
    }

    @Test func orderedIsForASurveyTableOfOneVariable() throws {
        let spec = "analysis:\n  tables:\n    - {id: t, rows: barriers, columns: [country], ordered: true}\n"
        let fixture = try StudyFixture(manifestTail: spec)
        let error = #expect(throws: InputProblems.self) { try StudyIngester(studyDirectory: fixture.directory) }
        #expect(error?.description.contains("analysis.tables 't': ordered: true is for a survey table of one column variable") == true)
    }
}

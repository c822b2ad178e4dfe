import Analysis
import Foundation
import Ingest
import JSONOutput
import Reporting
import Storage
import StudyModel
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample study doubles as the regression test: its reports, rebuilt here, must equal the committed
/// `reports/` byte for byte. After an intended change of output, rebuild them with
/// `swift run analyze run data/sample --output reports --notebooks notebooks-md` and review the diff.
@Suite struct SampleGoldenTests {
    @Test func sampleReportsEqualTheCommittedReports() throws {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: repositoryRoot.appendingPathComponent("data/sample").path)
        let summary = try ingester.ingest(into: store)
        #expect(summary.participants == 120)
        #expect(summary.segmentRows == 2022)
        #expect(summary.respondents.map(\.count) == [90, 210])
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        let results = try analysis.run()
        // `analyze run` reports the results it has just written, kept in memory; `analyze report` reads
        // them back: the two must be the same results.
        #expect(try AnalysisResults(jsonData: results.jsonData()) == results)
        // The tables are encoded apart, on all cores, and decoded so: the same bytes as the results encoded
        // whole, and the same results as the file decoded whole.
        let json = try results.jsonData()
        #expect(json == (try SortedJSONEncoder().encode(results)))
        #expect(try AnalysisResults.decodedInPieces(json) == results)
        #expect(try JSONDecoder().decode(AnalysisResults.self, from: json) == results)
        var builder = ReportBuilder(results: results)
        builder.notebooks = try Notebook.load(from: repositoryRoot.appendingPathComponent("notebooks-md").path)
        builder.computeTable = { try analysis.table(for: $0) }
        builder.computeBasis = { analysis.disclosureBasis(for: ingester.manifest.plan + $0) }
        builder.quotes = { try analysis.quotes(code: $0, limit: $1) }
        let files = try builder.files()

        let reports = repositoryRoot.appendingPathComponent("reports")
        let committed = try FileManager.default.subpathsOfDirectory(atPath: reports.path)
            .filter { path in
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: reports.appendingPathComponent(path).path, isDirectory: &isDirectory)
                return !isDirectory.boolValue
            }
        #expect(Set(committed) == Set(files.map(\.path)))
        for (path, contents) in files {
            let golden = try String(contentsOf: reports.appendingPathComponent(path), encoding: .utf8)
            #expect(contents == golden, "reports/\(path) differs from a fresh build")
        }
    }

    @Test func plantedDifferencesShowInTheSampleTables() throws {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: repositoryRoot.appendingPathComponent("data/sample").path)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()
        var byCountry: CrosstabResult?
        for case .crosstab(let table) in results.tables where table.id == "barriers-by-country" { byCountry = table }
        let table = try #require(byCountry)
        func cell(_ code: String, _ country: String) -> (Int, Int)? {
            guard let row = table.rows.firstIndex(where: { $0.id == code }),
                let column = table.columns.firstIndex(where: { $0.values == [country] })
            else { return nil }
            return (table.cells[row][column].participants, table.cells[row][column].base)
        }
        // data/sample/PLANTED.md: UK 40% vs KZ 10% on the language of instruction; KZ 35% vs UK 8.3% on fund-raising.
        #expect(cell("bar_instruction_language", "UK")! == (24, 60))
        #expect(cell("bar_instruction_language", "KZ")! == (6, 60))
        #expect(cell("bar_fundraising", "KZ")! == (21, 60))
        #expect(cell("bar_fundraising", "UK")! == (5, 60))
    }
}

import Analysis
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel
import Testing
import TestSupport

/// Issue 10: a `.sav` survey with value labels gives the same survey tables as the equivalent CSV. The sample's
/// parent survey as written by ReadStat (`Tests/Fixtures/SurveyFiles`) replaces `survey-parents.csv`, and the
/// report built from it must equal the committed `reports/` in every file but those that fingerprint the
/// source files.
@Suite struct SurveyFileReportTests {
    @Test(arguments: ["survey-parents.sav", "survey-parents.dta"])
    func theSampleWithItsParentSurveyAsAStatFileGivesTheCommittedReports(_ file: String) throws {
        let survey = repositoryRoot.appendingPathComponent("Tests/Fixtures/SurveyFiles/\(file)")
        let study = try sampleStudy(root: repositoryRoot, parentSurvey: survey)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: study)
        try ingester.ingest(into: store)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        var builder = ReportBuilder(results: try analysis.run())
        builder.notebooks = try Notebook.load(from: repositoryRoot.appendingPathComponent("notebooks-md").path)
        builder.computeTable = { try analysis.table(for: $0) }
        builder.computeBasis = { analysis.disclosureBasis(for: ingester.manifest.plan + $0) }
        builder.quotes = { try analysis.quotes(code: $0, limit: $1) }
        let files = try builder.files()
        let reports = repositoryRoot.appendingPathComponent("reports")
        let surveyTables = files.filter { $0.path.hasPrefix("tables/survey-") }
        #expect(surveyTables.count == 6)
        var differing: [String] = []
        for (path, contents) in files {
            let golden = try String(contentsOf: reports.appendingPathComponent(path), encoding: .utf8)
            guard contents != golden else { continue }
            differing.append(path)
            // Only the source files' fingerprints may differ: the survey file's name, size and SHA-256, the
            // manifest's SHA-256 (it names the file) and the digest of all inputs.
            let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == goldenLines.count, "\(file): \(path)")
            for (line, goldenLine) in zip(lines, goldenLines) where line != goldenLine {
                let fingerprint = ["\"sha256\"", "\"bytes\"", "survey-parents.csv", "<code>"].contains { goldenLine.contains($0) }
                #expect(fingerprint, "\(file): \(path): \(goldenLine)")
            }
        }
        #expect(differing.sorted() == ["provenance.json", "report.html"], "\(file)")
    }
}

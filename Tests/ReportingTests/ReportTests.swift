import Analysis
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel
import Testing
import TestSupport

func fixtureResults() throws -> AnalysisResults {
    let store = try StudyStore.inMemory()
    let ingester = try StudyIngester(studyDirectory: try StudyFixture().directory)
    try ingester.ingest(into: store)
    return try StudyAnalysis(manifest: ingester.manifest, store: store).run()
}

func file(_ path: String, in files: [(path: String, contents: String)]) -> String? {
    files.first { $0.path == path }?.contents
}

@Suite struct ReportTests {
    @Test func tidyCSVHasOneLinePerCell() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let csv = try #require(file("tables/barriers-by-country.csv", in: files))
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "table,row_kind,row,country,participants,base,percent,ci_lower,ci_upper,segments,suppressed")
        // 95% Wilson interval of 2/3: R prop.test(2, 3, correct = FALSE) gives 0.2077–0.9385.
        #expect(lines[1] == "barriers-by-country,factor_category,parent,KZ,2,3,66.7,20.8,93.9,4,no")
        #expect(lines[2] == "barriers-by-country,factor_category,parent,UK,0,3,0.0,0.0,56.1,0,no")
        #expect(lines[3] == "barriers-by-country,code,bar_busy_job,KZ,2,3,66.7,20.8,93.9,4,no")
        #expect(lines.count == 9 * 2 + 2)
        let roles = try #require(file("tables/barriers-by-role-within-country.csv", in: files))
        #expect(roles.contains("\nbarriers-by-role-within-country,code,bar_busy_job,KZ,father,1,2,50.0,9.5,90.5,3,no\n"))
        #expect(roles.contains("\nbarriers-by-role-within-country,code,bar_busy_job,KZ,guardian,0,0,,,,0,no\n"))
    }

    @Test func surveyTidyCSV() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let csv = try #require(file("tables/survey-items-by-country.csv", in: files))
        #expect(csv.hasPrefix("table,instrument,item,response,country,respondents,base,percent,ci_lower,ci_upper,suppressed\n"))
        // Wilson intervals: R prop.test(1, 1, correct = FALSE) 0.2065–1; prop.test(1, 2, correct = FALSE) 0.0945–0.9055.
        #expect(csv.contains("\nsurvey-items-by-country,mini,q2,2,KZ,1,1,100.0,20.7,100.0,no\n"))
        #expect(csv.contains("\nsurvey-items-by-country,mini,q2,missing,KZ,1,2,50.0,9.5,90.5,no\n"))
    }

    @Test func textTableShowsParticipantsPercentAndSegments() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let text = try #require(file("tables.txt", in: files))
        #expect(text.contains("barriers-by-country: Barriers by country\n"))
        #expect(text.contains("\n  Busy job              2  66.7  20.8–93.9    4  0   0.0  0.0–56.1    0\n"))
        #expect(text.contains("\nBase (participants)     3                        3\n"))
        // The row's tests: Fisher p of [[2, 0], [1, 3]] is 0.4 in R (fisher.test).
        #expect(text.contains("\n  Busy job                0.4000   exact  3.00   1  0.0833  3.82  0.71   1.00  4/4  1.0000"))
        let markdown = try #require(file("tables.md", in: files))
        #expect(markdown.contains("| **Parent factors** | 2 | 66.7 | 20.8–93.9 | 4 | 0 | 0.0 | 0.0–56.1 | 0 |"))
    }

    @Test func reportsNeverPrintParticipantIDsOrExcerpts() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        for (path, contents) in files {
            for secret in ["KZ-1", "KZ-2", "UK-1", "UK-2", "English is hard", "Работаю"] {
                #expect(!contents.contains(secret), "\(path) contains \(secret)")
            }
        }
    }

    @Test func buildsAreByteIdenticalAndCarryNoTimeUnlessAsked() throws {
        let results = try fixtureResults()
        let first = try ReportBuilder(results: results).files()
        let second = try ReportBuilder(results: try fixtureResults()).files()
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.contents) == second.map(\.contents))
        let provenance = try #require(file("provenance.json", in: first))
        #expect(!provenance.contains("sourceDateEpoch"))
        #expect(provenance.contains("\"hashAlgorithm\" : \"SHA-256\""))
        #expect(provenance.contains("\"codebookVersion\" : \"test-1\""))
        let dated = try ReportBuilder(results: results, sourceDateEpoch: "1764374400").files()
        #expect(file("provenance.json", in: dated)?.contains("\"sourceDateEpoch\" : \"2025-11-29T00:00:00Z\"") == true)
        #expect(throws: ReportError.invalidSourceDateEpoch("yesterday")) {
            try ReportBuilder(results: results, sourceDateEpoch: "yesterday").files()
        }
    }

    @Test func provenanceHashesEveryOtherFile() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let provenance = try #require(file("provenance.json", in: files))
        for (path, _) in files where path != "provenance.json" {
            #expect(provenance.contains("\"path\" : \"\(path)\""), "\(path)")
        }
    }

    @Test func testsCSVHasOneLinePerTest() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let csv = try #require(file("tables/barriers-by-country.tests.csv", in: files))
        #expect(csv.hasPrefix("table,row_kind,row,comparison,test,statistic,df,p,adjusted_p,effect,effect_value,ci_lower,ci_upper,method\n"))
        #expect(csv.contains("\nbarriers-by-country,code,bar_busy_job,,fisher_exact,,,0.40000000000000013,"))
        #expect(csv.contains("\nbarriers-by-country,code,bar_busy_job,,odds_ratio,,,,,odds_ratio,"))
        #expect(file("tables/sample-by-country-role.tests.csv", in: files) == nil)
    }

    @Test func summaryStatesSmallBases() throws {
        let summary = try #require(file("summary.txt", in: try ReportBuilder(results: try fixtureResults(), suppression: false).files()))
        #expect(summary.hasPrefix("NO DISCLOSURE CONTROL (--no-suppression)"))
        #expect(summary.contains("The sample has 6 interviewed participants: 3 in Kazakhstan and 3 in the United Kingdom."))
        #expect(summary.contains("too small to conclude anything"))
    }
}

@Suite struct ReportFolderTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aReportNeverRemovesAFileItDidNotWrite() throws {
        let root = try folder()
        let builder = ReportBuilder(results: try fixtureResults())
        try builder.write(to: root.path)
        // The user's own files beside and inside the report's folders, and a file a report wrote once.
        try Data("mine".utf8).write(to: root.appendingPathComponent("tables/my-notes.csv"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: root.appendingPathComponent("notebooks/draft.md"))
        try builder.write(to: root.path)
        #expect(try String(contentsOf: root.appendingPathComponent("tables/my-notes.csv"), encoding: .utf8) == "mine")
        #expect(try String(contentsOf: root.appendingPathComponent("notebooks/draft.md"), encoding: .utf8) == "mine")
        // A file the earlier report wrote and this one does not is removed: a plan without the survey.
        var smaller = try fixtureResults()
        smaller.tables.removeAll { $0.id == "survey-items-by-role" }
        smaller.plan.removeAll { $0.id == "survey-items-by-role" }
        try ReportBuilder(results: smaller).write(to: root.path)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("tables/survey-items-by-role.csv").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("tables/my-notes.csv").path))
    }

    @Test func aFolderWithOtherFilesAndNoReportIsRefused() throws {
        let root = try folder()
        try Data("thesis".utf8).write(to: root.appendingPathComponent("chapter1.docx"))
        #expect(throws: ReportError.notAReportFolder(root.path)) {
            try ReportBuilder(results: try fixtureResults()).write(to: root.path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["chapter1.docx"])
        #expect("\(ReportError.notAReportFolder("out"))".hasPrefix("out is not empty and holds no report of analyze"))
    }

    @Test func aUserFileWhereTheReportWritesOneIsRefusedAndNothingChanges() throws {
        let root = try folder()
        let builder = ReportBuilder(results: try fixtureResults())
        try builder.write(to: root.path)
        // A provenance that does not list summary.txt: that file is the user's, and the report writes one.
        let provenance = root.appendingPathComponent("provenance.json")
        let text = try String(contentsOf: provenance, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"path\" : \"summary.txt\"", with: "\"path\" : \"gone.txt\"")
        try edited.write(to: provenance, atomically: true, encoding: .utf8)
        let before = try String(contentsOf: root.appendingPathComponent("summary.txt"), encoding: .utf8)
        #expect(throws: ReportError.fileInTheWay(root.resolvingSymlinksInPath().appendingPathComponent("summary.txt").path)) {
            try builder.write(to: root.path)
        }
        #expect(try String(contentsOf: root.appendingPathComponent("summary.txt"), encoding: .utf8) == before)
        #expect(try String(contentsOf: provenance, encoding: .utf8) == edited)
        #expect(try siblings(of: root).isEmpty)
    }

    /// The hidden folders a build leaves beside the report (none, when it ends).
    func siblings(of root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("." + root.lastPathComponent + ".") }
    }

    @Test func aKilledBuildsLeftoversAreRemovedAndALeftAsideReportPutBack() throws {
        let root = try folder()
        let builder = ReportBuilder(results: try fixtureResults())
        try builder.write(to: root.path)
        let parent = root.deletingLastPathComponent()
        // A process that is gone (pid 2^22 + 1 is above Linux's pid_max default) left a half-built report,
        // and another left the old report aside between its two renames.
        let dead = 4_194_305
        let building = parent.appendingPathComponent(".\(root.lastPathComponent).building-\(dead)")
        try FileManager.default.createDirectory(at: building, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: building.appendingPathComponent("summary.txt"))
        let aside = parent.appendingPathComponent(".\(root.lastPathComponent).previous-\(dead)")
        try FileManager.default.moveItem(at: root, to: aside)
        try builder.write(to: root.path)
        #expect(try siblings(of: root).isEmpty)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("provenance.json").path))
        #expect(try String(contentsOf: root.appendingPathComponent("summary.txt"), encoding: .utf8).contains("Fixture study"))
    }

    /// An old report retired after the exchange keeps what the user put into it meanwhile: that file is
    /// moved into the report folder, never deleted.
    @Test func aFileThatCameIntoTheOldReportIsMovedIntoTheNewOne() throws {
        let root = try folder()
        let builder = ReportBuilder(results: try fixtureResults())
        try builder.write(to: root.path)
        let aside = root.deletingLastPathComponent().appendingPathComponent(".\(root.lastPathComponent).previous-4194305")
        try FileManager.default.copyItem(at: root, to: aside)
        try Data("written while the report was built".utf8).write(to: aside.appendingPathComponent("tables/late.csv"))
        try builder.write(to: root.path)
        #expect(try String(contentsOf: root.appendingPathComponent("tables/late.csv"), encoding: .utf8) == "written while the report was built")
        #expect(try siblings(of: root).isEmpty)
    }
}

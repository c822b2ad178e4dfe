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
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let csv = try #require(file("tables/barriers-by-country.csv", in: files))
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "table,row_kind,row,country,participants,base,percent,segments")
        #expect(lines[1] == "barriers-by-country,factor_category,parent,KZ,2,3,66.7,4")
        #expect(lines[2] == "barriers-by-country,factor_category,parent,UK,0,3,0.0,0")
        #expect(lines[3] == "barriers-by-country,code,bar_busy_job,KZ,2,3,66.7,4")
        #expect(lines.count == 9 * 2 + 2)
        let roles = try #require(file("tables/barriers-by-role-within-country.csv", in: files))
        #expect(roles.contains("\nbarriers-by-role-within-country,code,bar_busy_job,KZ,father,1,2,50.0,3\n"))
        #expect(roles.contains("\nbarriers-by-role-within-country,code,bar_busy_job,KZ,guardian,0,0,,0\n"))
    }

    @Test func surveyTidyCSV() throws {
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let csv = try #require(file("tables/survey-items-by-country.csv", in: files))
        #expect(csv.hasPrefix("table,instrument,item,response,country,respondents,base,percent\n"))
        #expect(csv.contains("\nsurvey-items-by-country,mini,q2,2,KZ,1,1,100.0\n"))
        #expect(csv.contains("\nsurvey-items-by-country,mini,q2,missing,KZ,1,2,50.0\n"))
    }

    @Test func textTableShowsParticipantsPercentAndSegments() throws {
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let text = try #require(file("tables.txt", in: files))
        #expect(text.contains("barriers-by-country: Barriers by country\n"))
        #expect(text.contains("\n  Busy job              2   66.7    4   0    0.0    0\n"))
        #expect(text.contains("\nBase (participants)     3               3\n"))
        let markdown = try #require(file("tables.md", in: files))
        #expect(markdown.contains("| **Parent factors** | 2 (66.7%), 4 seg | 0 (0.0%), 0 seg |"))
    }

    @Test func reportsNeverPrintParticipantIDsOrExcerpts() throws {
        let files = try ReportBuilder(results: try fixtureResults()).files()
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
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let provenance = try #require(file("provenance.json", in: files))
        for (path, _) in files where path != "provenance.json" {
            #expect(provenance.contains("\"path\" : \"\(path)\""), "\(path)")
        }
    }

    @Test func summaryStatesSmallBases() throws {
        let summary = try #require(file("summary.txt", in: try ReportBuilder(results: try fixtureResults()).files()))
        #expect(summary.contains("The sample has 6 interviewed participants: 3 in Kazakhstan and 3 in the United Kingdom."))
        #expect(summary.contains("too small to conclude anything"))
    }
}

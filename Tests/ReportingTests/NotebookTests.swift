import Analysis
import Ingest
import Storage
import TestSupport
import Foundation
import Reporting
import StudyModel
import Testing

@Suite struct NotebookTests {
    func render(_ text: String) throws -> [(path: String, contents: String)] {
        var builder = ReportBuilder(results: try fixtureResults(), suppression: false)
        builder.notebooks = [Notebook(name: "n.md", path: "notebooks-md/n.md", text: text)]
        return try builder.files().filter { $0.path.hasPrefix("notebooks/") }
    }

    @Test func blocksAreReplacedByWhatTheyAskFor() throws {
        let files = try render("# Title\n\nProse.\n\n```analyze\ntable barriers-by-country\n```\n\n```analyze\nchart barriers-by-country\n```\nEnd.\n")
        #expect(files.map(\.path) == ["notebooks/n.md", "notebooks/n-chart-1.svg"])
        let markdown = files[0].contents
        #expect(markdown.hasPrefix("# Title\n\nProse.\n\n### Barriers by country\n"))
        #expect(markdown.contains("| **Parent factors** | 2 | 66.7 | 20.8–93.9 | 4 |"))
        #expect(markdown.contains("![Barriers by country: share of all participants"))
        #expect(markdown.hasSuffix("End.\n"))
        #expect(files[1].contents.hasPrefix("<svg xmlns="))
    }

    @Test(arguments: [
        ("Text\n\n```analyze\ntable no-such-table\n```\n", "notebooks-md/n.md:3: unknown table 'no-such-table'"),
        ("```analyze\nplot everything\n```\n", "notebooks-md/n.md:1: unknown request 'plot everything'"),
        ("a\nb\n```analyze\ntable barriers-by-country\n", "notebooks-md/n.md:3: analyze block is never closed with ```"),
        ("```analyze\ncrosstab rows=people columns=role\n```\n", "notebooks-md/n.md:1: unknown rows 'people'"),
    ])
    func unknownRequestsFailWithFileAndLine(_ text: String, _ message: String) throws {
        let error = #expect(throws: InputProblem.self) { try render(text) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }
}

@Suite struct QuoteTests {
    func quotesNotebook(participants: String) throws -> String {
        let fixture = try StudyFixture(participants: participants)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        var builder = ReportBuilder(results: try analysis.run(), suppression: false)
        builder.notebooks = [Notebook(name: "q.md", path: "q.md", text: "```analyze\nquotes bar_busy_job 5\n```\n")]
        builder.quotes = { try analysis.quotes(code: $0, limit: $1) }
        return try #require(file("notebooks/q.md", in: try builder.files()))
    }

    @Test func onlyConsentingParticipantsAreQuotedUnderPseudonyms() throws {
        let quoted = try quotesNotebook(participants: """
            participant_id,country,role,quote_consent
            KZ-1,KZ,mother,yes
            KZ-2,KZ,father,no
            KZ-3,KZ,father,yes
            UK-1,UK,mother,yes
            UK-2,UK,mother,yes
            UK-3,UK,teacher,yes

            """)
        // KZ-1 consented (her excerpt is quoted); KZ-2 did not (his three excerpts are not).
        #expect(quoted.contains("> I work late, so \"school\" waits\n>\n> — P-"))
        #expect(quoted.contains(", Mothers, Kazakhstan (en)"))
        #expect(!quoted.contains("Работаю допоздна"))
        #expect(!quoted.contains("KZ-1") && !quoted.contains("KZ-2"))
    }

    @Test func withoutAConsentAttributeNobodyIsQuoted() throws {
        let quoted = try quotesNotebook(participants: StudyFixture.participants)
        #expect(quoted == "*No quotable excerpt (consent given) for this code.*\n")
    }
}

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
        #expect(files.map(\.path) == ["notebooks/n.md", "notebooks/n.html", "notebooks/n-chart-1.svg"])
        let markdown = files[0].contents
        #expect(markdown.hasPrefix("# Title\n\nProse.\n\n**Table 1.**\n\n### Barriers by country\n"))
        #expect(markdown.contains("| **Parent factors** | 2 | 66.7 | 20.8–93.9 | 4 |"))
        #expect(markdown.contains("![Barriers by country: share of all participants"))
        #expect(markdown.contains("*Figure 1. Barriers by country: share of all participants"))
        #expect(markdown.hasSuffix("End.\n"))
        #expect(files[2].contents.hasPrefix("<svg xmlns="))
        // The page: the prose as HTML, the table and the chart inline.
        #expect(files[1].contents.contains("<h1>Title</h1>\n<p>Prose.</p>\n<p><strong>Table 1.</strong></p>"))
        #expect(files[1].contents.contains("<figure>\n<svg xmlns="))
        #expect(files[1].contents.contains("<p>End.</p>"))
    }

    /// The page escapes the prose: markup in it is shown, never run.
    @Test func theNotebookPageEscapesItsProse() throws {
        let files = try render("A <script>alert(1)</script> & `x<y>` **bold** *em* [link](https://example.org)\n\n> quoted\n")
        let page = try #require(files.first { $0.path == "notebooks/n.html" }).contents
        #expect(page.contains("<p>A &lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>x&lt;y&gt;</code> <strong>bold</strong> <em>em</em> "
            + "<a href=\"https://example.org\">link</a></p>\n<blockquote><p>quoted</p></blockquote>"))
        #expect(!page.contains("<script>"))
    }

    @Test(arguments: [
        ("Text\n\n```analyze\ntable no-such-table\n```\n", "notebooks-md/n.md:3: unknown table 'no-such-table'"),
        ("```analyze\nplot everything\n```\n", "notebooks-md/n.md:1: unknown request 'plot everything'"),
        ("a\nb\n```analyze\ntable barriers-by-country\n", "notebooks-md/n.md:3: analyze block is never closed with ```"),
        ("```analyze\ncrosstab rows=people columns=role\n```\n", "notebooks-md/n.md:1: unknown rows 'people'"),
        ("One\nHad `analyze: count barriers-by-country bar_nothing KZ` of them.\n",
         "notebooks-md/n.md:2: analyze: count barriers-by-country bar_nothing KZ: 'barriers-by-country' has no row 'bar_nothing'"),
        ("`analyze: percent barriers-by-country bar_busy_job FR`\n",
         "notebooks-md/n.md:1: analyze: percent barriers-by-country bar_busy_job FR: 'barriers-by-country' has no column 'FR' (KZ, UK)"),
        ("`analyze: percent barriers-by-kountry bar_busy_job KZ`\n",
         "notebooks-md/n.md:1: analyze: percent barriers-by-kountry bar_busy_job KZ: unknown table 'barriers-by-kountry'"),
        ("`analyze: mean barriers-by-country`\n", "notebooks-md/n.md:1: analyze: mean barriers-by-country: unknown value 'mean'"),
        ("See `analyze: ref chart-a`.\n\n```analyze\nchart barriers-by-country name=chart-b\n```\n",
         "notebooks-md/n.md:1: ref chart-a: no block has that name (names: chart-b)"),
        ("`analyze: participants\n", "notebooks-md/n.md:1: inline value is never closed with `"),
        ("```analyze\nchart barriers-by-country kind=pie\n```\n", "notebooks-md/n.md:1: unknown chart kind 'pie'"),
        ("```analyze\nchart intercoder-agreement kind=heat-map\n```\n",
         "notebooks-md/n.md:1: 'intercoder-agreement' cannot be drawn as heat-map"),
        ("```analyze\ntable barriers-by-country name=t\n```\n```analyze\nchart barriers-by-country name=t\n```\n",
         "notebooks-md/n.md:4: name=t: the notebook names another block so"),
    ])
    func unknownRequestsFailWithFileAndLine(_ text: String, _ message: String) throws {
        let error = #expect(throws: InputProblem.self) { try render(text) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
    }
}

@Suite struct NotebookValueTests {
    func render(_ text: String, suppression: Bool = false) throws -> String {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: try StudyFixture().directory)
        try ingester.ingest(into: store)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        var builder = ReportBuilder(results: try analysis.run(), suppression: suppression)
        builder.notebooks = [Notebook(name: "n.md", path: "notebooks-md/n.md", text: text)]
        builder.computeTable = { try analysis.table(for: $0) }
        builder.computeBasis = { analysis.disclosureBasis(for: ingester.manifest.plan + $0) }
        return try #require(try builder.files().first { $0.path == "notebooks/n.md" }).contents
    }

    /// Inline values are the tables' own numbers: the fixture's Kazakhstan has 3 participants, 2 of whom
    /// named a parent factor (66.7%, Wilson 20.8–93.9); its codebook has 5 barriers.
    @Test func inlineValuesAreTheTablesNumbers() throws {
        let markdown = try render(
            "Of `analyze: base barriers-by-country KZ` in KZ, `analyze: count barriers-by-country parent KZ` "
                + "(`analyze: percent barriers-by-country parent KZ`, `analyze: ci barriers-by-country parent KZ`) named a parent "
                + "factor; `analyze: rows barriers-by-country` barriers, `analyze: participants` participants.\n")
        #expect(markdown == "Of 3 in KZ, 2 (66.7%, 20.8–93.9%) named a parent factor; 5 barriers, 6 participants.\n")
    }

    /// A group with no participant (the fixture has no Kazakh grandparent) has no percentage and no
    /// interval: a dash, not "—%".
    @Test func anEmptyGroupHasNoPercentInline() throws {
        let markdown = try render(
            "`analyze: base barriers-by-role-within-country KZ/grandparent`: `analyze: percent barriers-by-role-within-country parent KZ/grandparent`"
                + " (`analyze: ci barriers-by-role-within-country parent KZ/grandparent`)\n")
        #expect(markdown == "0: — (—)\n")
    }

    /// A chart of a co-occurrence table keeps its own caption (a Jaccard index per pair), not the caption
    /// of a chart of shares.
    @Test func aCooccurrenceChartKeepsItsCaption() throws {
        let markdown = try render("```analyze\nchart barrier-co-occurrence-by-country kind=heat-map\n```\n")
        #expect(markdown.contains("*Figure 1. Each cell: participants who mention both codes / participants who mention either (Jaccard index)"))
        #expect(!markdown.contains("share of each group who mentioned each code"))
    }

    /// A count disclosure control hides stays hidden in the prose too.
    @Test func aHiddenCountIsHiddenInline() throws {
        let markdown = try render(
            "`analyze: count barriers-by-country parent KZ` and `analyze: percent barriers-by-country parent KZ`\n", suppression: true)
        #expect(markdown == "* and *\n")
    }

    /// Blocks are numbered in the notebook's order, tables and figures apart; a reference may come first.
    @Test func blocksAreNumberedAndReferencedByName() throws {
        let markdown = try render(
            "See `analyze: ref bars` and `analyze: ref kz`.\n\n```analyze\ntable barriers-by-country\n```\n\n"
                + "```analyze\ncrosstab rows=factor-categories columns=role where country=KZ name=kz\n```\n\n"
                + "```analyze\nchart barriers-by-country name=bars\n```\n")
        #expect(markdown.hasPrefix("See Figure 1 and Table 2.\n"))
        #expect(markdown.contains("**Table 1.**\n\n### Barriers by country"))
        #expect(markdown.contains("**Table 2.**\n\n### "))
        #expect(markdown.contains("`n-kz`"))
    }

    /// Any crosstab can be charted, a notebook's own by its name; the figure is titled by its table.
    @Test func aNotebookCrosstabIsChartedByName() throws {
        let markdown = try render(
            "```analyze\ncrosstab rows=factor-categories columns=role where country=KZ name=kz\n```\n\n"
                + "```analyze\nchart kz kind=heat-map\n```\n")
        #expect(markdown.contains("](n-chart-1.svg)"))
        #expect(markdown.contains("*Figure 1. Factor categories of barriers by role (country: Kazakhstan): share of each group who mentioned each code"))
    }

    /// A crosstab's table id does not depend on the prose around it: editing the notebook above it
    /// changes no id.
    @Test func crosstabIdsAreStableUnderEditing() throws {
        let block = "```analyze\ncrosstab rows=factor-categories columns=role where country=KZ\n```\n"
        func ids(_ markdown: String) -> [String] {
            markdown.split(separator: "\n").filter { $0.hasPrefix("`n-") }.map(String.init)
        }
        let before = ids(try render("Intro.\n\n" + block))
        let after = ids(try render("Intro.\n\nA new paragraph\nof two lines.\n\n## A heading\n\n" + block))
        #expect(before.count == 1)
        #expect(before == after)
    }

    /// A notebook's translation `NAME.CODE.md` is rendered in its place for a report in that language.
    @Test func aTranslationIsRenderedForItsLanguage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notebooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "English.\n".write(to: folder.appendingPathComponent("01-q.md"), atomically: true, encoding: .utf8)
        try "Русский.\n".write(to: folder.appendingPathComponent("01-q.ru.md"), atomically: true, encoding: .utf8)
        try "Only English.\n".write(to: folder.appendingPathComponent("02-r.md"), atomically: true, encoding: .utf8)
        let russian = try Notebook.load(from: folder.path, language: Language(rawValue: "ru"))
        #expect(russian.map(\.name) == ["01-q.md", "02-r.md"])
        #expect(russian.map(\.text) == ["Русский.\n", "Only English.\n"])
        let english = try Notebook.load(from: folder.path)
        #expect(english.map(\.text) == ["English.\n", "Only English.\n"])
        try "Қазақша.\n".write(to: folder.appendingPathComponent("03-s.kk.md"), atomically: true, encoding: .utf8)
        let error = #expect(throws: InputProblem.self) { try Notebook.load(from: folder.path) }
        #expect(error?.description.hasSuffix("03-s.kk.md: a translation of no notebook (its NAME.md is missing)") == true)
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

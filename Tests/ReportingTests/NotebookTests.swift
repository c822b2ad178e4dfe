import Analysis
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

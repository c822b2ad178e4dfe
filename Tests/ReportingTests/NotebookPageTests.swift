import Foundation
import Testing

/// Each notebook is written as a self-contained HTML page beside its Markdown.
@Suite struct NotebookPageTests {
    let notebooks = ["01-study-questions", "02-joint-displays"]

    /// The committed sample report's notebook pages: no script, style sheet, font or image from outside;
    /// charts inline; the tables and figures numbered as in the Markdown.
    @Test func notebookPagesAreSelfContained() throws {
        for name in notebooks {
            let html = try String(contentsOf: repositoryRoot.appendingPathComponent("reports/notebooks/\(name).html"), encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http") && !html.contains("<img"))
            #expect(html.contains("<strong>Table 1.</strong>"))
            #expect(html.contains("<table"))
        }
        let questions = try String(contentsOf: repositoryRoot.appendingPathComponent("reports/notebooks/01-study-questions.html"), encoding: .utf8)
        #expect(questions.components(separatedBy: "<svg ").count - 1 == 4)
        #expect(questions.contains("<figcaption>Figure 1. Barriers by country"))
        #expect(questions.contains("<h2>1. Which barriers dominate in each country?</h2>"))
    }

    @Test(.enabled(if: chromiumPath != nil, "needs Debian's chromium"))
    func chromiumRendersTheNotebookPagesWithoutErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let blankPath = directory.appendingPathComponent("blank.html").path
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: URL(fileURLWithPath: blankPath))
        let blank = try screenshot(of: blankPath, into: directory.appendingPathComponent("blank.png").path)
        for name in notebooks {
            let path = repositoryRoot.appendingPathComponent("reports/notebooks/\(name).html").path
            let page = try screenshot(of: path, into: directory.appendingPathComponent("\(name).png").path)
            #expect(page.bytes > 10 * blank.bytes, "\(name): screenshot \(page.bytes) bytes against a blank page's \(blank.bytes)")
            #expect(!page.log.contains { $0.contains(":CONSOLE") }, "\(name): \(page.log)")
        }
    }
}

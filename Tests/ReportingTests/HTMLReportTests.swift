import Foundation
import Reporting
import Testing

/// Headless Chromium (Debian's `chromium`; `.ci/run` installs it), if present.
let chromiumPath: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// Takes a screenshot of a local HTML file; returns the PNG's size and Chromium's log lines.
func screenshot(of htmlPath: String, into pngPath: String) throws -> (bytes: Int, log: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromiumPath!)
    process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
        "--enable-logging=stderr", "--log-level=0", "--screenshot=\(pngPath)", URL(fileURLWithPath: htmlPath).absoluteString,
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let size = (try FileManager.default.attributesOfItem(atPath: pngPath)[.size] as? Int) ?? 0
    return (size, log.split(separator: "\n").map(String.init))
}

@Suite struct HTMLReportTests {
    @Test func pageIsSelfContainedAndMarkedUp() throws {
        let html = try #require(file("report.html", in: try ReportBuilder(results: try fixtureResults(), suppression: false).files()))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for external in ["<script", "src=", "<link", "@import"] {
            #expect(!html.contains(external), "the page must not load \(external)")
        }
        // url(…) only for a gradient of the page itself.
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        #expect(html.contains("<caption>Barriers by country</caption>"))
        #expect(html.contains("<th scope=\"colgroup\" colspan=\"4\">Kazakhstan</th>"))
        #expect(html.contains("<th scope=\"row\" class=\"indent\">Busy job</th><td>2</td><td>66.7</td><td>20.8–93.9</td><td>4</td>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Barriers by country\""))
        #expect(html.contains("@media print"))
    }

    @Test(.enabled(if: chromiumPath != nil, "needs Debian's chromium"))
    func chromiumRendersThePageWithoutErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let reportPath = directory.appendingPathComponent("report.html").path
        let html = try #require(file("report.html", in: try ReportBuilder(results: try fixtureResults()).files()))
        try Data(html.utf8).write(to: URL(fileURLWithPath: reportPath))
        let blankPath = directory.appendingPathComponent("blank.html").path
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: URL(fileURLWithPath: blankPath))

        let page = try screenshot(of: reportPath, into: directory.appendingPathComponent("report.png").path)
        let blank = try screenshot(of: blankPath, into: directory.appendingPathComponent("blank.png").path)
        // A blank page compresses to a few kilobytes; the report's text, tables and charts do not.
        #expect(blank.bytes > 0)
        #expect(page.bytes > 10 * blank.bytes, "screenshot \(page.bytes) bytes against a blank page's \(blank.bytes)")
        #expect(consoleMessages(page.log).isEmpty, "\(consoleMessages(page.log))")

        // The check sees console errors when there are some.
        let brokenPath = directory.appendingPathComponent("broken.html").path
        try Data("<!DOCTYPE html><html><body><script>missingFunction();</script></body></html>".utf8)
            .write(to: URL(fileURLWithPath: brokenPath))
        let broken = try screenshot(of: brokenPath, into: directory.appendingPathComponent("broken.png").path)
        #expect(consoleMessages(broken.log).contains { $0.contains("Uncaught ReferenceError") })
    }

    private func consoleMessages(_ log: [String]) -> [String] {
        log.filter { $0.contains(":CONSOLE") }
    }
}

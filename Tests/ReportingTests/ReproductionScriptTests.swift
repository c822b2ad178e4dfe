import Foundation
import Testing

/// R (Debian's `r-base-core`; `.ci/run` installs it), if present.
let rscriptPath: String? = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// `reports/reproduce.R` reruns every published test of the committed sample report in R, from the
/// published counts only, and R agrees with the report on every one.
@Suite struct ReproductionScriptTests {
    @Test(.enabled(if: rscriptPath != nil, "needs Debian's r-base-core"))
    func everyPublishedTestOfTheSampleMatchesR() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rscriptPath!)
        process.arguments = [repositoryRoot.appendingPathComponent("reports/reproduce.R").path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(process.terminationStatus == 0, "\(lines.filter { !$0.hasPrefix("MATCH") }.prefix(10))")
        #expect(!lines.contains { $0.hasPrefix("DIFFER") })
        let matched = lines.filter { $0.hasPrefix("MATCH ") }.count
        // One line per published test: the row tests of the crosstabs, the strata and pooled tests of
        // fathers against mothers, the survey items' χ², Mann–Whitney and Kruskal–Wallis tests.
        #expect(matched >= 140)
        #expect(lines.last == "\(matched) tests rerun: \(matched) match, 0 differ")
        for test in ["fisher.test p", "mantelhaen.test(exact = TRUE)", "Breslow-Day-Tarone", "chisq.test X2", "wilcox.test W"] {
            #expect(lines.contains { $0.contains(test) }, "no line reruns \(test)")
        }
    }

    /// Every test the sample report publishes rests on counts it prints (the script is built from the
    /// published tables, where hidden counts are gone): none had to be marked as resting on a count that is
    /// pinned by the margins but not printed.
    @Test func everyPublishedTestRestsOnPrintedCounts() throws {
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("reports/reproduce.R"), encoding: .utf8)
        #expect(script.contains("# It holds only counts the report prints"))
        #expect(!script.contains("unprintable = TRUE"), "a published test rests on a count the report does not print")
    }
}

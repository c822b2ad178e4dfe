import Analysis
import ArgumentParser

/// `analyze analyze STUDY_DIR`: run the analysis plan over the store.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run the study's analysis plan over the store and write the results (JSON).",
        discussion: "Refuses to run when an input file changed since the last ingest.")

    @OptionGroup var study: StudyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Self.analyze(study, output: output)
    }

    @discardableResult
    static func analyze(_ study: StudyOptions, output: OutputOptions) throws -> AnalysisResults {
        let results = try reportingProblems(command: "analyze", output: output) { try Pipeline.analyze(study) }
        if output.json {
            Terminal.printJSON(["command": "analyze", "results": study.resultsPath, "tables": results.tables.map(\.id)])
        } else if !output.quiet {
            print("Computed \(results.tables.count) tables into \(study.resultsPath).")
        }
        return results
    }
}

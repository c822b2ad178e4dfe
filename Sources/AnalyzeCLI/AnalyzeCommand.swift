import Analysis
import ArgumentParser

/// `analyze analyze STUDY_DIR`: run the analysis plan over the store.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run the study's analysis plan over the store and write the results (JSON).",
        discussion: "Refuses to run when an input file changed since the last ingest.")

    @OptionGroup var study: StudyOptions

    func run() throws {
        try Self.analyze(study)
    }

    static func analyze(_ study: StudyOptions) throws {
        let results = try reportingProblems { try Pipeline.analyze(study) }
        print("Computed \(results.tables.count) tables into \(study.resultsPath).")
    }
}

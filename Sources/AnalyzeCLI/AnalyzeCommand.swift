import Analysis
import ArgumentParser
import FileSafety
import Ingest
import Storage
import StudyModel

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
        announce(results, study, output: output)
        return results
    }

    /// Runs the analysis, then `meanwhile` with the results (on this thread) while their JSON is encoded,
    /// written beside its place and synced on another (``AtomicFile/prepare(_:to:)``); then puts the
    /// results file in place and announces it, as ``analyze(_:output:)`` does, and returns what
    /// `meanwhile` made (`analyze run`: the report, made but not yet written).
    ///
    /// `ingested`: `analyze run`'s ingest, whose store is read where it was built while it is synced, and
    /// put in place (and the ingest announced, or its failure said) once the analysis has run, before
    /// anything else is written or said.
    static func analyze<T>(
        _ study: StudyOptions, output: OutputOptions, ingested: Pipeline.Ingested? = nil, meanwhile: (AnalysisResults) -> T
    ) throws -> (results: AnalysisResults, meanwhile: T) {
        let analyzed = Result {
            try Pipeline.analyzed(
                study, manifest: ingested?.manifest, storeFile: ingested?.store.file, definitions: ingested?.summary.stored,
                ingested: ingested?.keptForAnalysis)
        }
        if let ingested { try IngestCommand.place(ingested, study, output: output) }
        let analysis = try reportingProblems(command: "analyze", output: output) { try analyzed.get() }
        let results = analysis.results
        // Encoded and written beside its place on another core; put in place after `meanwhile`.
        let resultsPath = study.resultsPath
        let written = BackgroundValue<AtomicFile.Prepared, any Error> { try AtomicFile.prepare(try results.jsonData(), to: resultsPath) }
        let made = meanwhile(results)
        try reportingProblems(command: "analyze", output: output) { try written.value().commit() }
        analysis.keepConfirmedInputStats()
        announce(results, study, output: output)
        return (results, made)
    }

    private static func announce(_ results: AnalysisResults, _ study: StudyOptions, output: OutputOptions) {
        if output.json {
            Terminal.printJSON(["command": "analyze", "results": study.resultsPath, "tables": results.tables.map(\.id)])
        } else if !output.quiet {
            print("Computed \(results.tables.count) tables into \(study.resultsPath).")
        }
    }
}

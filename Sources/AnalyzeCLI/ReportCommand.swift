import Analysis
import ArgumentParser
import Storage
import StudyModel

/// `analyze report STUDY_DIR`: render the results.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.html, the tables (text, Markdown, tidy CSV, JSON), the summaries and the provenance.",
        discussion: "The same results give byte-identical files; only SOURCE_DATE_EPOCH puts a time in them.")

    @OptionGroup var study: StudyOptions
    @OptionGroup var talk: OutputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Self.report(study, report, talk: talk)
    }

    /// Writes the report of `analyzed` (the results just computed by `analyze run`), else of the results file.
    static func report(_ study: StudyOptions, _ report: ReportOptions, talk: OutputOptions, analyzed: AnalysisResults? = nil) throws {
        try write(Result { try render(study, report, analyzed: analyzed) }, report, talk: talk)
    }

    /// The report made in memory, not written (its problems not yet reported).
    static func render(_ study: StudyOptions, _ report: ReportOptions, analyzed: AnalysisResults?) throws -> Pipeline.RenderedReport {
        try Pipeline.render(
            study, output: report.output, suppression: !report.noSuppression, notebooks: report.notebooks, language: report.lang,
            analyzed: analyzed)
    }

    /// Writes a report made by ``render(_:_:analyzed:)``, or reports why it could not be made. The report
    /// (its files' contents, the results it was made of) is freed on another core once written: the
    /// command ends meanwhile.
    static func write(
        _ rendered: consuming Result<Pipeline.RenderedReport, any Error>, _ report: ReportOptions, talk: OutputOptions
    ) throws {
        let suppression = !report.noSuppression
        let (directory, files) = try reportingProblems(command: "report", output: talk) { [rendered] in try rendered.get().write() }
        ReleasedElsewhere.drop(consume rendered)
        if talk.json {
            Terminal.printJSON(["command": "report", "directory": directory, "files": files, "suppression": suppression])
        } else if !talk.quiet {
            print("Wrote \(files.count) files into \(directory).")
        }
    }
}

/// `analyze run STUDY_DIR`: ingest, analyze and report in one go.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Ingest, analyze and report: the whole pipeline.")

    @OptionGroup var study: StudyOptions
    @OptionGroup var talk: OutputOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        // The manifest is read once, by the ingest, for the analysis too; the analysis reads the new store
        // beside its place while the disk syncs it, and puts it in place before anything else is written.
        // The ingest keeps what the analysis would read back of the store (``Pipeline/Ingested/keptForAnalysis``).
        let ingested = try IngestCommand.ingestBeside(study, output: talk, keepingForAnalysis: true)
        ingested.store.startSyncing()
        // The report is of the results just computed, kept in memory rather than read back from the file;
        // it is made while their JSON is encoded, and written after it (what fails is said in that order).
        var made: Result<Pipeline.RenderedReport, any Error>?
        let rendered: Result<Pipeline.RenderedReport, any Error>
        do {
            rendered = try AnalyzeCommand.analyze(study, output: talk, ingested: ingested) { [study, report] results in
                // What the analysis freed goes back to the system before the report allocates (at 200,000
                // participants the report would otherwise grow past the analysis' high-water mark).
                MallocTuning.returnFreePages()
                made = Result { try ReportCommand.render(study, report, analyzed: results) }
                return made!
            }.meanwhile
        } catch {
            // The results could not be written: what was written of the report beside its folder goes.
            (try? made?.get())?.discard()
            throw error
        }
        made = nil
        try ReportCommand.write(rendered, report, talk: talk)
    }
}

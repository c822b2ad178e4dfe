import ArgumentParser
import StudyModel

/// `analyze report STUDY_DIR`: render the results.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the tables (text, Markdown, tidy CSV, JSON), the summary and the provenance.",
        discussion: "The same results give byte-identical files; only SOURCE_DATE_EPOCH puts a time in them.")

    @OptionGroup var study: StudyOptions
    @OptionGroup var talk: OutputOptions

    @Option(help: "The report folder (default: STUDY_DIRECTORY/reports).")
    var output: String?

    @Flag(help: "Show small counts (no disclosure control). For internal work only; the report says so.")
    var noSuppression = false

    @Option(help: "A folder of Markdown notebooks to render into OUTPUT/notebooks/.")
    var notebooks: String?

    @Option(help: "The language of tables, charts, headings and summary: en, ru or kk.")
    var lang: Language = .en

    func run() throws {
        try Self.report(study, output: output, suppression: !noSuppression, notebooks: notebooks, language: lang, talk: talk)
    }

    static func report(
        _ study: StudyOptions, output: String?, suppression: Bool, notebooks: String?, language: Language,
        talk: OutputOptions
    ) throws {
        let (directory, files) = try reportingProblems(command: "report", output: talk) {
            try Pipeline.report(study, output: output, suppression: suppression, notebooks: notebooks, language: language)
        }
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

    @Option(help: "The report folder (default: STUDY_DIRECTORY/reports).")
    var output: String?

    @Flag(help: "Show small counts (no disclosure control). For internal work only; the report says so.")
    var noSuppression = false

    @Option(help: "A folder of Markdown notebooks to render into OUTPUT/notebooks/.")
    var notebooks: String?

    @Option(help: "The language of tables, charts, headings and summary: en, ru or kk.")
    var lang: Language = .en

    func run() throws {
        try IngestCommand.ingest(study, output: talk)
        try AnalyzeCommand.analyze(study, output: talk)
        try ReportCommand.report(
            study, output: output, suppression: !noSuppression, notebooks: notebooks, language: lang, talk: talk)
    }
}

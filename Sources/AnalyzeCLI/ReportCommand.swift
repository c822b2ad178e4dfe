import ArgumentParser

/// `analyze report STUDY_DIR`: render the results.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the tables (text, Markdown, tidy CSV, JSON), the summary and the provenance.",
        discussion: "The same results give byte-identical files; only SOURCE_DATE_EPOCH puts a time in them.")

    @OptionGroup var study: StudyOptions

    @Option(help: "The report folder (default: STUDY_DIRECTORY/reports).")
    var output: String?

    func run() throws {
        let (directory, files) = try Pipeline.report(study, output: output)
        print("Wrote \(files.count) files into \(directory).")
    }
}

/// `analyze run STUDY_DIR`: ingest, analyze and report in one go.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Ingest, analyze and report: the whole pipeline.")

    @OptionGroup var study: StudyOptions

    @Option(help: "The report folder (default: STUDY_DIRECTORY/reports).")
    var output: String?

    func run() throws {
        try IngestCommand(study: study).run()
        try AnalyzeCommand(study: study).run()
        try ReportCommand(study: study, output: output).run()
    }
}

extension IngestCommand {
    init(study: StudyOptions) {
        self.init()
        self.study = study
    }
}

extension AnalyzeCommand {
    init(study: StudyOptions) {
        self.init()
        self.study = study
    }
}

extension ReportCommand {
    init(study: StudyOptions, output: String?) {
        self.init()
        self.study = study
        self.output = output
    }
}

import ArgumentParser
import StudyModel

/// The options of what a report holds, shared by `report` and `run`.
struct ReportOptions: ParsableArguments {
    @Option(help: "The report folder (default: STUDY_DIRECTORY/reports).")
    var output: String?

    @Flag(help: "Show small counts (no disclosure control). For internal work only; the report says so.")
    var noSuppression = false

    @Option(help: "A folder of Markdown notebooks to render into OUTPUT/notebooks/.")
    var notebooks: String?

    @Option(help: "The language of tables, charts, headings and summary: a language with a catalog.")
    var lang: Language = .en
}

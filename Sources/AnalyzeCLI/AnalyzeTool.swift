import FileSafety
import ArgumentParser
import Glibc
import StudyModel

/// The `analyze` command: coded interview and survey data in, tables and summaries out.
public struct AnalyzeTool: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Turn coded interview and survey data into tables, statistics and plain-language summaries.",
        discussion: """
            A study folder holds study.yml, participants.csv, segments.csv and survey CSVs (see docs/formats.md).
            The pipeline: 'analyze ingest' validates them into a SQLite store, 'analyze analyze' runs the
            analysis plan, 'analyze report' writes the tables and summary; 'analyze run' does all three.
            """,
        version: ToolVersion.current,
        subcommands: [IngestCommand.self, AnalyzeCommand.self, ReportCommand.self, RunCommand.self, ExportCommand.self])

    public init() {}

    /// Runs the command line; an interrupted command (Ctrl-C, SIGTERM) removes what it was writing.
    public static func start() {
        // One malloc arena for every thread (before any thread starts): with an arena per thread, the
        // memory one of the analysis' worker threads frees stays with its arena, beside what the next
        // one allocates in another. At 200,000 participants, `analyze run` 67.5 -> 63.5 MB peak RSS and
        // `analyze analyze` 64 -> 60 MB, at the same user time (docs/benchmark.md, "Ingest memory").
        MallocTuning.oneArena()
        TemporaryPaths.removeOnInterrupt()
        // Small YAML samples decoded, then the catalogs, on another thread beside the command line's parse.
        Preload.begin()
        main()
    }
}

import ArgumentParser
import Foundation

/// The options every command shares: the study folder and where its store lives.
struct StudyOptions: ParsableArguments {
    @Argument(help: "The study folder (holding study.yml).")
    var studyDirectory: String

    @Option(help: "The SQLite store (default: STUDY_DIRECTORY/.analyze/study.sqlite).")
    var store: String?

    @Option(help: "The analysis results (default: STUDY_DIRECTORY/.analyze/results.json).")
    var results: String?

    var storePath: String { store ?? workPath("study.sqlite") }
    var resultsPath: String { results ?? workPath("results.json") }

    private func workPath(_ name: String) -> String {
        URL(fileURLWithPath: studyDirectory).appendingPathComponent(".analyze").appendingPathComponent(name).path
    }
}

import ArgumentParser
import FileSafety
import Foundation
import Ingest
import Storage
import StudyModel

/// `analyze ingest STUDY_DIR`: validate the study's files and store them.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate the study's CSV files against its manifest and codebook, and store them.",
        discussion: """
            Every problem is reported with file, line and column (at most 50 per file); then nothing is
            stored and the store is left exactly as it was. Ingesting again replaces the stored study.
            """)

    @OptionGroup var study: StudyOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Self.ingest(study, output: output)
    }

    /// Ingests the study and says what was stored.
    static func ingest(_ study: StudyOptions, output: OutputOptions) throws {
        try place(ingestBeside(study, output: output), study, output: output)
    }

    /// The ingest up to its store written beside its place (``Pipeline/Ingested``); says nothing but its
    /// problems. `analyze run` reads the store from there while it is synced, then ``place(_:_:output:)``;
    /// `keepingForAnalysis`: see ``Pipeline/ingestedBeside(_:progress:keepingForAnalysis:)``.
    static func ingestBeside(_ study: StudyOptions, output: OutputOptions, keepingForAnalysis: Bool = false) throws -> Pipeline.Ingested {
        try reportingProblems(command: "ingest", output: output) {
            try Pipeline.ingestedBeside(
                study, progress: Terminal.progressBar(quiet: output.quiet || output.json), keepingForAnalysis: keepingForAnalysis)
        }
    }

    /// Puts the ingest's store in place (``Pipeline/Ingested/place()``), then says what was stored.
    static func place(_ ingested: Pipeline.Ingested, _ study: StudyOptions, output: OutputOptions) throws {
        try reportingProblems(command: "ingest", output: output) { try ingested.place() }
        let summary = ingested.summary
        if !output.quiet {
            for notice in summary.notices { Terminal.printError("note: " + notice) }
        }
        if output.json {
            var object: [String: Any] = [
                "command": "ingest", "store": study.storePath, "participants": summary.participants,
                "codeApplications": summary.segmentRows,
                "respondents": Dictionary(uniqueKeysWithValues: summary.respondents.map { ($0.instrument, $0.count) }),
                "files": summary.files.map { ["path": $0.path, "kind": $0.kind, "sha256": $0.sha256, "records": $0.recordCount] },
            ]
            if !summary.notices.isEmpty { object["notes"] = summary.notices }
            Terminal.printJSON(object)
        } else if !output.quiet {
            let surveys = summary.respondents.map { "\($0.count) \($0.instrument)" }.joined(separator: ", ")
            print(
                "Ingested \(summary.participants) participants, \(summary.segmentRows) code applications"
                    + (surveys.isEmpty ? "" : " and survey respondents (\(surveys))") + " into \(study.storePath).")
        }
    }
}

/// Runs `body`; bad input is printed to standard error as `file:line:column: message` lines (and, with
/// `--json`, as a JSON object on standard output) and ends the command with exit code 1.
func reportingProblems<T>(command: String, output: OutputOptions, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let problems as InputProblems {
        for problem in problems.problems { Terminal.printError(Terminal.problemLine(problem)) }
        let count = problems.problems.count + problems.omitted
        if problems.omitted > 0 { Terminal.printError("… and \(problems.omitted) more problems") }
        Terminal.printError(Terminal.errorLine("\(count) problem\(count == 1 ? "" : "s") in the input; the store was not changed."))
        if output.json { printProblems(command: command, problems.problems, omitted: problems.omitted) }
        throw ExitCode.failure
    } catch let problem as InputProblem {
        Terminal.printError(Terminal.problemLine(problem))
        if output.json { printProblems(command: command, [problem], omitted: 0) }
        throw ExitCode.failure
    } catch let interrupted as TemporaryPaths.Interrupted {
        // What was being written is removed; end as the signal would have.
        _exit(128 + interrupted.signal)
    } catch let error where (error as? SystemFailure ?? SystemFailure(error, path: "", action: "write")) != nil {
        // The disk full, no permission, a read-only folder: in plain words, not Foundation's.
        let failure = (error as? SystemFailure ?? SystemFailure(error, path: "", action: "write"))!
        Terminal.printError(Terminal.errorLine(failure.description))
        if output.json { Terminal.printJSON(["command": command, "ok": false, "error": failure.description]) }
        throw ExitCode.failure
    }
}

private func printProblems(command: String, _ problems: [InputProblem], omitted: Int) {
    Terminal.printJSON([
        "command": command, "ok": false, "omitted": omitted,
        "problems": problems.map { problem -> [String: Any] in
            var entry: [String: Any] = ["file": problem.file, "line": problem.line, "message": problem.message]
            if let column = problem.column { entry["column"] = column }
            return entry
        },
    ])
}

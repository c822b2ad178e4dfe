import ArgumentParser
import Ingest
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

    func run() throws {
        try Self.ingest(study)
    }

    static func ingest(_ study: StudyOptions) throws {
        let summary = try reportingProblems { try Pipeline.ingest(study) }
        let surveys = summary.respondents.map { "\($0.count) \($0.instrument)" }.joined(separator: ", ")
        print(
            "Ingested \(summary.participants) participants, \(summary.segmentRows) code applications"
                + (surveys.isEmpty ? "" : " and survey respondents (\(surveys))") + " into \(study.storePath).")
    }
}

/// Runs `body`; bad input is printed to standard error as `file:line:column: message` lines
/// and ends the command with exit code 1.
func reportingProblems<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let problems as InputProblems {
        printError(problems.description)
        let count = problems.problems.count + problems.omitted
        printError("error: \(count) problem\(count == 1 ? "" : "s") in the input; the store was not changed.")
        throw ExitCode.failure
    } catch let problem as InputProblem {
        printError(problem.description)
        throw ExitCode.failure
    }
}

func printError(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleOutput.writeToStandardError(string)
    }
}

import Foundation
import Glibc
import Ingest
import StudyModel

/// Standard output and standard error, with colour and a progress bar only on a terminal.
enum Terminal {
    /// Whether standard error is a terminal (colour and progress go there only then).
    static let errorIsTerminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A problem line, `file:line:column:` in bold and the message after it, when on a terminal.
    static func problemLine(_ problem: InputProblem) -> String {
        guard errorIsTerminal else { return problem.description }
        let place = String(problem.description.dropLast(problem.message.count + 2))
        return "\u{1B}[1m\(place):\u{1B}[0m \u{1B}[31merror:\u{1B}[0m \(problem.message)"
    }

    /// `error:` in red on a terminal.
    static func errorLine(_ text: String) -> String {
        errorIsTerminal ? "\u{1B}[1;31merror:\u{1B}[0m \(text)" : "error: \(text)"
    }

    /// A progress handler drawing `[#####     ]  45% segments.csv` on standard error, or `nil` when
    /// standard error is not a terminal or the command is quiet.
    static func progressBar(quiet: Bool) -> IngestProgressHandler? {
        guard errorIsTerminal, !quiet else { return nil }
        let state = ProgressState()
        return { progress in
            guard progress.totalBytes > 0 else { return }
            let percent = min(100, progress.bytesRead * 100 / progress.totalBytes)
            guard percent != state.lastPercent || progress.file != state.lastFile else { return }
            state.lastPercent = percent
            state.lastFile = progress.file
            let filled = percent / 5
            let name = (progress.file as NSString).lastPathComponent
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 20 - filled)
                + "] \(String(repeating: " ", count: 3 - String(percent).count))\(percent)% \(name)"
            FileHandle.standardError.write(Data(line.utf8))
            if percent == 100 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }

    /// One JSON object on one line of standard output, keys sorted.
    static func printJSON(_ object: [String: Any]) {
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }
}

private final class ProgressState {
    var lastPercent = -1
    var lastFile = ""
}

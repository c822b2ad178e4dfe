import Analysis
import ArgumentParser
import FileSafety
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel

/// `analyze export matrix STUDY_DIR --output FILE.csv`: the participant × code presence matrix for R and
/// SPSS, participants under their pseudonyms.
struct ExportMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Write the participant × code presence matrix (0/1, with the participants' attributes) as CSV.",
        discussion: """
            One row per participant under the pseudonym quotes use (P-001, …), its country, role and other
            attributes, and 1 per code the participant mentioned in the analysed coding. Participant ids
            appear only with --ids, for internal work. Needs an ingested store; an existing file is replaced
            only if analyze wrote it.
            """)

    @OptionGroup var options: StoreExportOptions

    @OptionGroup var talk: OutputOptions

    func run() throws {
        let output = options.output
        let matrix = try reportingProblems(command: "export", output: talk) {
            try Self.export(options.study, to: output, ids: options.ids)
        }
        if talk.json {
            Terminal.printJSON(["command": "export", "file": output, "format": "matrix", "participants": matrix.rows.count])
        } else if !talk.quiet {
            print("Wrote \(matrix.rows.count) participants × \(matrix.header.count - 3) columns into \(output).")
        }
    }

    /// Writes the matrix of the ingested study, refusing to replace a file that is not a matrix analyze wrote.
    @discardableResult
    static func export(_ options: StudyOptions, to path: String, ids: Bool) throws -> ParticipantCodeMatrix {
        try refuseForeignFile(at: path, kind: "a matrix") {
            String(decoding: $0.prefix(MatrixFile.headerPrefix.utf8.count), as: UTF8.self).hasPrefix(MatrixFile.headerPrefix)
        }
        let matrix = ParticipantCodeMatrix(analysis: try ingestedAnalysis(options).analysis, ids: ids)
        try AtomicFile.write(Data(MatrixFile.csv(matrix).utf8), to: path)
        return matrix
    }
}

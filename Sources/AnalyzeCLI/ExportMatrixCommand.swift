import Analysis
import ArgumentParser
import FileSafety
import Foundation
import Reporting
import StatFileInput
import StudyModel

/// `analyze export matrix STUDY_DIR --output FILE.csv`: the participant × code presence matrix for R and
/// SPSS, participants under their pseudonyms.
struct ExportMatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Write the participant × code presence matrix (0/1, with the participants' attributes) as CSV or SPSS .sav.",
        discussion: """
            One row per participant under the pseudonym quotes use (P-001, …), its country, role and other
            attributes, and 1 per code the participant mentioned in the analysed coding. As .sav, country and
            role are numbers labelled with the study's levels, each code is labelled 0 = not mentioned,
            1 = mentioned, and its variable label is the code's English label. Participant ids appear only
            with --ids, for internal work. Needs an ingested store; an existing file is replaced only if
            analyze wrote it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, sav
    }

    @OptionGroup var options: StoreExportOptions

    @Option(help: "The file format (csv, or sav: SPSS system file).")
    var format: Format = .csv

    @OptionGroup var talk: OutputOptions

    func run() throws {
        let output = options.output
        let matrix = try reportingProblems(command: "export", output: talk) {
            try Self.export(options.study, to: output, ids: options.ids, format: format)
        }
        if talk.json {
            Terminal.printJSON([
                "command": "export", "file": output, "format": "matrix", "fileFormat": format.rawValue,
                "participants": matrix.rows.count,
            ])
        } else if !talk.quiet {
            print("Wrote \(matrix.rows.count) participants × \(matrix.header.count - 3) columns into \(output).")
        }
    }

    /// Writes the matrix of the ingested study, refusing to replace a file that is not a matrix analyze wrote
    /// (in either format).
    @discardableResult
    static func export(_ options: StudyOptions, to path: String, ids: Bool, format: Format = .csv) throws -> ParticipantCodeMatrix {
        try refuseForeignFile(at: path, kind: "a matrix") {
            MatrixFile.isSavMatrix($0)
                || String(decoding: $0.prefix(MatrixFile.headerPrefix.utf8.count), as: UTF8.self).hasPrefix(MatrixFile.headerPrefix)
        }
        let matrix = ParticipantCodeMatrix(analysis: try ingestedAnalysis(options).analysis, ids: ids)
        switch format {
        case .csv: try AtomicFile.write(Data(MatrixFile.csv(matrix).utf8), to: path)
        case .sav:
            let data: Data
            do { data = try MatrixFile.sav(matrix, file: path) } catch let error as StatFileError {
                throw InputProblem(file: error.file, message: error.reason)
            }
            try AtomicFile.write(data, to: path)
        }
        return matrix
    }
}

import Analysis
import Foundation
import StatFileInput
import StudyModel

/// The participant × code presence matrix (``ParticipantCodeMatrix``) as CSV, quoted as every CSV of a report is
/// (``CSVFieldEscaping``), for R's `read.csv` and SPSS's text import; and as an SPSS system file (`.sav`) with
/// its labels.
public enum MatrixFile {
    /// The header line of every matrix file analyze writes: how an earlier export is recognised.
    public static let headerPrefix = "participant,country,role,"
    /// The file label of every `.sav` matrix analyze writes: how an earlier export is recognised.
    public static let savFileLabel = "analyze: participant x code presence matrix"

    public static func csv(_ matrix: ParticipantCodeMatrix) -> String {
        CSVFieldEscaping.line(matrix.header) + matrix.rows.map(CSVFieldEscaping.line).joined()
    }

    /// The matrix as an SPSS `.sav`: the CSV's columns, names and rows. `participant` and the attributes are
    /// text; `country` and `role` are numeric, 1, 2, … in the manifest's order of levels, labelled with the
    /// level names; each code is numeric, 0 labelled `not mentioned` and 1 `mentioned`, its variable label the
    /// code's English label. The file label is ``savFileLabel``.
    /// - Throws: `StatFileError` naming `file` when a column name is not an SPSS variable name or a level is
    ///   not declared.
    public static func sav(_ matrix: ParticipantCodeMatrix, file: String) throws -> Data {
        let presence: [Double: String] = [0: "not mentioned", 1: "mentioned"]
        let codeColumns = matrix.header.count - matrix.codes.count
        let variables = matrix.header.enumerated().map { column, name -> StatFile.Variable in
            if column >= codeColumns {
                let code = matrix.codes[column - codeColumns]
                return StatFile.Variable(name: name, label: code.label[.en], isNumeric: true, valueLabels: presence)
            }
            if let levels = matrix.levels[name] {
                let labels = Dictionary(uniqueKeysWithValues: levels.enumerated().map { (Double($0 + 1), $1) })
                return StatFile.Variable(name: name, label: name.prefix(1).uppercased() + name.dropFirst(), isNumeric: true, valueLabels: labels)
            }
            return StatFile.Variable(name: name, label: column == 0 ? "Participant" : nil, isNumeric: false)
        }
        let cases = try matrix.rows.map { row in
            try row.enumerated().map { column, cell throws(StatFileError) -> StatFile.Value in
                if column >= codeColumns { return .number(cell == "1" ? 1 : 0) }
                guard let levels = matrix.levels[matrix.header[column]] else { return .text(cell) }
                guard let level = levels.firstIndex(of: cell) else {
                    throw StatFileError(file: file, reason: "\(matrix.header[column]) '\(cell)' is not one of the study's levels")
                }
                return .number(Double(level + 1))
            }
        }
        return try StatFile(variables: variables, cases: cases).savData(fileLabel: savFileLabel, file: file)
    }

    /// Whether `data` is a `.sav` matrix analyze wrote (its file label is ``savFileLabel``).
    public static func isSavMatrix(_ data: Data) -> Bool {
        StatFile.savFileLabel(of: data) == savFileLabel
    }
}

import Analysis

/// The participant × code presence matrix as CSV (``ParticipantCodeMatrix``), quoted as every CSV of a
/// report is (``CSVFieldEscaping``), for R's `read.csv` and SPSS's text import.
public enum MatrixFile {
    /// The header line of every matrix file analyze writes: how an earlier export is recognised.
    public static let headerPrefix = "participant,country,role,"

    public static func csv(_ matrix: ParticipantCodeMatrix) -> String {
        CSVFieldEscaping.line(matrix.header) + matrix.rows.map(CSVFieldEscaping.line).joined()
    }
}

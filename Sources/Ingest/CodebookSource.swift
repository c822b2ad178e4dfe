import QDAExchange
import StudyModel

/// The study's codebook, from the file `codebook:` in `study.yml` names: YAML (`docs/formats.md`) or a
/// REFI-QDA codebook (`.qdc`, read with the layout of ``QDCLayout``).
public enum CodebookSource {
    /// - Throws: ``InputProblems`` naming the file and the line (and XML path) of each problem.
    public static func load(path: String) throws(InputProblems) -> Codebook {
        if path.lowercased().hasSuffix(".qdc") {
            return try QDCCodebookImport.codebook(from: try QDCCodebookReader.read(path: path), file: path)
        }
        return try Codebook(path: path)
    }
}

import CSVInput
import Storage
import StudyModel

/// Validates and stores the coder-coverage list (`coding.coverage`): which participants each coder was
/// assigned, one `participant_id,coder` row per assignment. A participant assigned to a coder who
/// applied no code is then a unit of agreement with every code absent for that coder.
///
/// Rules: both fields are required; the participant must be a row of `participants.csv`; the coder
/// must have coded a segment of `segments.csv` or be named in `coding.analysed_coders` (which must have
/// coded one too): a coder the data does not know is almost surely misspelt, and would silently add
/// units where every code is absent; the same assignment twice is an error. Participants a coder coded but the list leaves out stay
/// units for that coder: the list adds assignments, it never removes codings.
struct CoverageLoader {
    static let requiredColumns = ["participant_id", "coder"]
    let manifest: StudyManifest
    /// The participant ids of participants.csv, or `nil` when it could not be read (then not checked).
    let participantIDs: IDTable?
    /// Every coder of segments.csv.
    let coders: Set<String>
    private(set) var stored = 0

    mutating func load(_ file: String, into transaction: StoreTransaction, log: inout ProblemLog) throws -> SourceFileRecord? {
        let path = manifest.path(of: file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, log: &log) else { return nil }
        let participantColumn = reader.columnIndex("participant_id")!
        let coderColumn = reader.columnIndex("coder")!
        let known = coders.union(manifest.coding.analysedCoders)
        var unknownCoders: Set<String> = []
        while let record = reader.next(log: &log) {
            var valid = true
            func complain(_ column: Int, _ message: String) {
                reader.complain(record, column, message, log: &log)
                valid = false
            }
            let participant = reader.value(record, participantColumn, log: &log)
            let coder = reader.value(record, coderColumn, log: &log)
            if participant == nil { complain(participantColumn, "empty value; every assignment needs a participant id") }
            if coder == nil { complain(coderColumn, "empty value; every assignment needs a coder") }
            if let participant, let participantIDs, !participantIDs.contains(participant) {
                complain(participantColumn, "participant id not found in participants.csv")
            }
            if let coder, !coders.isEmpty, !known.contains(coder), unknownCoders.insert(coder).inserted {
                // Once per coder, at its first row.
                let meant = known.sorted().first { $0.lowercased() == coder.lowercased() }
                complain(
                    coderColumn,
                    "'\(coder)' coded no segment in segments.csv and is not in coding.analysed_coders"
                        + (meant.map { " (did you mean '\($0)'?)" } ?? ""))
            } else if let coder, !coders.isEmpty, !known.contains(coder) {
                valid = false
            }
            guard valid, let participant, let coder else { continue }
            if try transaction.insertCoverage(participantID: participant, coder: coder, line: record.line) {
                stored += 1
            } else {
                let first = try transaction.lineOfCoverage(participantID: participant, coder: coder)
                complain(coderColumn, "the same assignment twice" + (first.map { " (first on line \($0))" } ?? ""))
            }
        }
        return reader.fingerprint(path: file, kind: "coverage")
    }
}

import CSVInput
import Storage
import StudyModel

/// Validates and stores `segments.csv`, one code application per row.
struct SegmentsLoader {
    static let requiredColumns = ["segment_id", "participant_id", "code", "coder"]
    let manifest: StudyManifest
    let codebook: Codebook
    let participantIDs: Set<String>
    private(set) var stored = 0
    var progress: IngestProgressHandler?

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, log: &log, progress: progress) else {
            return nil
        }
        let columns = (
            segment: reader.columnIndex("segment_id")!, participant: reader.columnIndex("participant_id")!,
            code: reader.columnIndex("code")!, coder: reader.columnIndex("coder")!,
            document: reader.columnIndex("document"), start: reader.columnIndex("start"),
            end: reader.columnIndex("end"), excerpt: reader.columnIndex("excerpt"),
            language: reader.columnIndex("language"))

        while let record = reader.next(log: &log) {
            var valid = true
            func complain(_ column: Int?, _ message: String) {
                reader.complain(record, column, message, log: &log)
                valid = false
            }
            func required(_ column: Int, _ what: String) -> String? {
                let value = reader.value(record, column, log: &log)
                if value == nil { complain(column, "empty value; every code application needs \(what)") }
                return value
            }
            func offset(_ column: Int?) -> Int? {
                guard let text = reader.value(record, column, log: &log) else { return nil }
                guard let number = Int(text), number >= 0 else {
                    complain(column, "'\(text)' is not a non-negative whole number")
                    return nil
                }
                return number
            }
            let segmentID = required(columns.segment, "a segment id")
            let participantID = required(columns.participant, "a participant id")
            let code = required(columns.code, "a code")
            let coder = required(columns.coder, "a coder")
            if let participantID, !participantIDs.contains(participantID) {
                complain(columns.participant, "participant id not found in participants.csv")
            }
            if let code, codebook[code] == nil {
                complain(columns.code, "unknown code '\(code)' (not in codebook \(codebook.version))")
            }
            let start = offset(columns.start)
            let end = offset(columns.end)
            if let start, let end, start > end { complain(columns.end, "end \(end) is before start \(start)") }
            let language = reader.value(record, columns.language, log: &log)
            if let language, !Language(rawValue: language).isAvailable {
                let known = Language.available.map(\.rawValue).joined(separator: ", ")
                complain(columns.language, "'\(language)' is not a language of the tool (\(known))")
            }
            let document = reader.value(record, columns.document, log: &log)
            let excerpt = reader.value(record, columns.excerpt, log: &log)
            guard valid, let segmentID, let participantID, let code, let coder else { continue }
            let segment = CodedSegment(
                segmentID: segmentID, participantID: participantID, code: code, coder: coder, document: document,
                start: start, end: end, excerpt: excerpt, language: language, line: record.line)
            if try transaction.insert(segment) {
                stored += 1
            } else {
                let first = try transaction.lineOfSegment(
                    participantID: participantID, code: code, coder: coder, segmentID: segmentID)
                reader.complain(
                    record, columns.code,
                    "duplicate code application: coder '\(coder)' already applied '\(code)' to this segment"
                        + (first.map { " on line \($0)" } ?? ""),
                    log: &log)
            }
        }
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue)
    }
}

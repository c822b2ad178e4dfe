import CSVInput
import Storage
import StudyModel

/// Validates and stores `segments.csv`, one code application per row.
struct SegmentsLoader {
    static let requiredColumns = ["segment_id", "participant_id", "code", "coder"]
    let manifest: StudyManifest
    let codebook: Codebook
    /// The participant ids of participants.csv, or `nil` when it could not be read (in full): then
    /// segments are not checked against it, and one problem says why instead of one per row.
    let participantIDs: Set<String>?
    var uncheckedBecause = "participants.csv could not be read"
    private(set) var stored = 0
    var progress: IngestProgressHandler?

    /// Every coder of the file's rows.
    private(set) var coders: Set<String> = []

    /// Every coder `coding.analysed_coders` names must have coded something: a misspelt coder would
    /// silently leave participants out of the analysed coding (or all of them).
    private func checkAnalysedCoders(log: inout ProblemLog) {
        guard !coders.isEmpty else { return }
        let known = coders.sorted()
        for coder in manifest.coding.analysedCoders where !coders.contains(coder) {
            let meant = known.first { $0.lowercased() == coder.lowercased() }
            log.add(manifest.settingProblem("coding.analysed_coders: '\(coder)' coded no segment in segments.csv"
                    + (meant.map { " (did you mean '\($0)'?)" } ?? "") + "; its coders: \(known.joined(separator: ", "))"))
        }
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, dialect: source.dialect, log: &log, progress: progress) else {
            return nil
        }
        let columns = (
            segment: reader.columnIndex("segment_id")!, participant: reader.columnIndex("participant_id")!,
            code: reader.columnIndex("code")!, coder: reader.columnIndex("coder")!,
            document: reader.columnIndex("document"), start: reader.columnIndex("start"),
            end: reader.columnIndex("end"), excerpt: reader.columnIndex("excerpt"),
            language: reader.columnIndex("language"))

        // Lines, not records: a record keeps its whole batch of records alive.
        var missing: [String: (line: Int, rows: Int)] = [:]
        var missingOrder: [String] = []
        var saidUnchecked = false
        // Rows come grouped by participant and coder: the last id found in participants.csv and the
        // last coder noted need no second look-up (hashing them cost more than the look-up's answer).
        var lastKnownParticipant: String?
        var lastCoder: String?
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
            if participantID != nil, participantIDs == nil, !saidUnchecked {
                // Once, where the first row would have been checked.
                log.add(InputProblem(file: path, message: "participant ids not checked: \(uncheckedBecause)"))
                saidUnchecked = true
            }
            if let participantID, let participantIDs, participantID != lastKnownParticipant,
               !participantIDs.contains(participantID) {
                // Once per unknown id, at its first row, with the number of rows that name it.
                if missing[participantID] == nil {
                    missingOrder.append(participantID)
                    missing[participantID] = (record.line, 0)
                }
                missing[participantID]!.rows += 1
                valid = false
            } else if participantIDs != nil {
                lastKnownParticipant = participantID
            }
            if let coder, coder != lastCoder {
                coders.insert(coder)
                lastCoder = coder
            }
            if let code, codebook.index(of: code) == nil {
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
        for id in missingOrder {
            let (line, rows) = missing[id]!
            reader.complain(
                atLine: line, columns.participant,
                "participant id not found in participants.csv" + (rows > 1 ? " (on \(rows) rows, the first here)" : ""), log: &log)
        }
        checkAnalysedCoders(log: &log)
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue)
    }
}

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
    let participantIDs: IDTable?
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

    /// Whether `bytes` are exactly `other`'s.
    private static func same(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]?) -> Bool {
        guard let other else { return false }
        return other.withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    /// The whole number `Int(String)` reads from `bytes`: decimal digits, with a sign or not.
    static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int? {
        // Up to 18 plain digits cannot overflow; anything else goes the way of `Int(String)` itself.
        guard !bytes.isEmpty, bytes.count <= 18 else { return Int(String(decoding: bytes, as: UTF8.self)) }
        var number = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return Int(String(decoding: bytes, as: UTF8.self)) }
            number = number &* 10 &+ Int(digit)
        }
        return number
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
        // Rows come grouped by participant and coder: the last id found in participants.csv, the last
        // coder noted and the last language checked need no second look-up (their bytes are compared).
        var lastKnownParticipant: [UInt8]?
        var lastCoder: [UInt8]?
        var lastLanguage: (bytes: [UInt8], isAvailable: Bool)?
        let codes = KnownIDs(codebook.codes.map(\.id))
        while let record = reader.next(log: &log) {
            // The fields are read as bytes: only those that are looked up by text, or named in a
            // problem, become strings.
            try record.withUnsafeFields { fields in
                var valid = true
                func complain(_ column: Int?, _ message: String) {
                    reader.complain(record, column, message, log: &log)
                    valid = false
                }
                func bytes(_ column: Int?) -> UnsafeRawBufferPointer? {
                    reader.bytes(fields, of: record, column, log: &log)
                }
                func required(_ column: Int, _ what: String) -> UnsafeRawBufferPointer? {
                    let value = bytes(column)
                    if value == nil { complain(column, "empty value; every code application needs \(what)") }
                    return value
                }
                func offset(_ column: Int?) -> Int? {
                    guard let field = bytes(column) else { return nil }
                    guard let number = Self.wholeNumber(field), number >= 0 else {
                        complain(column, "'\(String(decoding: field, as: UTF8.self))' is not a non-negative whole number")
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
                if let participantID, let participantIDs, !Self.same(participantID, lastKnownParticipant),
                   !participantIDs.contains(participantID) {
                    // Once per unknown id, at its first row, with the number of rows that name it.
                    let id = String(decoding: participantID, as: UTF8.self)
                    if missing[id] == nil {
                        missingOrder.append(id)
                        missing[id] = (record.line, 0)
                    }
                    missing[id]!.rows += 1
                    valid = false
                } else if participantIDs != nil {
                    lastKnownParticipant = participantID.map(Array.init)
                }
                if let coder, !Self.same(coder, lastCoder) {
                    coders.insert(String(decoding: coder, as: UTF8.self))
                    lastCoder = Array(coder)
                }
                if let code, !codes.contains(code),
                   case let text = String(decoding: code, as: UTF8.self), codebook.index(of: text) == nil {
                    complain(columns.code, "unknown code '\(text)' (not in codebook \(codebook.version))")
                }
                let start = offset(columns.start)
                let end = offset(columns.end)
                if let start, let end, start > end { complain(columns.end, "end \(end) is before start \(start)") }
                let language = bytes(columns.language)
                if let language {
                    if lastLanguage == nil || !Self.same(language, lastLanguage!.bytes) {
                        let text = String(decoding: language, as: UTF8.self)
                        lastLanguage = (Array(language), Language(rawValue: text).isAvailable)
                    }
                    if !lastLanguage!.isAvailable {
                        let known = Language.available.map(\.rawValue).joined(separator: ", ")
                        complain(columns.language, "'\(String(decoding: language, as: UTF8.self))' is not a language of the tool (\(known))")
                    }
                }
                let document = bytes(columns.document)
                let excerpt = bytes(columns.excerpt)
                guard valid, let segmentID, let participantID, let code, let coder else { return }
                let inserted = try transaction.insertSegment(
                    participantID: participantID, code: code, coder: coder, segmentID: segmentID, document: document,
                    start: start, end: end, excerpt: excerpt, language: language, line: record.line)
                if inserted {
                    stored += 1
                } else {
                    let (participantID, code, coder, segmentID) = (
                        String(decoding: participantID, as: UTF8.self), String(decoding: code, as: UTF8.self),
                        String(decoding: coder, as: UTF8.self), String(decoding: segmentID, as: UTF8.self))
                    let first = try transaction.lineOfSegment(
                        participantID: participantID, code: code, coder: coder, segmentID: segmentID)
                    reader.complain(
                        record, columns.code,
                        "duplicate code application: coder '\(coder)' already applied '\(code)' to this segment"
                            + (first.map { " on line \($0)" } ?? ""),
                        log: &log)
                }
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

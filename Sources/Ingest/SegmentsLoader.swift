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
    /// The store's summaries, computed as the rows are checked (see ``StoreTransaction/summariseSegments(codes:)``).
    let summary: SummaryStream
    var uncheckedBecause = "participants.csv could not be read"
    private(set) var stored = 0
    var progress: IngestProgressHandler?
    /// The file's SHA-256 computed apart from its parse (see ``DigestAhead``), or `nil`: the parse hashes it.
    var digestAhead: DigestAhead?
    /// The file opened and its first records read on a thread of its own while the participants were
    /// stored, or `nil`: ``load(_:into:log:)`` opens it.
    var recordsAhead: RecordsAhead?

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

    /// The whole number `Int(String)` reads from `bytes`: decimal digits, with a sign or not.
    /// (Inlined into the check of every row's two offsets, the `String` path called apart.)
    @inline(__always)
    static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int? {
        // Up to 18 plain digits cannot overflow; anything else goes the way of `Int(String)` itself.
        guard let base = bytes.baseAddress, !bytes.isEmpty, bytes.count <= 18 else { return wholeNumberOfText(bytes) }
        var number = 0
        for offset in 0..<bytes.count {
            let digit = base.load(fromByteOffset: offset, as: UInt8.self) &- UInt8(ascii: "0")
            guard digit < 10 else { return wholeNumberOfText(bytes) }
            number = number &* 10 &+ Int(digit)
        }
        return number
    }

    @inline(never)
    private static func wholeNumberOfText(_ bytes: UnsafeRawBufferPointer) -> Int? {
        Int(String(decoding: bytes, as: UTF8.self))
    }

    /// Loads the file: its rows are checked on a thread of their own (``SegmentCheck``), a few batches
    /// ahead, while this thread inserts the valid ones, so that the checks overlap with SQLite's
    /// inserts; the problems are logged in file order, each duplicate after its row's other problems.
    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        let opened = if let recordsAhead {
            recordsAhead.open(log: &log)
        } else {
            SourceReader(
                path: path, requiredColumns: Self.requiredColumns, dialect: source.dialect, log: &log, progress: progress,
                digestAhead: digestAhead)
        }
        guard let reader = opened else { return nil }
        let check = SegmentCheck(
            reader: reader, codebook: codebook, participantIDs: participantIDs, uncheckedBecause: uncheckedBecause,
            summary: summary)
        let columns = check.columns
        let queue = ReadAhead<SegmentCheck.Batch>(depth: SegmentCheck.depth, name: "SegmentCheck") { queue in
            check.run(into: queue)
        }
        // The checking thread stops (and has returned) before this function does, however it ends.
        defer { queue.stop() }
        var ended = false
        // Valid rows are stored a batch of segments at a time; the batch is stored before any problem is
        // logged, so that a duplicate is still logged after its row's other problems and before later rows'.
        var rows = SegmentBatch()
        while !ended {
            let batch = queue.take()
            ended = batch.isLast
            for step in batch.steps {
                switch step {
                case .problem(let problem):
                    try store(&rows, columns: columns, reader: reader, into: transaction, log: &log)
                    log.add(problem)
                case .omitted(let count):
                    try store(&rows, columns: columns, reader: reader, into: transaction, log: &log)
                    log.countOmitted(count, in: path)
                case .row(let record, let start, let end):
                    add(record, start: start, end: end, columns: columns, to: &rows)
                    if rows.isFull { try store(&rows, closing: false, columns: columns, reader: reader, into: transaction, log: &log) }
                case .coding(let codingRows):
                    try transaction.insert(codingRows)
                }
            }
        }
        try store(&rows, columns: columns, reader: reader, into: transaction, log: &log)
        for id in check.missingOrder {
            let (line, rows) = check.missing[id]!
            reader.complain(
                atLine: line, columns.participant,
                "participant id not found in participants.csv" + (rows > 1 ? " (on \(rows) rows, the first here)" : ""), log: &log)
        }
        coders = check.coders
        transaction.endSummaries(coders: check.summaryCoders)
        checkAnalysedCoders(log: &log)
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue, log: &log)
    }

    /// Adds a checked row to the batch to store (its fields bound where the record's storage keeps them).
    private func add(_ record: CSVRecord, start: Int?, end: Int?, columns: SegmentCheck.Columns, to rows: inout SegmentBatch) {
        record.withUnsafeFields { fields in
            // Stored as the check read them: an empty field, or one that is not UTF-8 (logged by the
            // check), is NULL.
            func bytes(_ column: Int?) -> UnsafeRawBufferPointer? {
                guard let column, fields.isValidUTF8(column), case let bytes = fields[column], !bytes.isEmpty else { return nil }
                return bytes
            }
            rows.append(
                participantID: fields[columns.participant], code: fields[columns.code], coder: fields[columns.coder],
                segmentID: fields[columns.segment], document: bytes(columns.document), start: start, end: end,
                excerpt: bytes(columns.excerpt), language: bytes(columns.language), line: record.line, owner: record.bytesOwner)
        }
    }

    /// Stores the batch's complete segments, and the one being gathered when `closing` (before a problem
    /// is logged, and at the end); an application left out as a duplicate of a stored one (or of an
    /// earlier one of its segment) is logged, naming the line of the one stored.
    private mutating func store(
        _ rows: inout SegmentBatch, closing: Bool = true, columns: SegmentCheck.Columns, reader: SourceReader,
        into transaction: StoreTransaction, log: inout ProblemLog
    ) throws {
        if closing { rows.close() }
        guard !rows.isEmpty else { return }
        let (written, duplicates) = try transaction.insert(&rows)
        stored += written
        for duplicate in duplicates {
            reader.complain(
                atLine: duplicate.line, columns.code,
                "duplicate code application: coder '\(duplicate.coder)' already applied '\(duplicate.code)' to this segment on line \(duplicate.firstLine)",
                log: &log)
        }
    }
}

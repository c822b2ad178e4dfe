import CSVInput
import Storage
import StudyModel

/// The checks of `segments.csv`'s rows, run on a thread of their own a few batches ahead of the
/// loader, which inserts the rows into the store on its own thread (``SegmentsLoader``).
///
/// It reads the file's records, checks each (ids, codes, offsets, language) and hands over, in file
/// order, what the loader must do: log a problem, count problems beyond a row's cap, or insert a row.
/// So the problems arrive at the loader in the order a check on its own thread gives them, and the
/// loader puts the store's duplicates among them where they belong.
///
/// `@unchecked Sendable`: the object is used by the checking thread alone from ``run(into:)``'s start
/// until it hands over its last batch; the loader reads its results (``missing``, ``coders``,
/// ``summaryCoders``) and the reader's counts only after taking that batch, and `ReadAhead`'s lock
/// orders the two. Meanwhile the loader reads only immutable properties (``columns``, the reader's path
/// and header, for the problems of duplicates). The reader's block observer runs on the CSV reader's
/// thread, as before.
final class SegmentCheck: @unchecked Sendable {
    /// What the loader does, in file order.
    enum Step: Sendable {
        /// A problem to log.
        case problem(InputProblem)
        /// Problems of the file beyond the cap of the log that collected them: counted, not listed.
        case omitted(Int)
        /// A valid row to insert, with its offsets read.
        case row(CSVRecord, start: Int?, end: Int?)
        /// Rows of the store's summary `coding`, of participants whose rows ended.
        case coding([CodingRow])
    }

    /// The steps of up to ``rowsPerBatch`` records; `isLast` after the file's last record.
    struct Batch: Sendable {
        var steps: [Step] = []
        var isLast = false
    }

    /// The columns of `segments.csv` the ingest reads.
    struct Columns: Sendable {
        let segment: Int, participant: Int, code: Int, coder: Int
        let document: Int?, start: Int?, end: Int?, excerpt: Int?, language: Int?
    }

    /// Records per batch and batches checked ahead of the loader at most.
    static let rowsPerBatch = 1_024
    static let depth = 4

    let reader: SourceReader
    let columns: Columns
    private let codebook: Codebook
    private let participantIDs: IDTable?
    private let uncheckedBecause: String
    private let codes: KnownIDs

    /// The participant ids not found in participants.csv, in the order of their first rows, with that
    /// row's line and the number of rows naming them (lines, not records: a record keeps its whole
    /// batch of records alive).
    private(set) var missing: [String: (line: Int, rows: Int)] = [:]
    private(set) var missingOrder: [String] = []
    /// Every coder of the file's rows.
    private(set) var coders: Set<String> = []
    /// The store's summaries of the valid rows (the rows to be stored: a duplicate among them fails the
    /// ingest, which then stores nothing), and, once the file ended, the stream's coders (`nil`: stopped).
    /// (Without the runtime's exclusivity checks, which cost a call per row: the object is used by one
    /// thread at a time, see above.)
    @exclusivity(unchecked) private var summary: SummaryStream
    private(set) var summaryCoders: [[UInt8]]?

    // Rows come grouped by participant and coder: the last id found in participants.csv, the last
    // coder noted and the last language checked need no second look-up (their bytes are compared).
    private var saidUnchecked = false
    private var lastKnownParticipant: [UInt8]?
    private var lastCoder: [UInt8]?
    private var lastLanguage: (bytes: [UInt8], isAvailable: Bool)?
    /// Whether the summaries were last given ``lastKnownParticipant`` (``lastCoder``): a row found to
    /// name the same is then said to name the summaries' last too, which do not compare its bytes again.
    private var summaryHasLastParticipant = false
    private var summaryHasLastCoder = false
    /// The languages checked so far, up to ``languagesKept`` (a study's rows switch between a few):
    /// a language met again is not checked again (which took a thousand instructions).
    private var languages: [(bytes: [UInt8], isAvailable: Bool)] = []
    private static let languagesKept = 8

    init(
        reader: SourceReader, codebook: Codebook, participantIDs: IDTable?, uncheckedBecause: String, summary: SummaryStream
    ) {
        self.reader = reader
        self.summary = summary
        self.codebook = codebook
        self.participantIDs = participantIDs
        self.uncheckedBecause = uncheckedBecause
        codes = KnownIDs(codebook.codes.map(\.id))
        columns = Columns(
            segment: reader.columnIndex("segment_id")!, participant: reader.columnIndex("participant_id")!,
            code: reader.columnIndex("code")!, coder: reader.columnIndex("coder")!,
            document: reader.columnIndex("document"), start: reader.columnIndex("start"),
            end: reader.columnIndex("end"), excerpt: reader.columnIndex("excerpt"),
            language: reader.columnIndex("language"))
    }

    /// Checks the file's records and hands their steps over batch by batch, until the file ends or
    /// the loader stops the queue.
    func run(into queue: ReadAhead<Batch>) {
        // A log per record: its problems are handed over as steps, and the loader's log caps them. (One log,
        // emptied after a record that logged something: a new `ProblemLog()` for every record built its
        // dictionary from a literal.) The same for the rows of `coding`.
        var log = ProblemLog()
        var coding: [CodingRow] = []
        while true {
            var batch = Batch()
            // Room for a step per record and a few more (problems, the summaries' rows): grown from
            // empty, the array was copied into a larger one ten times a batch.
            batch.steps.reserveCapacity(Self.rowsPerBatch + Self.rowsPerBatch / 16)
            for _ in 0..<Self.rowsPerBatch {
                guard let record = reader.next(log: &log) else {
                    handOver(&log, to: &batch)
                    summaryCoders = summary.finish(endingInto: &coding)
                    if !coding.isEmpty { batch.steps.append(.coding(coding)) }
                    batch.isLast = true
                    break
                }
                let offsets = check(record, log: &log, coding: &coding)
                handOver(&log, to: &batch)
                // The step made here, in the array (made by the check and returned, it was copied and
                // destroyed once more), the record moved into it (copied, it cost a retain and a release
                // of its batch's storage, whose count the reading and inserting threads change too).
                if let offsets { batch.steps.append(.row(consume record, start: offsets.start, end: offsets.end)) }
                if !coding.isEmpty {
                    batch.steps.append(.coding(coding))
                    coding = []
                }
            }
            guard queue.put(batch), !batch.isLast else { return }
        }
    }

    /// Hands over a record's problems (its log's: the loader's log caps them) and empties the log.
    private func handOver(_ log: inout ProblemLog, to batch: inout Batch) {
        guard !log.isEmpty else { return }
        for problem in log.problems { batch.steps.append(.problem(problem)) }
        if log.omitted > 0 { batch.steps.append(.omitted(log.omitted)) }
        log = ProblemLog()
    }

    /// Checks one record, logging its problems, and adds a valid one to the summaries (appending the
    /// rows of `coding` of a participant that ended to `coding`).
    /// - Returns: its offsets as read, when it is valid (the loader inserts it).
    private func check(_ record: CSVRecord, log: inout ProblemLog, coding: inout [CodingRow]) -> (start: Int?, end: Int?)? {
        let path = reader.file
        // The fields are read as bytes: only those that are looked up by text, or named in a problem,
        // become strings.
        return record.withUnsafeFields { fields -> (start: Int?, end: Int?)? in
            var isValid = true
            func complain(_ column: Int?, _ message: String) {
                reader.complain(record, column, message, log: &log)
                isValid = false
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
                guard let number = SegmentsLoader.wholeNumber(field), number >= 0 else {
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
            var sameParticipant = false
            if let participantID, Self.same(participantID, lastKnownParticipant) {
                // The participant of the row before, found already (its bytes are not copied again).
                sameParticipant = summaryHasLastParticipant
            } else if let participantID, let participantIDs, !participantIDs.contains(participantID) {
                // Once per unknown id, at its first row, with the number of rows that name it.
                let id = String(decoding: participantID, as: UTF8.self)
                if missing[id] == nil {
                    missingOrder.append(id)
                    missing[id] = (record.line, 0)
                }
                missing[id]!.rows += 1
                isValid = false
            } else if participantIDs != nil {
                lastKnownParticipant = participantID.map(Array.init)
                summaryHasLastParticipant = false
            }
            var sameCoder = summaryHasLastCoder
            if let coder, !Self.same(coder, lastCoder) {
                coders.insert(String(decoding: coder, as: UTF8.self))
                lastCoder = Array(coder)
                (sameCoder, summaryHasLastCoder) = (false, false)
            }
            // The code's place in the codebook (the ids by their bytes, then as text: another spelling of
            // the same text), which is its position in the store and among the summaries' codes (the
            // codebook's ids, which are distinct: a repeated id is a problem of the codebook). Handed to
            // the summaries, which would otherwise look the code up a second time.
            var codePosition: Int?
            if let code {
                codePosition = codes.index(of: code)
                if codePosition == nil {
                    let text = String(decoding: code, as: UTF8.self)
                    codePosition = codebook.index(of: text)
                    if codePosition == nil { complain(columns.code, "unknown code '\(text)' (not in codebook \(codebook.version))") }
                }
            }
            let start = offset(columns.start)
            let end = offset(columns.end)
            if let start, let end, start > end { complain(columns.end, "end \(end) is before start \(start)") }
            if let language = bytes(columns.language) {
                if lastLanguage == nil || !Self.same(language, lastLanguage!.bytes) {
                    lastLanguage = languages.first { Self.same(language, $0.bytes) } ?? {
                        let checked = (bytes: Array(language), isAvailable: Language(rawValue: String(decoding: language, as: UTF8.self)).isAvailable)
                        if languages.count < Self.languagesKept { languages.append(checked) }
                        return checked
                    }()
                }
                if !lastLanguage!.isAvailable {
                    let known = Language.available.map(\.rawValue).joined(separator: ", ")
                    complain(columns.language, "'\(String(decoding: language, as: UTF8.self))' is not a language of the tool (\(known))")
                }
            }
            // The loader reads these again as it binds them; an undecodable one is logged here, once.
            _ = bytes(columns.document)
            _ = bytes(columns.excerpt)
            guard isValid, let segmentID, let participantID, let code, let coder else { return nil }
            summary.add(
                participant: participantID, position: { participantIDs?.position(of: $0) }, code: code,
                codePosition: codePosition, coder: coder, segment: segmentID, sameParticipant: sameParticipant,
                sameCoder: sameCoder, endingInto: &coding)
            // A valid row's participant is the last known (found, or noted just now; none is known without
            // participants.csv), and its coder the last.
            (summaryHasLastParticipant, summaryHasLastCoder) = (true, true)
            return (start, end)
        }
    }

    /// Whether `bytes` are exactly `other`'s (inlined into the check, which makes three a row).
    @inline(__always)
    private static func same(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]?) -> Bool {
        ShortBytes.equal(bytes, other)
    }
}

import Crypto
import CSVInput
import Foundation
import Storage
import StudyModel

/// What an ingest stored.
public struct IngestSummary: Sendable, Equatable {
    public var participants: Int
    public var segmentRows: Int
    /// Respondents per instrument id, in manifest order.
    public var respondents: [(instrument: String, count: Int)]
    public var files: [SourceFileRecord]
    /// What the researcher should know although nothing failed (a tool's codes left out as `unmapped: ignore`).
    public var notices: [String] = []
    /// The codebook and the instruments as stored, the values the store's reads give back (`analyze run`'s
    /// analysis takes them instead of decoding the store's JSON again); not compared by `==`.
    public var stored: StoredDefinitions?
    /// The survey respondents stored, per instrument in manifest order, as ``StoreReader/respondents(of:)``
    /// reads them back, when ``StudyIngester/keepsRespondents`` asked for them and they fit its budget
    /// (`nil`: read them from the store); not compared by `==`.
    public var keptRespondents: [[SurveyRespondent]]?
    /// The observer ``StudyIngester/codingObserver`` gave, told the rows of the store's summary `coding` as
    /// they were made (`nil`: none); not compared by `==`.
    public var observedCoding: (any CodingObserver)?

    public static func == (lhs: IngestSummary, rhs: IngestSummary) -> Bool {
        lhs.participants == rhs.participants && lhs.segmentRows == rhs.segmentRows
            && lhs.respondents.map(\.instrument) == rhs.respondents.map(\.instrument)
            && lhs.respondents.map(\.count) == rhs.respondents.map(\.count) && lhs.files == rhs.files
    }
}

/// Reads a study folder, validates every file against the manifest and the codebook, and replaces the
/// store's contents with it in one transaction.
///
/// All problems are collected (at most 50 listed per file) and thrown together as ``InputProblems``;
/// the store is then left exactly as it was. Ingesting the same folder twice stores the same rows once.
/// Files are streamed: memory grows with the number of participants, not with the number of segments.
public struct StudyIngester {
    public let manifest: StudyManifest
    /// Told how far each CSV file has been read (for a progress bar).
    public var progress: IngestProgressHandler?
    /// Nanoseconds added to the start of the ingest (or of a staleness check's read) when deciding which
    /// files were settled before it (0; a test moves it ahead to have its freshly written files' stats
    /// recorded or confirmed).
    var settledShift: Int64 = 0
    /// `analyze run`: asked, once the participants are stored, for an observer of the rows of the store's
    /// summary `coding` as `segments.csv`'s rows are checked (``SummaryStream/observer``), given the number
    /// of participants and of codes stored; `nil` (or an answer `nil`): none. Not asked for a coding tool's
    /// export, whose summaries are written by the pass over the stored rows.
    public var codingObserver: (@Sendable (_ participants: Int, _ codes: Int) -> (any CodingObserver)?)?
    /// `analyze run`: keep the survey respondents stored (``IngestSummary/keptRespondents``), up to
    /// ``keptAnswerBudget`` answers in all.
    public var keepsRespondents = false
    /// The most answers kept respondents may hold (a respondent holds one per item of its instrument; 2^18:
    /// about 4 MiB): beyond them, the analysis reads the respondents from the store.
    public var keptAnswerBudget = 1 << 18

    /// Reads the manifest of the study folder.
    /// - Throws: ``InputProblems`` when `study.yml` is missing or invalid.
    public init(studyDirectory: String) throws(InputProblems) {
        manifest = try StudyManifest(directory: studyDirectory)
    }

    /// An ingester of the study of a manifest already read (`analyze run` reads it once for its stages).
    public init(manifest: StudyManifest) {
        self.manifest = manifest
    }

    /// Validates the study's files and writes them as a new store file at `storePath`, which replaces
    /// the old one only when everything is valid (see ``StudyStore/build(at:_:)``).
    /// - Throws: ``InputProblems`` for bad input (the store file is unchanged); database errors otherwise.
    @discardableResult
    public func ingest(intoStoreAt storePath: String) throws -> IngestSummary {
        let (summary, built) = try ingest(besideStoreAt: storePath)
        try built.place()
        return summary
    }

    /// The ingest of ``ingest(intoStoreAt:)`` up to its store file written whole beside `storePath`, not yet
    /// synced nor in place (``BuiltStore/place()``): `analyze run` reads it meanwhile.
    /// - Throws: ``InputProblems`` for bad input (no store file is left); database errors otherwise.
    public func ingest(besideStoreAt storePath: String) throws -> (summary: IngestSummary, store: BuiltStore) {
        let read = try readDefinitions()
        defer { read.recordsAhead?.stop() }
        return try StudyStore.buildBeside(storePath) { transaction in
            try store(read, into: transaction)
        }
    }

    /// Validates the study's files and replaces the contents of an open store with them, in one
    /// transaction.
    /// - Throws: ``InputProblems`` for bad input (the store is unchanged); database errors otherwise.
    @discardableResult
    public func ingest(into store: StudyStore) throws -> IngestSummary {
        let read = try readDefinitions()
        defer { read.recordsAhead?.stop() }
        return try store.replaceContents { transaction in
            try self.store(read, into: transaction)
        }
    }

    /// The codebook and the instruments, and `segments.csv` being read and hashed ahead.
    private struct DefinitionsRead {
        var codebook: Codebook
        var instruments: [(source: SourceFile, instrument: Instrument)]
        var digestAhead: DigestAhead?
        var recordsAhead: RecordsAhead?
    }

    /// Reads the codebook and the instruments (``loadDefinitions(beside:)``), and starts reading
    /// `segments.csv` and hashing it on threads of their own (``RecordsAhead``, ``DigestAhead``) once the
    /// instruments' thread has started: a core is idle from the instruments' end to the participants' end
    /// (the codebook, the store's schema and the participants are this thread's), and a thread started
    /// later starts its work later where the threads wait their turn (a real-time policy, or one core).
    /// The file's parse goes first (the ingest waits for its records), the hash after (it is needed once
    /// the parse ended). The hash's instant for "settled" is the ingest's start.
    private func readDefinitions() throws -> DefinitionsRead {
        let digestAhead = segmentsDigestAhead(settledBefore: SourceFileStat.now() + settledShift)
        var recordsAhead: RecordsAhead?
        do {
            let (codebook, instruments) = try loadDefinitions {
                recordsAhead = startRecordsAhead(digestAhead: digestAhead)
                digestAhead?.start()
            }
            return DefinitionsRead(codebook: codebook, instruments: instruments, digestAhead: digestAhead, recordsAhead: recordsAhead)
        } catch {
            recordsAhead?.stop()
            throw error
        }
    }

    /// A hash of `segments.csv` to compute on a thread of its own (``DigestAhead``, once started) instead of
    /// by its parse, which runs beside the inserts on both cores; `nil` for a file that is not settled, or a
    /// coding tool's export (their parse hashes them).
    private func segmentsDigestAhead(settledBefore instant: Int64) -> DigestAhead? {
        guard let source = segmentsFile else { return nil }
        return DigestAhead(path: manifest.path(of: source.file), settledBefore: instant)
    }

    /// Starts opening and reading `segments.csv` on a thread of its own (``RecordsAhead``); `nil` for a
    /// coding tool's export.
    private func startRecordsAhead(digestAhead: DigestAhead?) -> RecordsAhead? {
        guard let source = segmentsFile else { return nil }
        return RecordsAhead(
            path: manifest.path(of: source.file), requiredColumns: SegmentsLoader.requiredColumns,
            dialect: source.dialect, progress: progress, digestAhead: digestAhead)
    }

    /// The study's `segments.csv` (the source holding its segments, when it is not a coding tool's export).
    private var segmentsFile: SourceFile? {
        guard let source = manifest.sources.first(where: \.holdsSegments), source.kind == .segments else { return nil }
        return source
    }

    /// Reads the codebook and the instruments, collecting their problems; calls `beside` once the
    /// instruments' thread has started, before the codebook is read.
    private func loadDefinitions(
        beside: () -> Void
    ) throws -> (Codebook, [(source: SourceFile, instrument: Instrument)]) {
        var log = ProblemLog()
        // The instruments are decoded on a thread of their own while the codebook is on this one (decoding
        // YAML is most of reading them); their problems are logged in the same order as before.
        let surveys = manifest.sources.filter { $0.kind == .survey }
        let instrumentPaths = surveys.map { manifest.path(of: $0.instrument ?? "") }
        let instrumentReads = instrumentPaths.isEmpty ? nil
            : ReadAhead<Result<Instrument, InputProblems>>(depth: instrumentPaths.count, name: "Instruments") { queue in
                for path in instrumentPaths {
                    guard queue.put(Result { () throws(InputProblems) in try Instrument(path: path) }) else { return }
                }
            }
        beside()
        let codebookPath = manifest.path(of: manifest.codebook)
        var codebook: Codebook?
        do {
            codebook = try CodebookSource.load(path: codebookPath)
        } catch {
            log.add(contentsOf: error)
        }
        var instruments: [(source: SourceFile, instrument: Instrument)] = []
        for source in surveys {
            switch instrumentReads!.take() {
            case .success(let instrument): instruments.append((source, instrument))
            case .failure(let error): log.add(contentsOf: error)
            }
        }
        if Set(instruments.map(\.instrument.id)).count != instruments.count {
            log.add(InputProblem(
                file: manifest.path(of: StudyManifest.fileName), message: "sources: two surveys use the same instrument id"))
        }
        // An item measures codes of the codebook.
        if let codebook {
            for (source, instrument) in instruments {
                for item in instrument.items {
                    for code in item.measures ?? [] where codebook.index(of: code) == nil {
                        log.add(InputProblem(
                            file: manifest.path(of: source.instrument ?? ""),
                            message: "item '\(item.id)': measures unknown code '\(code)' (not in codebook \(codebook.version))"))
                    }
                }
            }
        }
        guard let codebook, log.isEmpty else { throw log.asError }
        return (codebook, instruments)
    }

    /// Streams every source file through validation into `transaction`.
    private func store(_ read: DefinitionsRead, into transaction: StoreTransaction) throws -> IngestSummary {
        let (codebook, instruments) = (read.codebook, read.instruments)
        let started = SourceFileStat.now()
        let segmentsSource = manifest.sources.first(where: \.holdsSegments)!
        var log = ProblemLog()
        try transaction.setStudy(
            name: manifest.name, version: manifest.version, codebookVersion: codebook.version,
            toolVersion: ToolVersion.current)
        var files: [SourceFileRecord] = []
        for (path, kind) in [(StudyManifest.fileName, "manifest"), (manifest.codebook, "codebook")]
            + instruments.map({ ($0.source.instrument ?? "", "instrument") })
        {
            files.append(try fingerprint(ofYAML: path, kind: kind))
        }

        // A qdpx project's cases are the participants when no participants file is listed.
        let participantsSource = manifest.sources.first { $0.kind == .participants }
        var participants = ParticipantsLoader(manifest: manifest)
        participants.progress = progress
        if let participantsSource, let file = try participants.load(participantsSource, into: transaction, log: &log) {
            files.append(file)
        }
        var participantCount = participants.stored

        var knownIDs = participants.unreadable == nil ? participants.seenIDs : nil
        var segmentRows = 0
        var notices: [String] = []
        /// A coding tool's codes kept as uncategorised codes (`unmapped: keep`): stored after the codebook's.
        var keptCodes: [Code] = []
        /// The coders the segments name (the coverage list is checked against them).
        var segmentCoders: Set<String> = []
        /// The observer of the summaries streamed from `segments.csv` (``codingObserver``).
        var observedCoding: (any CodingObserver)?
        if segmentsSource.kind == .qdpx {
            var qdpx = QDPXLoader(
                manifest: manifest, codebook: codebook, listedParticipants: knownIDs, participantsListed: participantsSource != nil)
            qdpx.progress = progress
            files += try qdpx.load(segmentsSource, into: transaction, log: &log)
            segmentRows = qdpx.stored
            notices = qdpx.notices
            keptCodes = qdpx.keptCodes
            segmentCoders = qdpx.coders
            if participantsSource == nil {
                participantCount = qdpx.participantsStored
                knownIDs = IDTable(qdpx.caseParticipantIDs)
            }
        } else if segmentsSource.kind == .taguette {
            var taguette = TaguetteLoader(manifest: manifest, codebook: codebook, participantIDs: knownIDs)
            if let reason = participants.unreadable { taguette.uncheckedBecause = reason }
            taguette.progress = progress
            files += try taguette.load(segmentsSource, into: transaction, log: &log)
            segmentRows = taguette.stored
            notices = taguette.notices
            keptCodes = taguette.keptCodes
            segmentCoders = segmentsSource.coder.map { [$0] } ?? []
        } else {
            // The codebook's codes are stored in its order (no kept codes here): the store's summaries are
            // written as the rows are inserted.
            var summary = transaction.summariseSegments(codes: codebook.codes.map(\.id))
            observedCoding = codingObserver?(participantCount, codebook.codes.count)
            summary.observer = observedCoding
            var segments = SegmentsLoader(manifest: manifest, codebook: codebook, participantIDs: knownIDs, summary: summary)
            if let reason = participants.unreadable { segments.uncheckedBecause = reason }
            segments.progress = progress
            segments.digestAhead = read.digestAhead
            segments.recordsAhead = read.recordsAhead
            if let file = try segments.load(segmentsSource, into: transaction, log: &log) { files.append(file) }
            segmentRows = segments.stored
            segmentCoders = segments.coders
        }
        // A coding tool's code map (a setting of taguette and qdpx sources only) is an input like the files.
        if let map = segmentsSource.codeMap, FileManager.default.fileExists(atPath: manifest.path(of: map)) {
            files.append(try fingerprint(ofYAML: map, kind: "code-map"))
        }
        let storedCodebook = try storeCodes(codebook, kept: keptCodes, into: transaction, log: &log)
        // A coder of the data whom the policy does not name counts for intercoder agreement only: say so,
        // so that a coder left out by mistake is not a silent zero.
        for coder in segmentCoders.sorted() where !manifest.coding.analysedCoders.contains(coder) {
            notices.append("coder '\(coder)' is not in coding.analysed_coders: their segments count for intercoder agreement only")
        }

        if let coverage = manifest.coding.coverage {
            var loader = CoverageLoader(manifest: manifest, participantIDs: knownIDs, coders: segmentCoders)
            if let file = try loader.load(coverage, into: transaction, log: &log) { files.append(file) }
        }

        var respondents: [(instrument: String, count: Int)] = []
        var kept: [[SurveyRespondent]]? = keepsRespondents ? [] : nil
        var keptAnswerBudget = self.keptAnswerBudget
        for (position, (source, instrument)) in instruments.enumerated() {
            try transaction.insert(instrument, position: position)
            var survey = SurveyLoader(manifest: manifest, instrument: instrument)
            survey.progress = progress
            if kept != nil { (survey.kept, survey.keptAnswerBudget) = ([], keptAnswerBudget) }
            if let file = try survey.load(source, into: transaction, log: &log) { files.append(file) }
            respondents.append((instrument.id, survey.stored))
            if let respondents = survey.kept, kept != nil {
                kept!.append(respondents)
                keptAnswerBudget = survey.keptAnswerBudget
            } else {
                kept = nil
            }
        }
        guard log.isEmpty else { throw log.asError }
        for file in files { try transaction.insert(file) }
        // Each file's stat, where it was settled before this ingest read it (see SourceFileStat).
        for file in files {
            if let stat = SourceFileStat(path: manifest.path(of: file.path)), stat.isSettled(before: started + settledShift) {
                try transaction.insert(stat, path: file.path)
            }
        }
        return IngestSummary(
            participants: participantCount, segmentRows: segmentRows, respondents: respondents,
            files: files.sorted { $0.path < $1.path }, notices: notices,
            stored: StoredDefinitions(codebook: storedCodebook, instruments: instruments.map(\.instrument)),
            keptRespondents: kept, observedCoding: observedCoding)
    }

    /// Stores the codebook's codes and, after them, the kept ones; a table of uncategorised codes in a study
    /// that has none is an error (never an empty table).
    /// - Returns: the codebook stored.
    private func storeCodes(
        _ codebook: Codebook, kept: [Code], into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> Codebook {
        var codes = codebook
        if !kept.isEmpty {
            do {
                codes = try Codebook(version: codebook.version, codes: codebook.codes + kept, file: manifest.codebook)
            } catch {
                log.add(contentsOf: error)
            }
        }
        if codes.codes(in: .uncategorised).isEmpty {
            for spec in manifest.plan where spec.rows == .uncategorisedCodes {
                log.add(manifest.settingProblem(
                    "analysis.tables '\(spec.id)': rows: uncategorised-codes: the study has no uncategorised codes"
                        + " (a coding tool's codes mapped to no codebook code, kept with unmapped: keep)"))
            }
        }
        try transaction.insert(codes)
        return codes
    }

    private func fingerprint(ofYAML relativePath: String, kind: String) throws -> SourceFileRecord {
        let data = try Data(contentsOf: URL(fileURLWithPath: manifest.path(of: relativePath)))
        let digest = SHA256.hash(data: data)
        return SourceFileRecord(
            path: relativePath, kind: kind, sha256: digest.lowercaseHexadecimal, byteCount: data.count,
            recordCount: 0)
    }
}

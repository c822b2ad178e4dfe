import CSVInput
import Crypto
import Foundation
import QDAExchange
import Storage
import StudyModel

/// Validates and stores Taguette's highlights export (`id,document,tag,content`, one row per highlight
/// and tag) as coded segments: documents become participants through the source's `documents`, tags
/// become codes through the study's ``CodeMap``, the segments are recorded under the source's `coder`.
///
/// Taguette writes no offsets, no coder and no document attributes; an untagged highlight (empty `tag`)
/// codes nothing and is skipped. Two tags of one highlight mapped to the same code count once.
struct TaguetteLoader {
    static let requiredColumns = ["id", "document", "tag", "content"]
    static let codebookColumns = ["tag"]
    let manifest: StudyManifest
    let codebook: Codebook
    /// The participant ids of participants.csv, or `nil` when it could not be read in full.
    let participantIDs: IDTable?
    var uncheckedBecause = "participants.csv could not be read"
    var progress: IngestProgressHandler?
    private(set) var stored = 0
    /// What the ingest tells without failing: codes left out under `unmapped: ignore` or kept under `keep`.
    private(set) var notices: [String] = []
    /// The tags kept as uncategorised codes (`unmapped: keep`), in the order first seen.
    private(set) var keptCodes: [Code] = []

    init(manifest: StudyManifest, codebook: Codebook, participantIDs: IDTable?) {
        self.manifest = manifest
        self.codebook = codebook
        self.participantIDs = participantIDs
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> [SourceFileRecord] {
        var files: [SourceFileRecord] = []
        let codeMap: CodeMap
        do {
            codeMap = try CodeMap(codebook: codebook, mappingPath: source.codeMap.map { manifest.path(of: $0) })
        } catch {
            log.add(contentsOf: error)
            return files
        }
        let toolTags = readToolCodebook(source, log: &log, files: &files)
        let coder = source.coder ?? ""
        if !manifest.coding.analysedCoders.contains(coder) {
            log.add(manifest.settingProblem(
                "coding.analysed_coders: the Taguette export '\(source.file)' is recorded under coder '\(coder)', which is not listed"
                    + " (\(manifest.coding.analysedCoders.joined(separator: ", ")))"))
        }
        let path = manifest.path(of: source.file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, dialect: source.dialect, log: &log, progress: progress) else {
            return files
        }
        let columns = (
            id: reader.columnIndex("id")!, document: reader.columnIndex("document")!, tag: reader.columnIndex("tag")!,
            content: reader.columnIndex("content")!)
        let documents = source.documents ?? [:]
        /// Problems said once per value, at its first row, with the number of rows.
        // Lines, not records: a record keeps its whole batch of records alive.
        var firstRows: [String: (line: Int, column: Int, rows: Int, message: String)] = [:]
        var firstOrder: [String] = []
        func onceFor(_ key: String, _ record: CSVRecord, _ column: Int, _ message: String) {
            if firstRows[key] == nil {
                firstOrder.append(key)
                firstRows[key] = (record.line, column, 0, message)
            }
            firstRows[key]!.rows += 1
        }
        var unmapped = UnmappedTally<Int>(setting: source.unmapped, codebook: codebook, unit: ("row", "rows"))
        while let record = reader.next(log: &log) {
            guard let tag = reader.value(record, columns.tag, log: &log) else { continue }  // an untagged highlight
            guard let highlight = reader.value(record, columns.id, log: &log) else {
                reader.complain(record, columns.id, "empty value; every highlight has an id", log: &log)
                continue
            }
            guard let document = reader.value(record, columns.document, log: &log) else {
                reader.complain(record, columns.document, "empty value; every highlight has a document", log: &log)
                continue
            }
            var valid = true
            if let toolTags, !toolTags.contains(tag) {
                onceFor("tag:" + tag, record, columns.tag, "'\(tag)' is not in Taguette's codebook \(source.codebook ?? "")")
                valid = false
            }
            let participantID = documents[document]
            if participantID == nil {
                onceFor("document:" + document, record, columns.document, "'\(document)' is not in the source's documents in study.yml")
                valid = false
            } else if let participantIDs, let participantID, !participantIDs.contains(participantID) {
                onceFor("participant:" + participantID, record, columns.document,
                        "'\(document)': its participant id is not in participants.csv")
                valid = false
            }
            guard let code = codeMap.id(for: tag) ?? unmapped.count(tag, at: record.line) else { continue }
            guard valid, let participantID else { continue }
            let segment = CodedSegment(
                segmentID: highlight, participantID: participantID, code: code, coder: coder, document: document,
                start: nil, end: nil, excerpt: reader.value(record, columns.content, log: &log), language: nil, line: record.line)
            if try transaction.insert(segment) { stored += 1 }
        }
        if participantIDs == nil, stored > 0 || !firstOrder.isEmpty {
            log.add(InputProblem(file: path, message: "participant ids not checked: \(uncheckedBecause)"))
        }
        for key in firstOrder {
            let (line, column, rows, message) = firstRows[key]!
            reader.complain(atLine: line, column, message + (rows > 1 ? " (on \(rows) rows, the first here)" : ""), log: &log)
        }
        let mapName = source.codeMap ?? "a code map (code_map:)"
        if unmapped.setting == .fail {
            for (tag, rows, line) in unmapped.codes {
                log.add(InputProblem(
                    file: path, line: line, column: columns.tag + 1,
                    message: "tag: '\(tag)' (on \(unmapped.counted(rows))) is mapped to no code of codebook \(codebook.version); map it in \(mapName)"
                        + " or as an alias in the codebook, or set unmapped: ignore or keep"))
            }
        }
        let (said, collisions, kept) = unmapped.outcome(file: source.file, what: "tag")
        notices += said
        for (message, line) in collisions { log.add(InputProblem(file: path, line: line, column: columns.tag + 1, message: "tag: " + message)) }
        keptCodes = kept
        files.append(reader.fingerprint(path: source.file, kind: source.kind.rawValue))
        return files
    }

    /// The tags of Taguette's codebook export: its CSV (`tag,description,number of highlights,number of
    /// documents`) or its `.qdc` (each code's path joined with `/`); `nil` when the source names none.
    private func readToolCodebook(_ source: SourceFile, log: inout ProblemLog, files: inout [SourceFileRecord]) -> Set<String>? {
        guard let file = source.codebook else { return nil }
        if file.lowercased().hasSuffix(".qdc") {
            let path = manifest.path(of: file)
            do {
                let tags = Set(try QDCCodebookReader.read(path: path).codableEntries.map { $0.path.joined(separator: "/") })
                let data = FileManager.default.contents(atPath: path) ?? Data()
                files.append(SourceFileRecord(
                    path: file, kind: "taguette-codebook", sha256: SHA256.hash(data: data).lowercaseHexadecimal,
                    byteCount: data.count, recordCount: tags.count))
                return tags
            } catch {
                log.add(contentsOf: error)
                return nil
            }
        }
        guard let reader = SourceReader(path: manifest.path(of: file), requiredColumns: Self.codebookColumns, log: &log) else {
            return nil
        }
        let column = reader.columnIndex("tag")!
        var tags: Set<String> = []
        while let record = reader.next(log: &log) {
            if let tag = reader.value(record, column, log: &log) { tags.insert(tag) }
        }
        files.append(reader.fingerprint(path: file, kind: "taguette-codebook"))
        return tags
    }
}

import CSVInput
import Foundation
import Crypto
import Storage
import StudyModel

/// Reads one CSV source of the study: yields its records, turns CSV errors into logged problems,
/// decodes fields with their place, and hashes the file's bytes in the same pass.
final class SourceReader {
    /// The path shown in problems.
    let file: String
    private let table: CSVTableReader
    private(set) var recordCount = 0
    /// Whether every record was read: no ragged row skipped, no damage that ended the file early.
    private(set) var readInFull = true
    private let hashBox: HashBox
    /// The declared encoding when it is not UTF-8 (it names what undecodable bytes fail to be).
    private let declaredEncoding: String?
    /// The file's hash when it is computed apart from the reading.
    private let digestAhead: DigestAhead?
    /// The records a thread of its own took from the table before this reader's consumer asked for
    /// them (``RecordsAhead``): handed out before the table's next ones, then `nil`.
    var recordsAhead: RecordsAhead?

    /// Opens `path`; when the file or its header is unusable, logs the problem and returns `nil`.
    /// - Parameters:
    ///   - dialect: the file's delimiter and encoding as the manifest declares them (checked there).
    ///   - progress: told of the bytes read so far and the file's size, block by block.
    ///   - digestAhead: the file's SHA-256 computed on a thread of its own, or `nil`: the reader hashes
    ///     the blocks it reads.
    init?(
        path: String, requiredColumns: [String], dialect: CSVDialect? = nil, log: inout ProblemLog,
        progress: IngestProgressHandler? = nil, digestAhead: DigestAhead? = nil
    ) {
        file = path
        declaredEncoding = dialect?.encoding.flatMap { $0 == "utf-8" ? nil : $0 }
        let box = HashBox()
        hashBox = box
        self.digestAhead = digestAhead
        let hashes = digestAhead == nil
        // The size for the progress handler, by `stat` (FileManager's attribute dictionary looks up the
        // owner's and group's names too: /etc/passwd and /etc/group read for each file).
        let size = SourceFileStat(path: path).map { Int($0.byteCount) } ?? 0
        do {
            table = try CSVTableReader(
                path: path, requiredColumns: requiredColumns, delimiter: dialect?.delimiterByte ?? UInt8(ascii: ","),
                encoding: dialect?.encoding.flatMap(CSVEncoding.init(rawValue:)) ?? .utf8
            ) { block in
                if hashes { box.hasher.update(bufferPointer: block) }
                box.byteCount += block.count
                progress?(IngestProgress(file: path, bytesRead: box.byteCount, totalBytes: size))
            }
        } catch {
            log.add(InputProblem(file: error.file, line: error.line, column: error.column, message: error.reason.description))
            return nil
        }
    }

    var header: [String] { table.header }

    func columnIndex(_ name: String) -> Int? { table.columnIndex(name) }

    /// The next well-formed record. A ragged row is logged and skipped over (it fails the ingest);
    /// a structural error ends the file.
    func next(log: inout ProblemLog) -> CSVRecord? {
        while true {
            do {
                guard let record = try nextRecord() else { return nil }
                recordCount += 1
                return record
            } catch {
                log.add(InputProblem(file: error.file, line: error.line, column: error.column, message: error.reason.description))
                readInFull = false
                if error.reason.isRecoverable {
                    recordCount += 1
                    continue
                }
                return nil
            }
        }
    }

    /// The next record of those taken ahead, then of the table.
    private func nextRecord() throws(CSVError) -> CSVRecord? {
        if let recordsAhead {
            switch recordsAhead.next() {
            case .record(let record): return record
            case .end: return nil
            case .failure(let error): throw error
            case nil: self.recordsAhead = nil
            }
        }
        return try table.next()
    }

    /// The table's next record, the end of the file (`nil`) or the error that the table threw, for
    /// ``RecordsAhead``'s thread (before any record is taken by ``next(log:)``).
    func nextFromTable() -> RecordsAhead.Item {
        do throws(CSVError) {
            guard let record = try table.next() else { return .end }
            return .record(record)
        } catch {
            return .failure(error)
        }
    }

    /// The field at `column` of `record`: `nil` when the column is absent or the cell is empty.
    /// Invalid UTF-8 is logged and gives `nil`.
    func value(_ record: CSVRecord, _ column: Int?, log: inout ProblemLog) -> String? {
        guard let column else { return nil }
        guard let text = record.field(column) else {
            logUndecodable(record, column, log: &log)
            return nil
        }
        return text.isEmpty ? nil : text
    }

    /// The bytes of the field at `column` of `record` (`fields`, from ``CSVRecord/withUnsafeFields(_:)``),
    /// exactly when ``value(_:_:log:)`` would give a string: `nil` when the column is absent or the cell
    /// is empty; invalid UTF-8 is logged and gives `nil`.
    func bytes(_ fields: CSVFields, of record: CSVRecord, _ column: Int?, log: inout ProblemLog) -> UnsafeRawBufferPointer? {
        guard let column else { return nil }
        guard fields.isValidUTF8(column) else {
            logUndecodable(record, column, log: &log)
            return nil
        }
        let bytes = fields[column]
        return bytes.isEmpty ? nil : bytes
    }

    private func logUndecodable(_ record: CSVRecord, _ column: Int, log: inout ProblemLog) {
        log.add(InputProblem(
            file: file, line: record.line, column: column + 1,
            message: "\(header[column]): "
                + (declaredEncoding.map { "bytes that are not \($0) text" } ?? "invalid UTF-8; save the file as UTF-8")))
    }

    /// Logs a problem with field `column` of `record`, naming the column.
    func complain(_ record: CSVRecord, _ column: Int?, _ message: String, log: inout ProblemLog) {
        complain(atLine: record.line, column, message, log: &log)
    }

    /// Logs a problem with field `column` of the record on `line`, naming the column.
    func complain(atLine line: Int, _ column: Int?, _ message: String, log: inout ProblemLog) {
        let name = column.map { header[$0] + ": " } ?? ""
        log.add(InputProblem(file: file, line: line, column: column.map { $0 + 1 }, message: name + message))
    }

    /// The fingerprint of everything read so far (the whole file, once reading has ended).
    ///
    /// With a ``DigestAhead``, call it once reading has ended: a file written while it was read is logged
    /// as a problem (its bytes and its hash may differ), and then the fingerprint has no hash; nor has it
    /// when a structural error ended the reading early (logged already; the ingest fails).
    func fingerprint(path: String, kind: String, log: inout ProblemLog) -> SourceFileRecord {
        var sha256 = ""
        if let digestAhead {
            switch digestAhead.outcome(ofBytesRead: hashBox.byteCount) {
            case .digest(let digest): sha256 = digest
            // A parse ended early by an error (logged: the ingest fails) read fewer bytes than the hash;
            // one that did not is not trusted either.
            case .partial where !readInFull: break
            case .partial, .changed:
                log.add(InputProblem(file: file, message: "the file changed while it was read; run the ingest again"))
            }
        } else {
            sha256 = hashBox.hasher.finalize().lowercaseHexadecimal
        }
        return SourceFileRecord(
            path: path, kind: kind, sha256: sha256, byteCount: hashBox.byteCount, recordCount: recordCount)
    }

    /// The fingerprint of everything read so far, hashed by the reader itself.
    func fingerprint(path: String, kind: String) -> SourceFileRecord {
        precondition(digestAhead == nil, "a reader with a DigestAhead needs the log of fingerprint(path:kind:log:)")
        var log = ProblemLog()
        return fingerprint(path: path, kind: kind, log: &log)
    }
}

/// Holds the running hash; the CSV reader's block observer updates it.
private final class HashBox {
    var hasher = SHA256()
    var byteCount = 0
}

/// How far the ingest has read a file.
public struct IngestProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var totalBytes: Int
}

/// Receives ``IngestProgress`` as files are read.
public typealias IngestProgressHandler = (IngestProgress) -> Void

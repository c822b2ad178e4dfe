import Foundation

/// A streaming CSV reader built on libcsv in strict mode.
///
/// The reader reads the file in 64 KiB blocks and hands libcsv a whole block at a time where the
/// block is well-formed UTF-8 without NUL bytes or carriage returns, else one physical line at a time;
/// either way it knows the line every record starts on. Memory stays bounded by the longest record,
/// whatever the file's size.
///
/// ```swift
/// let reader = try CSVReader(path: "participants.csv")
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// ```
///
/// What it accepts and rejects:
/// - a UTF-8 byte-order mark is skipped; a UTF-16 one is an error, unless UTF-16 is the declared
///   ``CSVEncoding`` (a UTF-16 or Windows-1251 file is converted to UTF-8 as it is read, and its
///   byte-order mark must agree with the declaration);
/// - LF, CRLF and CR line ends, quoted fields with delimiters, doubled quotes and line breaks;
/// - libcsv trims spaces and tabs around unquoted fields; blank lines produce no record;
/// - a quote inside an unquoted field, text after a closing quote, or a quote left open at the end
///   of the file are errors (`CSV_STRICT | CSV_STRICT_FINI`);
/// - NUL bytes are errors, reported with line and column; invalid UTF-8 shows as a field that
///   ``CSVRecord/field(_:)`` cannot decode.
///
/// The file is parsed on a thread of its own, up to a few batches of records ahead of ``next()``, so
/// that parsing overlaps with whatever the caller does with the records. Records, their lines and the
/// error that ends a file arrive in file order, exactly as a parse on the caller's thread gives them.
/// The block observer is called on that thread; all its calls for the blocks read so far have
/// happened when ``next()`` returns `nil` or throws.
///
/// Field counts are not checked here: that is the business of whoever knows the header.
public final class CSVReader {
    /// The path as given, used in error messages.
    public let path: String
    private let queue: RecordQueue
    /// The batch being handed out, and its next record. (Used by one thread at a time, as the class is:
    /// without the runtime's exclusivity checks, a call a record.)
    @exclusivity(unchecked) private var batch = RecordQueue.Batch(records: .empty, end: nil)
    @exclusivity(unchecked) private var index = 0

    /// Opens a CSV file.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - delimiter: the field delimiter, `,` by default.
    ///   - encoding: the file's character encoding, UTF-8 by default.
    ///   - blockObserver: called with every block of raw bytes as it is read (for hashing the file
    ///     in the same pass), before any conversion.
    /// - Throws: ``CSVError`` with reason `unreadable` when the file cannot be opened.
    public convenience init(
        path: String, delimiter: UInt8 = UInt8(ascii: ","), encoding: CSVEncoding = .utf8,
        blockObserver: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) throws(CSVError) {
        try self.init(path: path, delimiter: delimiter, encoding: encoding, blockSize: 1 << 16, blockObserver: blockObserver)
    }

    /// Opens a CSV file, read in blocks of `blockSize` bytes; with `checksEveryLine`, the parse checks
    /// every line for UTF-8, NUL bytes and carriage returns instead of trusting the checks of whole
    /// blocks (the plain path that the tests compare the reader with).
    init(
        path: String, delimiter: UInt8 = UInt8(ascii: ","), encoding: CSVEncoding = .utf8, blockSize: Int,
        checksEveryLine: Bool = false, blockObserver: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) throws(CSVError) {
        self.path = path
        let parser = try RecordParser(
            path: path, delimiter: delimiter, encoding: encoding, blockSize: blockSize,
            checksEveryLine: checksEveryLine, blockObserver: blockObserver)
        queue = RecordQueue(parser)
    }

    deinit {
        queue.stop()
    }

    /// The next record, or `nil` at the end of the file (and after an error).
    /// - Throws: ``CSVError`` for unreadable bytes, bad quoting or NUL bytes; reading ends there.
    public func next() throws(CSVError) -> CSVRecord? {
        while index == batch.records.count {
            switch batch.end {
            case .endOfFile: return nil
            case .failure(let error):
                batch.end = .endOfFile
                throw error
            case nil:
                // The batch's storage goes (to the parser's recycler, once its records are gone too)
                // before the wait for the next batch, as it went with the batch's last record before.
                batch.records = .empty
                batch = queue.take()
                index = 0
            }
        }
        // Made here, on the caller's thread, not on the parser's (see ``RecordBatch``).
        defer { index += 1 }
        return batch.records.record(at: index)
    }
}

/// The records of one file, parsed on a thread of its own and handed over in batches, in order.
///
/// The parser is used only by that thread once the queue has it.
private final class RecordQueue {
    /// Records in file order; the last batch of a file says how it ended.
    struct Batch {
        enum End { case endOfFile, failure(CSVError) }
        var records: RecordBatch
        var end: End?
    }

    /// Records per batch (at least: the records of the last block parsed whole all go with it), and
    /// batches parsed ahead at most (a MiB or so of a typical file).
    static let batchSize = 1_024
    static let depth = 3

    private let queue: ReadAhead<Batch>

    init(_ parser: RecordParser) {
        queue = ReadAhead(depth: Self.depth, name: "CSVReader") { queue in
            while true {
                var batch = Batch(records: .empty, end: nil)
                do throws(CSVError) {
                    if try !parser.parseRecords(atLeast: Self.batchSize) {
                        batch.end = .endOfFile
                    }
                } catch {
                    batch.end = .failure(error)
                }
                batch.records = parser.takeRecords()
                guard queue.put(batch), batch.end == nil else { return }
            }
        }
    }

    /// The next batch, waiting for it if need be (there is one: the last batch of a file ends it).
    func take() -> Batch {
        queue.take()
    }

    /// Tells the parsing thread to stop and waits until it has returned, so that no block observer
    /// is called after the reader is gone.
    func stop() {
        queue.stop()
    }
}

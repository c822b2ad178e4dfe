internal import CLibCSV
import Glibc

/// The libcsv parse behind ``CSVReader``: the project's only use of libcsv's C API.
///
/// It takes the file's blocks from a ``BlockReader`` (64 KiB, each checked whole for UTF-8, NUL bytes
/// and carriage returns) and hands libcsv one physical line at a time, so it knows the line every record
/// starts on; memory stays bounded by the longest record, whatever the file's
/// size. What it accepts and rejects is described at ``CSVReader``.
///
/// Used by one thread at a time: created on the reader's, then parsed on the reading-ahead thread only.
final class RecordParser: @unchecked Sendable {
    /// The path as given, used in error messages.
    let path: String
    // The per-line state is read and written for every line: it is only ever touched by this class's own
    // methods, one at a time, so the runtime's exclusivity checks (a third of the reader's time) are off.
    @exclusivity(unchecked) private var parser = csv_parser()
    /// libcsv's callbacks write the record under way here (a pointer, so that C can reach it).
    private let sink: UnsafeMutablePointer<RecordSink>
    /// The blocks, read and checked a whole block at a time.
    private let blocks: BlockReader
    /// The block being parsed, and the part of it not yet fed to libcsv.
    @exclusivity(unchecked) private var block: BlockReader.Block?
    @exclusivity(unchecked) private var bufferStart = 0
    @exclusivity(unchecked) private var bufferEnd = 0
    @exclusivity(unchecked) private var atEndOfFile = false
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var physicalLine = 1
    @exclusivity(unchecked) private var pendingCarriageReturn = false
    /// Whether the block's lines are checked as they are fed (it breaks UTF-8 somewhere, or every line
    /// is checked: ``checksEveryLine``), and the check of the bytes fed so far; otherwise every byte of
    /// the block is known well-formed and `utf8` holds the check at the block's end.
    @exclusivity(unchecked) private var checksLines = false
    @exclusivity(unchecked) private var utf8 = UTF8StreamCheck()
    private let delimiter: UInt8
    /// The plain path, for the tests: every line is checked for UTF-8, NUL bytes and carriage returns,
    /// whatever the checks of the whole block found.
    private let checksEveryLine: Bool

    /// Opens a CSV file (see ``CSVReader/init(path:delimiter:encoding:blockObserver:)``).
    init(
        path: String, delimiter: UInt8, encoding: CSVEncoding, blockSize: Int = 1 << 16,
        checksEveryLine: Bool = false, blockObserver: ((UnsafeRawBufferPointer) -> Void)?
    ) throws(CSVError) {
        self.path = path
        self.delimiter = delimiter
        self.checksEveryLine = checksEveryLine
        sink = .allocate(capacity: 1)
        sink.initialize(to: RecordSink())
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL)
        guard csv_init(&parser, options) == 0 else {
            sink.pointee.deallocate()
            sink.deinitialize(count: 1)
            sink.deallocate()
            throw CSVError(file: path, line: 0, reason: .parserFailure("csv_init failed"))
        }
        csv_set_delim(&parser, delimiter)
        do {
            blocks = try BlockReader(path: path, encoding: encoding, blockSize: blockSize, blockObserver: blockObserver)
        } catch {
            csv_free(&parser)
            sink.pointee.deallocate()
            sink.deinitialize(count: 1)
            sink.deallocate()
            throw error
        }
    }

    deinit {
        csv_free(&parser)
        sink.pointee.deallocate()
        sink.deinitialize(count: 1)
        sink.deallocate()
    }

    /// Parses the next record and keeps it with the batch under way (see ``takeRecords()``).
    /// - Returns: `false` at the end of the file.
    /// - Throws: ``CSVError`` for unreadable bytes, bad quoting or NUL bytes.
    func parseRecord() throws(CSVError) -> Bool {
        sink.pointee.beginRecord()
        // A line holds at most one record end (a record ends at a line end), so one record at a time.
        while !sink.pointee.isComplete {
            if finished { return false }
            try feedNextLine()
        }
        // The record's bytes have all been checked (it ends at a line end, the last byte fed, or at
        // the end of the file); the fields of a well-formed stream are well-formed (they are cut at
        // ASCII bytes), so only after a failure must each field be checked on its own.
        // A record ends at a line end (an ASCII byte, between characters) or at the end of the file.
        sink.pointee.keepRecord(isValidUTF8: checksLines || finished ? utf8.isWellFormed : true)
        return true
    }

    /// The records parsed since the last call, in file order; they share one copy of their bytes.
    func takeRecords() -> [CSVRecord] {
        sink.pointee.takeRecords()
    }

    /// Feeds libcsv up to and including the next line end (LF, CRLF or a lone CR), or what is left
    /// of the block; finishes the parse at the end of the file.
    private func feedNextLine() throws(CSVError) {
        if bufferStart == bufferEnd {
            if atEndOfFile {
                try finish()
            } else {
                try refill()
            }
            return
        }
        let start = block.unsafelyUnwrapped.buffer.baseAddress.unsafelyUnwrapped + bufferStart
        let available = bufferEnd - bufferStart
        if pendingCarriageReturn {
            // The previous block ended in CR; an LF right after it belongs to the same line end.
            pendingCarriageReturn = false
            if start.load(as: UInt8.self) == UInt8(ascii: "\n") {
                physicalLine -= 1
            }
        }
        var length = available
        var endsLine = false
        if let newline = memchr(start, Int32(UInt8(ascii: "\n")), available) {
            length = start.distance(to: UnsafeMutableRawPointer(newline)) + 1
            endsLine = true
        }
        if checksLines || block.unsafelyUnwrapped.hasCarriageReturn,
           let carriage = memchr(start, Int32(UInt8(ascii: "\r")), length) {
            let offset = start.distance(to: UnsafeMutableRawPointer(carriage))
            if offset + 1 == available {
                pendingCarriageReturn = true
                length = available
                endsLine = true
            } else if start.load(fromByteOffset: offset + 1, as: UInt8.self) != UInt8(ascii: "\n") {
                length = offset + 1
                endsLine = true
            }
        }
        if parser.pstate == 0 && sink.pointee.fieldCount == 0 {
            // No record is under way: the next one starts on this line.
            sink.pointee.recordStartLine = physicalLine
        }
        if checksLines || block.unsafelyUnwrapped.hasNUL, let nul = memchr(start, 0, length) {
            // libcsv parses the bytes before the NUL first: a problem there comes first in the file
            // (whatever the blocks' cuts), and otherwise the fields it ends there give the NUL's column.
            let before = start.distance(to: UnsafeMutableRawPointer(nul))
            if csv_parse(&parser, start, before, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink)) != before {
                try throwParserError()
            }
            throw CSVError(file: path, line: physicalLine, column: sink.pointee.fieldCount + 1, reason: .nulByte)
        }
        if checksLines { utf8.check(UnsafeRawBufferPointer(start: start, count: length)) }
        let consumed = csv_parse(&parser, start, length, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink))
        if consumed != length {
            try throwParserError()
        }
        bufferStart += length
        if endsLine { physicalLine += 1 }
    }

    /// Takes the next block (the last one is done with).
    private func refill() throws(CSVError) {
        let next = blocks.next()
        block = next
        bufferStart = next.start
        bufferEnd = next.end
        switch next.ending {
        case .endOfFile:
            atEndOfFile = true
            return
        case .unreadable(let reason):
            throw CSVError(file: path, line: physicalLine, reason: .unreadable(reason))
        case .refusedMark(let reason):
            throw CSVError(file: path, line: 1, reason: reason)
        case nil:
            break
        }
        if checksEveryLine {
            checksLines = true
        } else {
            checksLines = next.utf8AtEnd.hasFailed
            utf8 = checksLines ? next.utf8AtStart : next.utf8AtEnd
        }
    }

    private func finish() throws(CSVError) {
        finished = true
        if csv_fini(&parser, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink)) != 0 {
            if csv_error(&parser) == CSV_EPARSE {
                throw CSVError(
                    file: path, line: sink.pointee.recordStartLine, column: sink.pointee.fieldCount + 1,
                    reason: .unterminatedQuote(openedAtLine: sink.pointee.recordStartLine))
            }
            try throwParserError()
        }
    }

    private func throwParserError() throws(CSVError) {
        let code = csv_error(&parser)
        if code == CSV_EPARSE {
            throw CSVError(file: path, line: physicalLine, column: sink.pointee.fieldCount + 1, reason: .malformedQuote)
        }
        throw CSVError(
            file: path, line: physicalLine, reason: .parserFailure(String(cString: csv_strerror(code))))
    }
}

/// Collects libcsv's callbacks into the records of a batch; reached from C through a pointer.
///
/// The fields of all the batch's records go into two buffers that grow as needed and are reused from
/// batch to batch, so a field costs one `memcpy` and a store; the finished batch is copied out once,
/// into two arrays that its ``CSVRecord``s share.
private struct RecordSink {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity = 1 << 16
    private var byteCount = 0
    private var ends: UnsafeMutablePointer<Int>
    private var endCapacity = 1 << 10
    private var endCount = 0
    /// Where the record under way starts: its first field in `ends` and its first byte.
    private var recordFirstField = 0
    private var recordFirstByte = 0
    /// The batch's finished records: line, first field and whether its bytes are known well-formed.
    private var records: [(line: Int, firstField: Int, isValidUTF8: Bool)] = []
    var recordStartLine = 1
    /// Whether the record under way has ended (and not been kept yet).
    var isComplete = false

    /// The fields of the record under way so far.
    var fieldCount: Int { endCount - recordFirstField }

    init() {
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    /// Frees the buffers; the sink is not used afterwards.
    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Starts a record, dropping what is left of one that did not end.
    mutating func beginRecord() {
        byteCount = recordFirstByte
        endCount = recordFirstField
        isComplete = false
    }

    mutating func addField(_ field: UnsafeMutableRawPointer?, _ length: Int) {
        if let field, length > 0 {
            if byteCount + length > byteCapacity {
                byteCapacity = max(byteCapacity * 2, byteCount + length)
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: byteCapacity)
                grown.initialize(from: bytes, count: byteCount)
                bytes.deallocate()
                bytes = grown
            }
            (bytes + byteCount).initialize(from: field.assumingMemoryBound(to: UInt8.self), count: length)
            byteCount += length
        }
        if endCount == endCapacity {
            endCapacity *= 2
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: endCapacity)
            grown.initialize(from: ends, count: endCount)
            ends.deallocate()
            ends = grown
        }
        ends[endCount] = byteCount
        endCount += 1
    }

    /// Adds the finished record to the batch, with whether all its fields are known to be well-formed.
    mutating func keepRecord(isValidUTF8: Bool) {
        records.append((recordStartLine, recordFirstField, isValidUTF8))
        recordFirstField = endCount
        recordFirstByte = byteCount
        isComplete = false
    }

    /// The batch's records, sharing one copy of their bytes and field ends; starts a new batch.
    mutating func takeRecords() -> [CSVRecord] {
        let batchBytes = Array(UnsafeBufferPointer(start: bytes, count: recordFirstByte))
        let batchEnds = Array(UnsafeBufferPointer(start: ends, count: recordFirstField))
        var taken: [CSVRecord] = []
        taken.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let next = index + 1 < records.count ? records[index + 1].firstField : recordFirstField
            taken.append(CSVRecord(
                line: record.line, bytes: batchBytes, ends: batchEnds, firstField: record.firstField,
                count: next - record.firstField, isValidUTF8: record.isValidUTF8))
        }
        records.removeAll(keepingCapacity: true)
        byteCount = 0
        endCount = 0
        recordFirstField = 0
        recordFirstByte = 0
        return taken
    }
}

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: RecordSink.self).pointee.addField(field, length)
}

private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: RecordSink.self).pointee.isComplete = true
}

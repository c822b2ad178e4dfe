internal import CLibCSV
import Glibc

/// The libcsv parse behind ``CSVReader``: the project's only use of libcsv's C API.
///
/// It takes the file's blocks from a ``BlockReader`` (64 KiB, each checked whole for UTF-8, NUL bytes
/// and carriage returns) and hands them to libcsv in one of two ways:
/// - a block of well-formed UTF-8 without NUL bytes or carriage returns goes to libcsv in one call,
///   with `CSV_REPALL_NL`: every line feed outside a quoted field then ends a record (an empty one for
///   a blank line), and ``RecordSink`` counts the lines from those ends and the line feeds inside the
///   records' quoted fields. A parse error's line is the record's first line plus the line feeds in its
///   bytes before the error (the finished fields', and the field libcsv holds);
/// - any other block (and every block for ``checksEveryLine``) goes one physical line at a time, as LF,
///   CRLF or a lone CR ends it, so that a line is checked for UTF-8 and NUL bytes before libcsv sees
///   it; so does a block after a carriage return that no record end has followed yet (one inside a
///   quoted field of the record under way: the line ends the sink counts are line feeds).
///
/// Both ways give the same records, lines, columns and errors (libcsv's callbacks do not depend on how
/// its input is cut); `CSVBlockCheckTests` compare them on random files cut into blocks of every small
/// size. Memory stays bounded by the longest record and the batch, whatever the file's size. What it
/// accepts and rejects is described at ``CSVReader``.
///
/// Used by one thread at a time: created on the reader's, then parsed on the reading-ahead thread only.
final class RecordParser: @unchecked Sendable {
    /// The path as given, used in error messages.
    let path: String
    /// libcsv's state, where the sink can reach it too: the field libcsv gathers lies in the batch's
    /// storage (see ``RecordSink``).
    private let parser: UnsafeMutablePointer<csv_parser>
    // The per-line state is read and written for every line: it is only ever touched by this class's own
    // methods, one at a time, so the runtime's exclusivity checks (a third of the reader's time) are off.
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
    /// Whether the rest of the block goes to libcsv in one call (see the type's description).
    @exclusivity(unchecked) private var parsesWholeBlock = false
    /// Whether the sink counts the lines (since the last whole block): `physicalLine` is then behind,
    /// until ``catchUpPhysicalLine()``.
    @exclusivity(unchecked) private var sinkCountsLines = false
    /// Whether a carriage return was fed since the last record ended (one inside a quoted field of the
    /// record under way, or a blank line's): the sink's line counts would miss it.
    @exclusivity(unchecked) private var carriageReturnSinceRecordEnd = false
    private let delimiter: UInt8
    /// libcsv's options for a parse a line at a time (a whole block adds `CSV_REPALL_NL`).
    private let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL)
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
        parser = .allocate(capacity: 1)
        parser.initialize(to: csv_parser())
        guard csv_init(parser, options) == 0 else {
            parser.deallocate()
            throw CSVError(file: path, line: 0, reason: .parserFailure("csv_init failed"))
        }
        csv_set_delim(parser, delimiter)
        // libcsv's field buffer is the batch's storage, with room for every byte a parse call can add
        // (``RecordSink/reserve(inputBytes:heldBytes:)``): libcsv never grows it itself.
        csv_set_realloc_func(parser) { _, _ in fatalError("libcsv's field buffer grown: the sink reserves its room") }
        sink = .allocate(capacity: 1)
        sink.initialize(to: RecordSink(parser: parser))
        do {
            blocks = try BlockReader(path: path, encoding: encoding, blockSize: blockSize, blockObserver: blockObserver)
        } catch {
            Self.free(parser, sink)
            throw error
        }
    }

    deinit {
        Self.free(parser, sink)
    }

    /// Frees libcsv's state (its field buffer is the sink's, so libcsv must not free it) and the sink.
    private static func free(_ parser: UnsafeMutablePointer<csv_parser>, _ sink: UnsafeMutablePointer<RecordSink>) {
        parser.pointee.entry_buf = nil
        csv_free(parser)
        parser.deallocate()
        sink.deinitialize(count: 1)
        sink.deallocate()
    }

    /// Parses records and keeps them with the batch under way (see ``takeRecords()``) until it holds
    /// at least `count` records (a whole block's may take it beyond) or the file ends.
    /// - Returns: `false` when the file has ended.
    /// - Throws: ``CSVError`` for unreadable bytes, bad quoting or NUL bytes; the records before the
    ///   error stay with the batch.
    func parseRecords(atLeast count: Int) throws(CSVError) -> Bool {
        while sink.pointee.recordCount < count {
            if bufferStart < bufferEnd {
                if parsesWholeBlock {
                    try feedRestOfBlock()
                } else {
                    try feedNextLine()
                }
            } else if finished {
                return false
            } else if atEndOfFile {
                try finish()
            } else {
                try refill()
            }
        }
        return true
    }

    /// The records parsed since the last call, in file order; they share one copy of their bytes.
    func takeRecords() -> RecordBatch {
        sink.pointee.takeRecords()
    }

    /// Feeds libcsv the rest of a block of well-formed UTF-8 without NUL bytes or carriage returns in
    /// one call; the sink keeps the records it ends and counts their lines.
    private func feedRestOfBlock() throws(CSVError) {
        let start = block.unsafelyUnwrapped.buffer.baseAddress.unsafelyUnwrapped + bufferStart
        let length = bufferEnd - bufferStart
        if !sinkCountsLines && parser.pointee.pstate == 0 && sink.pointee.fieldCount == 0 {
            // No record is under way: the next one starts on the line the block starts on.
            sink.pointee.recordStartLine = physicalLine
        }
        sinkCountsLines = true
        sink.pointee.reserve(inputBytes: length, heldBytes: fieldUnderWay.count)
        parser.pointee.options = options | UInt8(CSV_REPALL_NL)
        let firstRecord = sink.pointee.recordCount
        let consumed = csv_parse(parser, start, length, fieldCallback, blockRecordCallback, UnsafeMutableRawPointer(sink))
        parser.pointee.options = options
        sink.pointee.countLineFeeds(inRecordsFrom: firstRecord)
        bufferStart = bufferEnd
        if consumed != length {
            try throwParserError()
        }
    }

    /// Brings `physicalLine` up to the line libcsv has reached, after whole blocks: the line the record
    /// under way starts on (or the next record) plus the line feeds in its bytes so far, which are all
    /// inside its quoted fields (the finished fields' and the one libcsv holds).
    ///
    /// - Complexity: O(*n*) in the bytes of the record under way: it runs once when the parse goes
    ///   from whole blocks to lines (a block with a carriage return makes the rest of the record go
    ///   line by line) and at an error.
    private func catchUpPhysicalLine() {
        guard sinkCountsLines else { return }
        sinkCountsLines = false
        physicalLine = sink.pointee.recordStartLine + sink.pointee.lineFeedsInRecordUnderWay
            + lineFeeds(in: fieldUnderWay)
    }

    /// Feeds libcsv up to and including the next line end (LF, CRLF or a lone CR), or what is left
    /// of the block, and keeps the record it ends, if any.
    private func feedNextLine() throws(CSVError) {
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
            carriageReturnSinceRecordEnd = true
        }
        if parser.pointee.pstate == 0 && sink.pointee.fieldCount == 0 {
            // No record is under way: the next one starts on this line.
            sink.pointee.recordStartLine = physicalLine
        }
        sink.pointee.reserve(inputBytes: length, heldBytes: fieldUnderWay.count)
        if checksLines || block.unsafelyUnwrapped.hasNUL, let nul = memchr(start, 0, length) {
            // libcsv parses the bytes before the NUL first: a problem there comes first in the file
            // (whatever the blocks' cuts), and otherwise the fields it ends there give the NUL's column.
            let before = start.distance(to: UnsafeMutableRawPointer(nul))
            if csv_parse(parser, start, before, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink)) != before {
                try throwParserError()
            }
            throw CSVError(file: path, line: physicalLine, column: sink.pointee.fieldCount + 1, reason: .nulByte)
        }
        if checksLines { utf8.check(UnsafeRawBufferPointer(start: start, count: length)) }
        let consumed = csv_parse(parser, start, length, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink))
        if consumed != length {
            try throwParserError()
        }
        bufferStart += length
        if endsLine { physicalLine += 1 }
        if sink.pointee.isComplete {
            // A line holds at most one record end (a record ends at a line end). The record's bytes
            // have all been checked: the fields of a well-formed stream are well-formed (they are cut
            // at ASCII bytes), so only after a failure must each field be checked on its own.
            sink.pointee.keepRecord(isValidUTF8: checksLines ? utf8.isWellFormed : true)
        }
        if parser.pointee.pstate == 0 && sink.pointee.fieldCount == 0 {
            carriageReturnSinceRecordEnd = false
        }
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
            catchUpPhysicalLine()
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
        // The line ends the sink counts are line feeds: the record under way goes on line by line
        // after a carriage return.
        parsesWholeBlock = !checksLines && !next.hasNUL && !next.hasCarriageReturn && !pendingCarriageReturn
            && !carriageReturnSinceRecordEnd
        if !parsesWholeBlock { catchUpPhysicalLine() }
    }

    /// The bytes of the field libcsv holds (of the record under way; trimmed spaces and a closing quote
    /// among them).
    private var fieldUnderWay: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_buf == nil ? 0 : parser.pointee.entry_pos)
    }

    /// Ends the parse at the end of the file and keeps the last record, if it had no line end.
    private func finish() throws(CSVError) {
        finished = true
        sink.pointee.reserve(inputBytes: 0, heldBytes: fieldUnderWay.count)
        if csv_fini(parser, fieldCallback, recordCallback, UnsafeMutableRawPointer(sink)) != 0 {
            if csv_error(parser) == CSV_EPARSE {
                throw CSVError(
                    file: path, line: sink.pointee.recordStartLine, column: sink.pointee.fieldCount + 1,
                    reason: .unterminatedQuote(openedAtLine: sink.pointee.recordStartLine))
            }
            try throwParserError()
        }
        if sink.pointee.isComplete {
            // The last byte may end inside a character.
            sink.pointee.keepRecord(isValidUTF8: utf8.isWellFormed)
        }
    }

    private func throwParserError() throws(CSVError) {
        catchUpPhysicalLine()
        let code = csv_error(parser)
        if code == CSV_EPARSE {
            throw CSVError(file: path, line: physicalLine, column: sink.pointee.fieldCount + 1, reason: .malformedQuote)
        }
        throw CSVError(
            file: path, line: physicalLine, reason: .parserFailure(String(cString: csv_strerror(code))))
    }
}

@inline(__always)
private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: RecordSink.self).pointee.addField(field, length)
}

@inline(__always)
private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: RecordSink.self).pointee.isComplete = true
}

/// The record callback of a whole block's parse: libcsv reports every line end (`CSV_REPALL_NL`).
@inline(__always)
private func blockRecordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: RecordSink.self).pointee.endRecordOfBlock()
}

internal import CLibCSV
import Glibc

/// Collects libcsv's callbacks into the records of a batch; reached from C through a pointer
/// (``RecordParser``).
///
/// The fields of all the batch's records go into the two buffers of a ``RecordBatchStorage``, which
/// grow as needed; the finished batch's records share that storage, handed over whole, and the next
/// batch starts in a new one (in the buffers of a batch that is gone, when one is:
/// ``BatchBufferRecycler``). libcsv gathers each field in place: its field buffer (`entry_buf`, which
/// it reads anew for every byte) is the storage's free room, right after the fields so far, so a field
/// it reports is in the storage already and costs only its end; the sink then moves libcsv's buffer
/// past it. The room is made before each parse call for every byte the call can add
/// (``reserve(inputBytes:heldBytes:)``), so libcsv never grows its buffer itself; the bytes of the
/// field under way (`entry_pos` of them) move with the storage when it grows or the batch is taken.
///
/// The sink also keeps the line a record starts on (``recordStartLine``). Where libcsv is fed a line at
/// a time, the parser sets it at each line that no record is under way on. Where libcsv is fed a whole
/// block (``endRecordOfBlock()``), the sink counts the lines itself: libcsv then reports every line end
/// outside a quoted field (`CSV_REPALL_NL`, blank lines as records without fields), and the line ends
/// inside a record's quoted fields are the line feeds among its bytes, added after each parse call
/// (``countLineFeeds(inRecordsFrom:)``).
struct RecordSink {
    /// libcsv's state: its field buffer is kept at `bytes + byteCount`, with `byteCapacity - byteCount`
    /// bytes of room.
    private let parser: UnsafeMutablePointer<csv_parser>
    /// The buffers of the file's batches that are gone, for the batches to come.
    private let recycler = BatchBufferRecycler()
    /// The batch's storage, and its buffers (kept here too: the callbacks use them for every field).
    private var storage: RecordBatchStorage
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity: Int
    private var byteCount = 0
    private var ends: UnsafeMutablePointer<Int>
    private var endCapacity: Int
    private var endCount = 0
    /// Where the record under way starts: its first field in `ends` and its first byte.
    private var recordFirstField = 0
    private var recordFirstByte = 0
    /// The batch's finished records: line, first field and whether its bytes are known well-formed.
    private var records: [RecordBatch.Entry] = []
    /// The physical line the record under way starts on, or the next record when none is under way.
    var recordStartLine = 1
    /// Whether the record under way has ended (and not been kept yet), when libcsv is fed line by line.
    var isComplete = false

    /// The fields of the record under way so far.
    var fieldCount: Int { endCount - recordFirstField }

    /// The records kept for the batch under way.
    var recordCount: Int { records.count }

    /// A sink for the parse `parser` (initialised, before its first parse call), whose field buffer it
    /// becomes.
    init(parser: UnsafeMutablePointer<csv_parser>) {
        self.parser = parser
        storage = RecordBatchStorage(byteCapacity: 1 << 16, endCapacity: 1 << 10, recycler: recycler)
        bytes = storage.bytes
        byteCapacity = storage.byteCapacity
        ends = storage.ends
        endCapacity = storage.endCapacity
        placeFieldBuffer()
    }

    /// Points libcsv's field buffer at the room after the fields so far.
    @inline(__always)
    private func placeFieldBuffer() {
        parser.pointee.entry_buf = bytes + byteCount
        parser.pointee.entry_size = byteCapacity - byteCount
    }

    /// Makes room for the bytes libcsv can write while it parses `inputBytes` more bytes, holding
    /// `heldBytes` of a field under way: at most that many in all (each input byte adds at most one
    /// to a field, and a finished field leaves libcsv's buffer no further on than the bytes it read).
    /// libcsv grows its buffer when it is full before a byte, so with this room it never does.
    mutating func reserve(inputBytes: Int, heldBytes: Int) {
        assert(heldBytes == parser.pointee.entry_pos, "the field under way is libcsv's")
        if byteCount + inputBytes + heldBytes + 1 > byteCapacity {
            storage.growBytes(to: byteCount + inputBytes + heldBytes + 1, keeping: byteCount + heldBytes)
            bytes = storage.bytes
            byteCapacity = storage.byteCapacity
            placeFieldBuffer()
        }
    }

    /// Adds a field that libcsv reports: gathered in place (`field` is libcsv's buffer, `nil` for an
    /// empty unquoted field), so its bytes are kept by moving libcsv's buffer past them.
    @inline(__always)
    mutating func addField(_ field: UnsafeMutableRawPointer?, _ length: Int) {
        assert(field == nil || UnsafeMutableRawPointer(bytes + byteCount) == field, "the field is where libcsv's buffer is")
        byteCount += length
        parser.pointee.entry_buf += length
        parser.pointee.entry_size -= length
        if endCount == endCapacity { growEnds() }
        ends[endCount] = byteCount
        endCount += 1
    }

    @inline(never)
    private mutating func growEnds() {
        storage.growEnds(to: endCount + 1, keeping: endCount)
        ends = storage.ends
        endCapacity = storage.endCapacity
    }

    /// Adds the finished record to the batch, with whether all its fields are known to be well-formed.
    mutating func keepRecord(isValidUTF8: Bool) {
        records.append((recordStartLine, recordFirstField, isValidUTF8))
        recordFirstField = endCount
        recordFirstByte = byteCount
        isComplete = false
    }

    /// Ends a record at a line feed that libcsv reported while parsing a whole block of well-formed
    /// UTF-8 without carriage returns: a line without fields is a blank line, else the record is kept
    /// (well-formed: it ends at an ASCII byte of a well-formed stream). Each record end counts one
    /// line here; the line feeds inside the records' quoted fields are added once the parse call has
    /// returned (``countLineFeeds(inRecordsFrom:)``).
    mutating func endRecordOfBlock() {
        if endCount != recordFirstField { keepRecord(isValidUTF8: true) }
        recordStartLine += 1
    }

    /// Adds the line feeds inside the quoted fields of the records kept from `first` on, in one whole
    /// block's parse call, to their lines and to the next record's (``endRecordOfBlock()`` counted
    /// one line a record end). The records' bytes lie one after the other: one search over them all
    /// finds none, as a rule; if it finds some, each record's are counted.
    ///
    /// Counted a record at a time as each record ended, the search read the bytes libcsv had stored a
    /// moment before, and waited for those stores (a twelfth of the parse thread's time at M); after
    /// the call, they are in the cache.
    mutating func countLineFeeds(inRecordsFrom first: Int) {
        guard first < records.count else { return }
        let start = firstByte(ofRecordAt: first)
        guard memchr(bytes + start, Int32(UInt8(ascii: "\n")), recordFirstByte - start) != nil else { return }
        var added = 0
        var recordStart = start
        for index in first..<records.count {
            records[index].line += added
            let recordEnd = index + 1 < records.count ? firstByte(ofRecordAt: index + 1) : recordFirstByte
            added += lineFeeds(in: UnsafeRawBufferPointer(start: bytes + recordStart, count: recordEnd - recordStart))
            recordStart = recordEnd
        }
        recordStartLine += added
    }

    /// Where the bytes of kept record `index` start in the storage (right after the record before's).
    private func firstByte(ofRecordAt index: Int) -> Int {
        let field = records[index].firstField
        return field == 0 ? 0 : ends[field - 1]
    }

    /// The line feeds among the bytes of the record under way's finished fields.
    /// - Complexity: O(*n*) in those bytes.
    var lineFeedsInRecordUnderWay: Int {
        lineFeeds(in: UnsafeRawBufferPointer(start: bytes + recordFirstByte, count: byteCount - recordFirstByte))
    }

    /// The batch's records, sharing its storage, in file order; starts a new batch, in a new storage.
    /// (The records themselves are made by the thread that takes them: ``RecordBatch``.)
    mutating func takeRecords() -> RecordBatch {
        let batch = RecordBatch(storage: storage, entries: records, fieldEnd: recordFirstField)
        records = []
        records.reserveCapacity(batch.entries.capacity)
        storage = RecordBatchStorage(byteCapacity: byteCapacity, endCapacity: endCapacity, recycler: recycler)
        // The record under way, if any (libcsv reports a field at a time), moves to the new storage, and
        // so does the field libcsv holds.
        let carriedBytes = byteCount - recordFirstByte
        let carriedFields = endCount - recordFirstField
        storage.bytes.initialize(from: bytes + recordFirstByte, count: carriedBytes + parser.pointee.entry_pos)
        for field in 0..<carriedFields {
            storage.ends[field] = ends[recordFirstField + field] - recordFirstByte
        }
        bytes = storage.bytes
        ends = storage.ends
        byteCapacity = storage.byteCapacity
        endCapacity = storage.endCapacity
        byteCount = carriedBytes
        endCount = carriedFields
        recordFirstField = 0
        recordFirstByte = 0
        placeFieldBuffer()
        return batch
    }
}

/// The number of line feeds in `text`.
func lineFeeds(in text: UnsafeRawBufferPointer) -> Int {
    guard var start = text.baseAddress else { return 0 }
    var remaining = text.count
    var count = 0
    while remaining > 0, let found = memchr(start, Int32(UInt8(ascii: "\n")), remaining) {
        count += 1
        let next = UnsafeRawPointer(found) + 1
        remaining -= start.distance(to: next)
        start = next
    }
    return count
}

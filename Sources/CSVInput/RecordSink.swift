import Glibc

/// Collects libcsv's callbacks into the records of a batch; reached from C through a pointer
/// (``RecordParser``).
///
/// The fields of all the batch's records go into the two buffers of a ``RecordBatchStorage``, which
/// grow as needed, so a field costs a copy and a store; the finished batch's records share that
/// storage, handed over whole, and the next batch starts in a new one (in the buffers of a batch that
/// is gone, when one is: ``BatchBufferRecycler``).
///
/// The sink also keeps the line a record starts on (``recordStartLine``). Where libcsv is fed a line at
/// a time, the parser sets it at each line that no record is under way on. Where libcsv is fed a whole
/// block (``endRecordOfBlock()``), the sink counts the lines itself: libcsv then reports every line end
/// outside a quoted field (`CSV_REPALL_NL`, blank lines as records without fields), and the line ends
/// inside a record's quoted fields are the line feeds among its bytes.
struct RecordSink {
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
    private var records: [(line: Int, firstField: Int, isValidUTF8: Bool)] = []
    /// The physical line the record under way starts on, or the next record when none is under way.
    var recordStartLine = 1
    /// Whether the record under way has ended (and not been kept yet), when libcsv is fed line by line.
    var isComplete = false

    /// The fields of the record under way so far.
    var fieldCount: Int { endCount - recordFirstField }

    /// The records kept for the batch under way.
    var recordCount: Int { records.count }

    init() {
        storage = RecordBatchStorage(byteCapacity: 1 << 16, endCapacity: 1 << 10, recycler: recycler)
        bytes = storage.bytes
        byteCapacity = storage.byteCapacity
        ends = storage.ends
        endCapacity = storage.endCapacity
    }

    /// Makes room for the bytes libcsv can report while it parses `inputBytes` more bytes, holding
    /// `heldBytes` of a field under way: at most that many in all (each input byte adds at most one
    /// to a field).
    mutating func reserve(inputBytes: Int, heldBytes: Int) {
        if byteCount + inputBytes + heldBytes > byteCapacity {
            storage.growBytes(to: byteCount + inputBytes + heldBytes, keeping: byteCount)
            bytes = storage.bytes
            byteCapacity = storage.byteCapacity
        }
    }

    /// Adds a field that libcsv reports; its bytes fit in the room ``reserve(inputBytes:heldBytes:)``
    /// made.
    @inline(__always)
    mutating func addField(_ field: UnsafeMutableRawPointer?, _ length: Int) {
        assert(byteCount + length <= byteCapacity, "room reserved for the field")
        if let field {
            copyField(from: UnsafeRawPointer(field), count: length, to: UnsafeMutableRawPointer(bytes + byteCount))
            byteCount += length
        }
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
    /// (well-formed: it ends at an ASCII byte of a well-formed stream), and the next starts after the
    /// line feeds inside its quoted fields and the one that ended it.
    mutating func endRecordOfBlock() {
        if endCount == recordFirstField {
            recordStartLine += 1
            return
        }
        let lines = lineFeedsInRecordUnderWay
        keepRecord(isValidUTF8: true)
        recordStartLine += lines + 1
    }

    /// The line feeds among the bytes of the record under way's finished fields.
    /// - Complexity: O(*n*) in those bytes.
    var lineFeedsInRecordUnderWay: Int {
        lineFeeds(in: UnsafeRawBufferPointer(start: bytes + recordFirstByte, count: byteCount - recordFirstByte))
    }

    /// The batch's records, sharing its storage; starts a new batch, in a new storage.
    mutating func takeRecords() -> [CSVRecord] {
        let batch = storage
        var taken: [CSVRecord] = []
        taken.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let next = index + 1 < records.count ? records[index + 1].firstField : recordFirstField
            taken.append(CSVRecord(
                line: record.line, storage: batch, firstField: record.firstField,
                count: next - record.firstField, isValidUTF8: record.isValidUTF8))
        }
        records.removeAll(keepingCapacity: true)
        storage = RecordBatchStorage(byteCapacity: byteCapacity, endCapacity: endCapacity, recycler: recycler)
        // The record under way, if any (libcsv reports a field at a time), moves to the new storage.
        let carriedBytes = byteCount - recordFirstByte
        let carriedFields = endCount - recordFirstField
        storage.bytes.initialize(from: bytes + recordFirstByte, count: carriedBytes)
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
        return taken
    }
}

/// Copies a field's `count` bytes: most fields are short (ids, codes, numbers), and a call of `memcpy`
/// costs more than the copy, so up to 16 bytes are copied here with loads and stores that may overlap.
@inline(__always)
private func copyField(from source: UnsafeRawPointer, count: Int, to destination: UnsafeMutableRawPointer) {
    if count > 16 {
        destination.copyMemory(from: source, byteCount: count)
    } else if count >= 8 {
        let head = source.loadUnaligned(as: UInt64.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        destination.storeBytes(of: head, as: UInt64.self)
        destination.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    } else if count >= 4 {
        let head = source.loadUnaligned(as: UInt32.self)
        let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        destination.storeBytes(of: head, as: UInt32.self)
        destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    } else {
        for offset in 0..<count {
            destination.storeBytes(of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
        }
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

import Glibc

/// Collects libcsv's callbacks into the records of a batch; reached from C through a pointer
/// (``RecordParser``).
///
/// The fields of all the batch's records go into two buffers that grow as needed and are reused from
/// batch to batch, so a field costs one `memcpy` and a store; the finished batch is copied out once,
/// into two arrays that its ``CSVRecord``s share.
///
/// The sink also keeps the line a record starts on (``recordStartLine``). Where libcsv is fed a line at
/// a time, the parser sets it at each line that no record is under way on. Where libcsv is fed a whole
/// block (``endRecordOfBlock()``), the sink counts the lines itself: libcsv then reports every line end
/// outside a quoted field (`CSV_REPALL_NL`, blank lines as records without fields), and the line ends
/// inside a record's quoted fields are the line feeds among its bytes.
struct RecordSink {
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
    /// The physical line the record under way starts on, or the next record when none is under way.
    var recordStartLine = 1
    /// Whether the record under way has ended (and not been kept yet), when libcsv is fed line by line.
    var isComplete = false

    /// The fields of the record under way so far.
    var fieldCount: Int { endCount - recordFirstField }

    /// The records kept for the batch under way.
    var recordCount: Int { records.count }

    init() {
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    /// Frees the buffers; the sink is not used afterwards.
    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
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
        // The record under way, if any (libcsv reports a field at a time), moves to the buffers' start.
        let carriedBytes = byteCount - recordFirstByte
        let carriedFields = endCount - recordFirstField
        memmove(bytes, bytes + recordFirstByte, carriedBytes)
        for field in 0..<carriedFields {
            ends[field] = ends[recordFirstField + field] - recordFirstByte
        }
        byteCount = carriedBytes
        endCount = carriedFields
        recordFirstField = 0
        recordFirstByte = 0
        return taken
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

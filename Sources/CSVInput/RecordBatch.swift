/// The records of one batch as the parser hands them over: the storage they share, and each record's
/// line, first field and whether its bytes are known well-formed, in file order. ``CSVReader`` makes
/// each ``CSVRecord`` as it hands it out, on the thread that asks for it.
///
/// The parser's thread thus only appends each record's place: made there, each record was a retain of
/// the storage on the parser's thread, about 60 ns each at M (the storage's count is one the checking
/// and inserting threads change too), a sixteenth of that thread's time (docs/benchmark.md, "CSV
/// reader's thread: records made by the taker").
struct RecordBatch: Sendable {
    typealias Entry = (line: Int, firstField: Int, isValidUTF8: Bool)

    /// The bytes and field ends of the batch's records.
    let storage: RecordBatchStorage
    /// The records, in file order.
    let entries: [Entry]
    /// The end of the last record's fields in `storage` (where the record under way started, which
    /// moved on to the next batch).
    let fieldEnd: Int

    /// A batch without records.
    static let empty = RecordBatch(storage: RecordBatchStorage(byteCapacity: 0, endCapacity: 0), entries: [], fieldEnd: 0)

    /// The number of records.
    var count: Int { entries.count }

    /// The record at `index` (0-based, in file order).
    @inline(__always)
    func record(at index: Int) -> CSVRecord {
        let entry = entries[index]
        let end = index + 1 < entries.count ? entries[index + 1].firstField : fieldEnd
        return CSVRecord(
            line: entry.line, storage: storage, firstField: entry.firstField, count: end - entry.firstField,
            isValidUTF8: entry.isValidUTF8)
    }
}

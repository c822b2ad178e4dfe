/// Code applications gathered to be stored with one multi-row `INSERT` (``StoreTransaction/insert(_:)``):
/// SQLite's work for a statement (opening the table's cursor, starting and halting its program) is paid
/// once for up to ``capacity`` rows instead of once a row. The fields' bytes are copied into one buffer,
/// so that the rows' records need not outlive the call that adds them.
public struct SegmentBatch {
    /// The most rows one statement stores.
    public static let capacity = 16

    struct Row {
        var participantID: Range<Int>
        var code: Range<Int>
        var coder: Range<Int>
        var segmentID: Range<Int>
        var document: Range<Int>?
        var excerpt: Range<Int>?
        var language: Range<Int>?
        var start: Int?
        var end: Int?
        var line: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var rows: [Row] = []

    public init() {
        rows.reserveCapacity(Self.capacity)
    }

    public var count: Int { rows.count }
    public var isEmpty: Bool { rows.isEmpty }
    public var isFull: Bool { rows.count == Self.capacity }

    /// Adds a code application given as the UTF-8 bytes of its fields (`nil`: NULL): the fields of
    /// `segments.csv`'s rows, with no `String` built for each.
    public mutating func append(
        participantID: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer,
        segmentID: UnsafeRawBufferPointer, document: UnsafeRawBufferPointer?, start: Int?, end: Int?,
        excerpt: UnsafeRawBufferPointer?, language: UnsafeRawBufferPointer?, line: Int
    ) {
        precondition(!isFull, "a batch holds at most \(Self.capacity) rows")
        func copy(_ field: UnsafeRawBufferPointer) -> Range<Int> {
            let first = bytes.count
            bytes.append(contentsOf: field)
            return first..<bytes.count
        }
        rows.append(Row(
            participantID: copy(participantID), code: copy(code), coder: copy(coder), segmentID: copy(segmentID),
            document: document.map(copy), excerpt: excerpt.map(copy), language: language.map(copy), start: start, end: end,
            line: line))
    }

    /// Empties the batch, keeping its room.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
    }

    /// The line of the `index`-th row.
    public func line(of index: Int) -> Int { rows[index].line }

    /// The code and the coder of the `index`-th row, as text (for a message).
    public func codeAndCoder(of index: Int) -> (code: String, coder: String) {
        (String(decoding: bytes[rows[index].code], as: UTF8.self), String(decoding: bytes[rows[index].coder], as: UTF8.self))
    }

    /// The key of the `index`-th row (participant, code, coder, segment), byte for byte.
    func key(of index: Int) -> [[UInt8]] {
        let row = rows[index]
        return [row.participantID, row.code, row.coder, row.segmentID].map { Array(bytes[$0]) }
    }
}

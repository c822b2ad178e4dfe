/// One record of a CSV file: its fields and the line it starts on.
///
/// Fields are kept as UTF-8 bytes; ``field(_:)`` decodes one on demand, so a reader that only looks
/// at some columns pays for those alone.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line on which the record starts.
    public var line: Int
    /// The bytes of all fields of the records of one batch, one after the other (the batch's records
    /// share this array: one allocation per batch instead of two per record).
    @usableFromInline var bytes: [UInt8]
    /// `ends[i]` is the end offset in `bytes` of the batch's field `i`.
    @usableFromInline var ends: [Int]
    /// The record's first field in `ends`.
    private var firstField: Int
    /// The number of fields.
    public let count: Int

    /// Whether every field is known to be well-formed UTF-8 (the parser checks the file as it reads).
    let isValidUTF8: Bool

    init(line: Int, bytes: [UInt8], ends: [Int], firstField: Int, count: Int, isValidUTF8: Bool) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.firstField = firstField
        self.count = count
        self.isValidUTF8 = isValidUTF8
    }

    /// Records are equal when their lines and fields' bytes are (whatever batch holds them).
    public static func == (lhs: CSVRecord, rhs: CSVRecord) -> Bool {
        lhs.line == rhs.line && lhs.count == rhs.count && lhs.isValidUTF8 == rhs.isValidUTF8
            && (0..<lhs.count).allSatisfy { lhs.bytes(at: $0) == rhs.bytes(at: $0) }
    }

    /// The raw bytes of field `index` (0-based).
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        bytes[range(at: index)]
    }

    /// Field `index` (0-based) decoded as UTF-8, or `nil` when its bytes are not valid UTF-8.
    public func field(_ index: Int) -> String? {
        // Validated once (by the parser, with the whole file, or else here), then copied without a second
        // check; `String(validating:)` over a slice goes through an unspecialised generic path that cost
        // ingest more than libcsv's parse.
        let field = bytes.span.extracting(range(at: index))
        if isValidUTF8 { return String(copying: UTF8Span(unchecked: field)) }
        guard let text = try? UTF8Span(validating: field) else { return nil }
        return String(copying: text)
    }

    /// Calls `body` with the record's fields as raw bytes, which are valid only during the call.
    public func withUnsafeFields<Result>(_ body: (CSVFields) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { raw in try body(CSVFields(record: self, base: raw.baseAddress)) }
    }

    func range(at index: Int) -> Range<Int> {
        precondition(index >= 0 && index < count, "field index out of range")
        let field = firstField + index
        return (field == 0 ? 0 : ends[field - 1])..<ends[field]
    }

    /// All fields decoded as UTF-8 (invalid bytes replaced by U+FFFD); meant for tests and messages.
    public var fields: [String] {
        (0..<count).map { String(decoding: bytes(at: $0), as: UTF8.self) }
    }
}

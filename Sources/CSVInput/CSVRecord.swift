/// One record of a CSV file: its fields and the line it starts on.
///
/// Fields are kept as UTF-8 bytes; ``field(_:)`` decodes one on demand, so a reader that only looks
/// at some columns pays for those alone.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line on which the record starts.
    public var line: Int
    /// The bytes and field ends of the records of one batch (the batch's records share it: one
    /// allocation per batch, filled by the parser and handed over without a copy).
    @usableFromInline let storage: RecordBatchStorage
    /// The record's first field in the batch.
    @usableFromInline let firstField: Int
    /// The number of fields.
    public let count: Int

    /// Whether every field is known to be well-formed UTF-8 (the parser checks the file as it reads).
    @usableFromInline let isValidUTF8: Bool

    init(line: Int, storage: RecordBatchStorage, firstField: Int, count: Int, isValidUTF8: Bool) {
        self.line = line
        self.storage = storage
        self.firstField = firstField
        self.count = count
        self.isValidUTF8 = isValidUTF8
    }

    /// Records are equal when their lines and fields' bytes are (whatever batch holds them).
    public static func == (lhs: CSVRecord, rhs: CSVRecord) -> Bool {
        lhs.line == rhs.line && lhs.count == rhs.count && lhs.isValidUTF8 == rhs.isValidUTF8
            && (0..<lhs.count).allSatisfy { lhs.bytes(at: $0) == rhs.bytes(at: $0) }
    }

    /// The raw bytes of field `index` (0-based), copied.
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        withExtendedLifetime(storage) { ArraySlice(buffer(at: index)) }
    }

    /// Field `index` (0-based) decoded as UTF-8, or `nil` when its bytes are not valid UTF-8.
    public func field(_ index: Int) -> String? {
        // Validated once (by the parser, with the whole file, or else here), then copied without a second
        // check; `String(validating:)` over a slice goes through an unspecialised generic path that cost
        // ingest more than libcsv's parse.
        withExtendedLifetime(storage) {
            let field = buffer(at: index).span
            if isValidUTF8 { return String(copying: UTF8Span(unchecked: field)) }
            guard let text = try? UTF8Span(validating: field) else { return nil }
            return String(copying: text)
        }
    }

    /// Calls `body` with the record's fields as raw bytes, which are valid only during the call.
    /// (Inlinable, with ``CSVFields``' accessors: a call into this module per record and field, through
    /// an unspecialised generic, cost the ingest more than the fields' reads themselves.)
    @inlinable
    public func withUnsafeFields<Result>(_ body: (CSVFields) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(storage) {
            try body(CSVFields(
                bytes: UnsafeRawPointer(storage.bytes), ends: UnsafePointer(storage.ends), firstField: firstField, count: count,
                isWellFormed: isValidUTF8))
        }
    }

    /// The object whose life keeps the bytes ``withUnsafeFields(_:)`` gives where they are, unchanged
    /// (the storage the record's batch shares: written only before the batch is handed over): a caller
    /// that keeps it may use those bytes after the call.
    @inlinable
    public var bytesOwner: AnyObject { storage }

    /// The bytes of field `index` (0-based), valid while `storage` is.
    private func buffer(at index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "field index out of range")
        return storage.field(firstField + index)
    }

    /// All fields decoded as UTF-8 (invalid bytes replaced by U+FFFD); meant for tests and messages.
    public var fields: [String] {
        (0..<count).map { String(decoding: bytes(at: $0), as: UTF8.self) }
    }
}

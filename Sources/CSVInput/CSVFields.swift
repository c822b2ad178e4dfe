/// The fields of one ``CSVRecord`` as raw UTF-8 bytes, for a caller that stores or compares them
/// without building a `String` for each (see ``CSVRecord/withUnsafeFields(_:)``).
///
/// The buffers point into the record's storage and are valid only inside the closure that received
/// this value. The value holds the storage's addresses itself and its accessors are inlinable, so that
/// a field's bytes cost the caller two loads, not a call into this module (the ingest reads nine fields
/// of every row of `segments.csv`).
public struct CSVFields {
    /// The bytes of the record's batch, and the end of each of the batch's fields in them.
    @usableFromInline let bytes: UnsafeRawPointer
    @usableFromInline let ends: UnsafePointer<Int>
    /// The record's first field in the batch.
    @usableFromInline let firstField: Int
    /// Whether every field is known to be well-formed UTF-8.
    @usableFromInline let isWellFormed: Bool

    /// The number of fields.
    public let count: Int

    @usableFromInline
    init(bytes: UnsafeRawPointer, ends: UnsafePointer<Int>, firstField: Int, count: Int, isWellFormed: Bool) {
        self.bytes = bytes
        self.ends = ends
        self.firstField = firstField
        self.count = count
        self.isWellFormed = isWellFormed
    }

    /// The bytes of field `index` (0-based); empty for an empty field.
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "field index out of range")
        let field = firstField + index
        let start = field == 0 ? 0 : ends[field - 1]
        return UnsafeRawBufferPointer(start: bytes + start, count: ends[field] - start)
    }

    /// Whether field `index` is well-formed UTF-8 (known for every field of a well-formed file, else
    /// checked here), that is, whether ``CSVRecord/field(_:)`` decodes it.
    @inlinable @inline(__always)
    public func isValidUTF8(_ index: Int) -> Bool {
        isWellFormed || Self.isValidUTF8(self[index])
    }

    /// Whether `bytes` are well-formed UTF-8.
    @usableFromInline
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}

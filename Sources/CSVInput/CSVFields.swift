/// The fields of one ``CSVRecord`` as raw UTF-8 bytes, for a caller that stores or compares them
/// without building a `String` for each (see ``CSVRecord/withUnsafeFields(_:)``).
///
/// The buffers point into the record's storage and are valid only inside the closure that received
/// this value.
public struct CSVFields {
    private let record: CSVRecord
    private let base: UnsafeRawPointer?

    init(record: CSVRecord, base: UnsafeRawPointer?) {
        self.record = record
        self.base = base
    }

    /// The number of fields.
    public var count: Int { record.count }

    /// The bytes of field `index` (0-based); empty for an empty field.
    public subscript(index: Int) -> UnsafeRawBufferPointer {
        let range = record.range(at: index)
        return UnsafeRawBufferPointer(start: base.map { $0 + range.lowerBound }, count: range.count)
    }

    /// Whether field `index` is well-formed UTF-8 (known for every field of a well-formed file, else
    /// checked here), that is, whether ``CSVRecord/field(_:)`` decodes it.
    public func isValidUTF8(_ index: Int) -> Bool {
        record.isValidUTF8 || String(validating: self[index], as: UTF8.self) != nil
    }
}

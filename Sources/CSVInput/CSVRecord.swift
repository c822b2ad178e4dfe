/// One record of a CSV file: its fields and the line it starts on.
///
/// Fields are kept as UTF-8 bytes; ``field(_:)`` decodes one on demand, so a reader that only looks
/// at some columns pays for those alone.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based physical line on which the record starts.
    public var line: Int
    /// The bytes of all fields, one after the other.
    @usableFromInline var bytes: [UInt8]
    /// `ends[i]` is the end offset of field `i` in `bytes`.
    @usableFromInline var ends: [Int]

    /// Whether every field is known to be well-formed UTF-8 (the parser checks the file as it reads).
    private var isValidUTF8: Bool

    init(line: Int, bytes: [UInt8], ends: [Int], isValidUTF8: Bool) {
        self.line = line
        self.bytes = bytes
        self.ends = ends
        self.isValidUTF8 = isValidUTF8
    }

    /// The number of fields.
    public var count: Int { ends.count }

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

    private func range(at index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// All fields decoded as UTF-8 (invalid bytes replaced by U+FFFD); meant for tests and messages.
    public var fields: [String] {
        (0..<count).map { String(decoding: bytes(at: $0), as: UTF8.self) }
    }
}

/// How a CSV source was saved, when not as comma-separated UTF-8 (`dialect:` of a source in `study.yml`):
/// Excel and LibreOffice in Russian and Kazakh locales save "CSV" with semicolons, in Windows-1251, and
/// Excel's "Unicode Text" is tab-separated UTF-16.
///
/// ```yaml
/// - {file: participants.csv, kind: participants, dialect: {delimiter: ";", encoding: windows-1251}}
/// ```
public struct CSVDialect: Codable, Sendable, Equatable {
    /// The field delimiter: one character (`,` when absent; `;` and `"\t"` are the usual others).
    public var delimiter: String?
    /// The character encoding: `utf-8` (when absent), `utf-16` or `windows-1251`.
    public var encoding: String?

    /// The encodings a dialect may declare.
    public static let encodings = ["utf-8", "utf-16", "windows-1251"]

    public init(delimiter: String? = nil, encoding: String? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// The delimiter as a byte, when it is one ASCII character other than a quote or a line end.
    public var delimiterByte: UInt8? {
        guard let delimiter else { return UInt8(ascii: ",") }
        guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first, byte < 0x80,
            byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r"), byte != 0
        else { return nil }
        return byte
    }

    /// What is wrong with the dialect, if anything.
    public var problems: [String] {
        var problems: [String] = []
        if delimiterByte == nil {
            problems.append("delimiter '\(delimiter ?? "")' must be one ASCII character other than a quote or a line end")
        }
        if let encoding, !Self.encodings.contains(encoding) {
            problems.append("encoding '\(encoding)' is not one of \(Self.encodings.joined(separator: ", "))")
        }
        return problems
    }
}

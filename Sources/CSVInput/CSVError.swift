/// A problem found while reading a CSV file, with the place it was found.
///
/// Lines and columns are 1-based. `line` is the physical line of the file (a quoted field that spans
/// several lines makes records and lines differ); `column` is the field's position in its record,
/// when the problem belongs to one field.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        /// The file could not be opened or read.
        case unreadable(String)
        /// The file starts with a UTF-16 byte-order mark.
        case utf16
        /// libcsv rejected the quoting (strict mode): a quote inside an unquoted field, or a closing
        /// quote followed by something other than a delimiter or a line end.
        case malformedQuote
        /// A quoted field is still open at the end of the file.
        case unterminatedQuote(openedAtLine: Int)
        /// A field's bytes are not valid UTF-8.
        case invalidUTF8
        /// A field contains a NUL byte.
        case nulByte
        /// libcsv ran out of memory or met a field too large for it.
        case parserFailure(String)
        /// The file has no header line.
        case emptyFile
        /// A header cell is empty.
        case emptyColumnName
        /// Two header cells have the same name.
        case duplicateColumn(String)
        /// Required columns are absent from the header.
        case missingColumns([String])
        /// A record has more or fewer fields than the header.
        case fieldCount(expected: Int, found: Int)
        /// The header is one field holding semicolons or tabs: the file uses another delimiter.
        case otherDelimiter(String)
        /// The file's byte-order mark contradicts the encoding its dialect declares.
        case byteOrderMark(found: String, declared: String)

        /// Whether reading can go on after this problem (the record is bad, the file is not).
        public var isRecoverable: Bool {
            switch self {
            case .invalidUTF8, .fieldCount: true
            default: false
            }
        }

        public var description: String {
            switch self {
            case .unreadable(let why): "cannot read file: \(why)"
            case .utf16: "file is UTF-16 encoded; save it as UTF-8 (with or without byte-order mark)"
            case .malformedQuote:
                "malformed quoting: a quote inside an unquoted field, or text after a closing quote"
            case .unterminatedQuote(let line): "unterminated quoted field (the quote opened on line \(line))"
            case .invalidUTF8: "invalid UTF-8; save the file as UTF-8"
            case .nulByte: "NUL byte in field"
            case .parserFailure(let why): "CSV parser failure: \(why)"
            case .emptyFile: "file is empty: a header line is required"
            case .emptyColumnName: "empty column name in header"
            case .duplicateColumn(let name): "duplicate column '\(name)' in header"
            case .missingColumns(let names):
                "missing required column\(names.count == 1 ? "" : "s") "
                    + names.map { "'\($0)'" }.joined(separator: ", ")
            case .fieldCount(let expected, let found): "expected \(expected) fields as in the header, found \(found)"
            case .otherDelimiter(let name):
                "the header is one field separated by \(name): save the file with commas as the delimiter"
            case .byteOrderMark(let found, let declared):
                "the file starts with a \(found) byte-order mark, but its dialect declares encoding \(declared)"
            }
        }
    }

    /// The file's path as it was given.
    public var file: String
    /// The 1-based physical line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// The 1-based field position, when known.
    public var column: Int?
    public var reason: Reason

    public init(file: String, line: Int, column: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column: reason`, the form compilers use, which editors can jump to.
    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(reason)"
    }
}

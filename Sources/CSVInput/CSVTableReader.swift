/// A CSV reader for files with a header line: it checks the header and every record's field count.
///
/// ```swift
/// let table = try CSVTableReader(path: "segments.csv", requiredColumns: ["segment_id", "code"])
/// let code = table.columnIndex("code")!
/// while let record = try table.next() { print(record.field(code) ?? "?") }
/// ```
///
/// A record whose field count differs from the header's throws a recoverable ``CSVError``
/// (`fieldCount`): the caller may note it and call ``next()`` again. Header problems (empty file,
/// empty or duplicate names, missing required columns) are thrown by the initializer.
public final class CSVTableReader {
    /// The column names, in file order.
    public let header: [String]
    /// The path as given, used in error messages.
    public var path: String { reader.path }
    private let reader: CSVReader
    private let indexByName: [String: Int]

    /// Opens a CSV file and reads its header.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - requiredColumns: columns the header must have.
    ///   - delimiter: the field delimiter, `,` by default.
    ///   - encoding: the file's character encoding, UTF-8 by default.
    ///   - blockObserver: called with every block of raw bytes as it is read.
    /// - Throws: ``CSVError`` when the file cannot be read or the header is unusable.
    public init(
        path: String, requiredColumns: [String] = [], delimiter: UInt8 = UInt8(ascii: ","),
        encoding: CSVEncoding = .utf8, blockObserver: ((UnsafeRawBufferPointer) -> Void)? = nil
    ) throws(CSVError) {
        reader = try CSVReader(path: path, delimiter: delimiter, encoding: encoding, blockObserver: blockObserver)
        guard let headerRecord = try reader.next() else {
            throw CSVError(file: path, line: 1, reason: .emptyFile)
        }
        var names: [String] = []
        var indexByName: [String: Int] = [:]
        for index in 0..<headerRecord.count {
            guard let name = headerRecord.field(index) else {
                throw CSVError(file: path, line: headerRecord.line, column: index + 1, reason: .invalidUTF8)
            }
            guard !name.isEmpty else {
                throw CSVError(file: path, line: headerRecord.line, column: index + 1, reason: .emptyColumnName)
            }
            guard indexByName[name] == nil else {
                throw CSVError(
                    file: path, line: headerRecord.line, column: index + 1, reason: .duplicateColumn(name))
            }
            indexByName[name] = index
            names.append(name)
        }
        if names.count == 1, !requiredColumns.isEmpty, indexByName[requiredColumns[0]] == nil {
            // Excel in Russian or Kazakh locales saves ';'-separated "CSV"; say so instead of listing columns.
            for (delimiter, name) in [(";", "semicolons"), ("\t", "tabs")] where names[0].contains(delimiter) {
                throw CSVError(file: path, line: headerRecord.line, reason: .otherDelimiter(name))
            }
        }
        let missing = requiredColumns.filter { indexByName[$0] == nil }
        guard missing.isEmpty else {
            throw CSVError(file: path, line: headerRecord.line, reason: .missingColumns(missing))
        }
        header = names
        self.indexByName = indexByName
    }

    /// The 0-based index of the column named `name`, if the header has it.
    public func columnIndex(_ name: String) -> Int? { indexByName[name] }

    /// The next record, or `nil` at the end of the file.
    /// - Throws: ``CSVError``; a `fieldCount` error is recoverable and reading may go on.
    public func next() throws(CSVError) -> CSVRecord? {
        guard let record = try reader.next() else { return nil }
        guard record.count == header.count else {
            throw CSVError(
                file: path, line: record.line, reason: .fieldCount(expected: header.count, found: record.count))
        }
        return record
    }
}

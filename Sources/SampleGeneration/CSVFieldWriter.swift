import Foundation

/// Something went wrong writing the generated study.
public struct SampleGenerationError: Error, CustomStringConvertible, Sendable {
    /// What failed, naming the file.
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// Writes a CSV file row by row through a 64 KiB buffer, so that studies of millions of rows never sit
/// in memory. RFC 4180: a field holding a comma, a double quote, CR or LF (or starting or ending with
/// a space, which readers trim) is quoted, its quotes doubled; rows end with LF; UTF-8, no BOM.
public final class CSVFieldWriter {
    private let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    /// Rows written so far (the header counts).
    public private(set) var rowCount = 0

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw SampleGenerationError("\(path): cannot create file") }
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(capacity + 4096)
    }

    /// Writes one row.
    public func writeRow(_ fields: [String]) throws {
        // Work on a local array (moved out of the property, no copy): appending byte by byte to a class
        // property would pay for a dynamic exclusivity check on every byte.
        var bytes = buffer
        buffer = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.append(field: field, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
        buffer = bytes
        rowCount += 1
        if buffer.count >= capacity { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        try flush()
        do { try handle.close() } catch { throw SampleGenerationError("\(path): cannot close file: \(error)") }
    }

    /// Whether `field` must be quoted.
    static func needsQuotes(_ field: String) -> Bool {
        let utf8 = field.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        return utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    private static func append(field: String, to bytes: inout [UInt8]) {
        guard needsQuotes(field) else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(0x22)
        for byte in field.utf8 {
            if byte == 0x22 { bytes.append(0x22) }
            bytes.append(byte)
        }
        bytes.append(0x22)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw SampleGenerationError("\(path): cannot write: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The code applications of one stored segment (the `codes` blob of a row of `segment`): for each, in the
/// order they were stored, the code's UTF-8 byte count, its bytes, and the line of `segments.csv` (or of
/// the coding tool's export) that applied it. The byte count and the line are unsigned LEB128 numbers
/// (7 bits a byte, least significant first, the high bit set on every byte but the last).
///
/// ```swift
/// var blob: [UInt8] = []
/// SegmentCodes.append(code: Array("bar_busy_job".utf8), line: 300, to: &blob)
/// // blob: 0x0C, "bar_busy_job", 0xAC, 0x02
/// ```
///
/// The codes are text, not positions in the `code` table: a coding tool's kept codes are stored after its
/// segments, and a store written before this table gets its codes as they were.
public enum SegmentCodes {
    /// Appends an application of `code` on `line` to `blob`: encoded in a temporary buffer and appended
    /// with one copy (a byte appended at a time checked the array's capacity and uniqueness for each,
    /// about 250 instructions an application of `segments.csv`).
    public static func append(code: UnsafeRawBufferPointer, line: Int, to blob: inout [UInt8]) {
        precondition(line >= 0, "a stored count or line is not negative")
        // A number takes at most 10 bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: code.count + 20) { buffer in
            var end = encode(code.count, into: buffer, at: 0)
            if let address = code.baseAddress, !code.isEmpty {
                UnsafeMutableRawPointer(buffer.baseAddress! + end).copyMemory(from: address, byteCount: code.count)
                end += code.count
            }
            end = encode(line, into: buffer, at: end)
            blob.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<end]))
        }
    }

    /// Writes `value` as an unsigned LEB128 number at `offset`: the offset after it.
    private static func encode(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        var rest = UInt(value)
        var offset = offset
        while rest >= 0x80 {
            buffer[offset] = UInt8(truncatingIfNeeded: rest) | 0x80
            rest >>= 7
            offset += 1
        }
        buffer[offset] = UInt8(rest)
        return offset + 1
    }

    /// Appends an application of `code` on `line` to `blob`.
    public static func append(code: [UInt8], line: Int, to blob: inout [UInt8]) {
        code.withUnsafeBytes { append(code: $0, line: line, to: &blob) }
    }

    /// Calls `body` with each application of `blob` in order (the code's bytes, valid during the call, and
    /// its line) until it returns `false`.
    /// - Returns: `false` when `body` stopped the walk, or the blob ended within an application.
    @discardableResult
    public static func forEach(
        in blob: UnsafeRawBufferPointer, _ body: (_ code: UnsafeRawBufferPointer, _ line: Int) throws -> Bool
    ) rethrows -> Bool {
        var offset = 0
        while offset < blob.count {
            guard let count = number(in: blob, at: &offset), count <= blob.count - offset else { return false }
            let code = UnsafeRawBufferPointer(rebasing: blob[offset..<offset + count])
            offset += count
            guard let line = number(in: blob, at: &offset) else { return false }
            guard try body(code, line) else { return false }
        }
        return true
    }

    /// The applications of `blob`, with each code as text.
    public static func applications(in blob: UnsafeRawBufferPointer) -> [(code: String, line: Int)] {
        var applications: [(code: String, line: Int)] = []
        forEach(in: blob) { code, line in
            applications.append((String(decoding: code, as: UTF8.self), line))
            return true
        }
        return applications
    }

    /// The line that applied `code` in `blob`, or `nil` when none did.
    public static func line(of code: UnsafeRawBufferPointer, in blob: UnsafeRawBufferPointer) -> Int? {
        var found: Int?
        forEach(in: blob) { candidate, line in
            if candidate.elementsEqual(code) { found = line }
            return found == nil
        }
        return found
    }

    /// The number of applications in `blob`.
    public static func count(in blob: UnsafeRawBufferPointer) -> Int {
        var count = 0
        forEach(in: blob) { _, _ in
            count += 1
            return true
        }
        return count
    }

    /// The unsigned LEB128 number at `offset` (moved past it), or `nil` when the blob ends within it or
    /// it does not fit an `Int` (``SurveyAnswers`` reads its numbers so too).
    static func number(in blob: UnsafeRawBufferPointer, at offset: inout Int) -> Int? {
        var value: UInt = 0
        var shift: UInt = 0
        while offset < blob.count, shift < 63 {
            let byte = blob[offset]
            offset += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(exactly: value) }
            shift += 7
        }
        return nil
    }
}

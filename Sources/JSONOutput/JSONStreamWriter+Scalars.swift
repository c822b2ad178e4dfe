import Foundation

/// The scalars and white space of ``JSONStreamWriter``, appended to its bytes without an intermediate
/// `String` where the value allows.
extension JSONStreamWriter {
    func appendASCII(_ text: StaticString) {
        bytes.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Two spaces a level.
    func writeIndent(_ level: Int) {
        bytes.append(repeating: UInt8(ascii: " "), times: 2 * level)
    }

    /// `{`, an empty line and `}`: an object with nothing encoded through its encoder.
    func writeEmptyObject(level: Int) {
        appendASCII("{\n\n")
        writeIndent(level)
        bytes.append(UInt8(ascii: "}"))
    }

    func writeBool(_ value: Bool) {
        if value { appendASCII("true") } else { appendASCII("false") }
    }

    /// An integer's decimal digits.
    func writeInteger<I: BinaryInteger>(_ value: I) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        writeDigits(UInt64(value.magnitude))
    }

    private func writeDigits(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            var rest = value
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            bytes.append(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: buffer.count - start))
        }
    }

    /// A finite floating-point number: its shortest round-trip description, without a trailing `.0`.
    func writeFinite<F: BinaryFloatingPoint & TextOutputStreamable>(_ value: F) {
        let start = bytes.count
        var stream = ByteStream(writer: self)
        value.write(to: &stream)
        let count = bytes.count
        if count - start >= 2, bytes[count - 1] == UInt8(ascii: "0"), bytes[count - 2] == UInt8(ascii: ".") {
            bytes.truncate(to: count - 2)
        }
    }

    /// The writer's bytes as a text stream: the standard library writes a number's digits into it as
    /// ASCII bytes (`_writeASCII`), without a `String`.
    private struct ByteStream: TextOutputStream {
        let writer: JSONStreamWriter
        mutating func write(_ string: String) { writer.writeRaw(string) }
        mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { writer.bytes.append(buffer) }
    }

    /// `text`'s UTF-8 bytes as they are (a number's text).
    func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append($0) }
    }

    /// `text` in quotes, with `"`, `\` and the control characters escaped.
    func writeString(_ text: String) {
        var text = text
        text.withUTF8 { writeString($0) }
    }

    /// UTF-8 bytes in quotes, with `"`, `\` and the control characters escaped.
    func writeString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            writeEscape(byte)
        }
        bytes.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private func writeEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            appendASCII("u00")
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

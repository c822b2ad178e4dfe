import Foundation
import Publication

/// RFC 4180 quoting for the CSV files reports write, with the spreadsheet-formula guard.
enum CSVFieldEscaping {
    /// `field` as a CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled), and
    /// prefixed with `'` when it starts with `=`, `+`, `-`, `@`, TAB or CR and is not a plain number, so
    /// that a spreadsheet does not run it as a formula (OWASP ASVS 1.2.10).
    static func escape(_ field: String) -> String {
        // The usual field: no byte that needs a quote and no formula character first, returned as it is
        // (the characters checked are ASCII, so checking bytes is checking characters).
        var copy = field  // `withUTF8` is mutating: a small string is laid out in memory first
        if copy.withUTF8(isPlain) { return field }
        var text = field
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(text) {
            text = "'" + text
        }
        // Looked for as bytes: a quote followed by a combining mark is one `Character`, and still a quote
        // to a CSV reader.
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + ASCIIReplacement.replacing("\"", with: "\"\"", in: text) + "\""
    }

    /// Whether `text` is a plain decimal number (`-0.125`, `-1.5e-05`): a spreadsheet reads it as a
    /// number, never as a formula, so it is written as it is and R and pandas read the column as numbers.
    /// Checked on its UTF-8, by the overload below.
    static func isNumber(_ text: String) -> Bool {
        var copy = text  // `withUTF8` is mutating
        return copy.withUTF8(isNumber)
    }

    /// Whether a field's UTF-8 is a plain decimal number: an optional `-`, digits, optionally `.` and
    /// digits, optionally `e` or `E`, a sign and digits. The number's characters are ASCII, so checking
    /// bytes is checking scalars (a byte that is not ASCII is no digit, sign, point or exponent in either).
    static func isNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < utf8.count, (0x30...0x39).contains(utf8[index]) { index += 1 }
            return index - start
        }
        if index < utf8.count, utf8[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { return false }
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < utf8.count, utf8[index] == UInt8(ascii: "e") || utf8[index] == UInt8(ascii: "E") {
            index += 1
            if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == utf8.count
    }

    /// Whether a field's UTF-8 is written as it is: no byte that needs a quote and no formula
    /// character first (the characters checked are ASCII, so checking bytes is checking characters).
    private static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, first != 0x3D, first != 0x2B, first != 0x2D, first != 0x40, first != 0x09, first != 0x0D
        else { return false }
        for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D { return false }
        return true
    }

    /// One CSV line (LF-terminated) from text fields.
    static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one CSV line (LF-terminated) of text fields to `bytes` as UTF-8: each field's bytes
    /// copied as they are (``escape(_:)`` only for a field that is not plain), with no string or array
    /// of fields in between.
    static func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            var field = field
            let copied = field.withUTF8 { utf8 in
                // An empty field and a plain number (`-0.125`) are written as they are by `escape` too.
                guard utf8.isEmpty || isPlain(utf8) || isNumber(utf8) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            if !copied {
                var escaped = escape(field)
                escaped.withUTF8 { bytes.append(contentsOf: $0) }
            }
        }
        bytes.append(0x0A)
    }

    /// The records as CSV: the header line, then one line per record.
    static func csv(_ table: TidyTable) -> String {
        var bytes: [UInt8] = []
        append(table.header, to: &bytes)
        for row in table.rows { append(row, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

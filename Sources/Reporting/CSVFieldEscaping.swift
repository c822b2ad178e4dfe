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
        if let first = field.utf8.first, first != 0x3D, first != 0x2B, first != 0x2D, first != 0x40, first != 0x09, first != 0x0D,
            !field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return field
        }
        var text = field
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(text) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether `text` is a plain decimal number (`-0.125`, `-1.5e-05`): a spreadsheet reads it as a
    /// number, never as a formula, so it is written as it is and R and pandas read the column as numbers.
    static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        guard digits() > 0 else { return false }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            guard digits() > 0 else { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// One CSV line (LF-terminated) from text fields.
    static func line(_ fields: [String]) -> String {
        var text = ""
        append(fields, to: &text)
        return text
    }

    /// Appends one CSV line (LF-terminated) of text fields to `text`, with no array of escaped fields
    /// or lines in between.
    static func append(_ fields: [String], to text: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(",") }
            text.append(escape(field))
        }
        text.append("\n")
    }

    /// The records as CSV: the header line, then one line per record.
    static func csv(_ table: TidyTable) -> String {
        var text = ""
        append(table.header, to: &text)
        for row in table.rows { append(row, to: &text) }
        return text
    }
}

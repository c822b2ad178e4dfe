import Foundation

/// RFC 4180 quoting for the CSV files reports write, with the spreadsheet-formula guard.
enum CSVFieldEscaping {
    /// `field` as a CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled), and
    /// prefixed with `'` when it starts with `=`, `+`, `-`, `@`, TAB or CR, so that a spreadsheet
    /// does not run it as a formula (OWASP ASVS 1.2.10). Numbers are written by the caller unescaped.
    static func escape(_ field: String) -> String {
        var text = field
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One CSV line (LF-terminated) from text fields.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }
}

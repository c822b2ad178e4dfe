import Foundation

/// Escapes text for HTML element content and attribute values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: return it as it is, found on its bytes (these four characters
        // are ASCII, so a byte equal to one of them is that character).
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        if PlainScalars.hasOnlyPlainScalars(text) {
            // Every scalar a character: the four are replaced byte by byte.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 32)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "&"): bytes += "&amp;".utf8
                case UInt8(ascii: "<"): bytes += "&lt;".utf8
                case UInt8(ascii: ">"): bytes += "&gt;".utf8
                case UInt8(ascii: "\""): bytes += "&quot;".utf8
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

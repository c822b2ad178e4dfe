import Foundation

/// Escapes text for HTML element content and attribute values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape: return it as it is, found on its bytes (these four characters
        // are ASCII, so a byte equal to one of them is that character).
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
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

import Foundation

/// Foundation's `replacingOccurrences(of:with:)` of one ASCII character, decided on the text's bytes where
/// they settle it, so that the writers' escapes (a CSV field's quotes, an R string's backslashes, a
/// Markdown cell's bars, a paragraph's line feeds) do not pass every text through `NSString`.
///
/// Foundation's search compares composed character sequences: it finds the character where it stands as
/// a sequence of its own. An ASCII byte between two ASCII bytes (or the text's ends) is such a sequence,
/// but for the two halves of a CR LF: there the bytes are replaced. A text without the byte has no
/// occurrence (no other character is canonically equivalent to an ASCII one) and is returned as it is.
/// Any other text (an occurrence next to a non-ASCII byte, or in a CR LF) is left to Foundation.
public enum ASCIIReplacement {
    /// `text.replacingOccurrences(of: String(target), with: replacement)`, the same string.
    public static func replacing(_ target: Unicode.Scalar, with replacement: String, in text: String) -> String {
        precondition(target.isASCII, "an ASCII character")
        let byte = UInt8(target.value)
        var copy = text
        let replaced: String?? = copy.withUTF8 { bytes -> String?? in
            guard bytes.contains(byte) else { return .some(nil) }
            let count = bytes.count
            for index in 0..<count where bytes[index] == byte {
                let before: UInt8? = index > 0 ? bytes[index - 1] : nil
                let after: UInt8? = index + 1 < count ? bytes[index + 1] : nil
                if let before, before >= 0x80 { return nil }
                if let after, after >= 0x80 { return nil }
                if byte == 0x0A && before == 0x0D { return nil }
                if byte == 0x0D && after == 0x0A { return nil }
            }
            var out: [UInt8] = []
            out.reserveCapacity(count + 8)
            var start = 0
            for index in 0..<count where bytes[index] == byte {
                out.append(contentsOf: bytes[start..<index])
                out.append(contentsOf: replacement.utf8)
                start = index + 1
            }
            out.append(contentsOf: bytes[start..<count])
            return .some(String(decoding: out, as: UTF8.self))
        }
        switch replaced {
        case .some(.none): return text
        case .some(.some(let result)): return result
        case .none: return text.replacingOccurrences(of: String(target), with: replacement)
        }
    }
}

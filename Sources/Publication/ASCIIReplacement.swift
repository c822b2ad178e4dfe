/// The writers' escapes of one ASCII character (a CSV field's quotes, an R string's backslashes and quotes, a
/// Markdown cell's bars, a paragraph's line feeds), made on the text's UTF-8 bytes.
///
/// In UTF-8 an ASCII byte is never part of another character's encoding, so every occurrence of the byte is
/// an occurrence of the character, whatever follows it. Foundation's `replacingOccurrences(of:with:)`
/// compares composed character sequences instead: it leaves a `"` followed by a combining mark (U+0301, say)
/// or the LF of a CR LF as it is, which wrote such a quote into a CSV field or an R string unescaped.
public enum ASCIIReplacement {
    /// `text` with every `target` replaced by `replacement`; `text` itself when it has none.
    public static func replacing(_ target: Unicode.Scalar, with replacement: String, in text: String) -> String {
        precondition(target.isASCII, "an ASCII character")
        let byte = UInt8(target.value)
        var copy = text  // `withUTF8` is mutating: a small string is laid out in memory first
        return copy.withUTF8 { bytes -> String in
            guard bytes.contains(byte) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            var start = 0
            for index in bytes.indices where bytes[index] == byte {
                out.append(contentsOf: bytes[start..<index])
                out.append(contentsOf: replacement.utf8)
                start = index + 1
            }
            out.append(contentsOf: bytes[start...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hexadecimal (a SHA-256 digest as it is written in provenance files).
    public var lowercaseHexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

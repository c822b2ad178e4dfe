/// The scalars of a ``JSONTape``, read as `JSONDecoder` reads them; `nil` for a value of another kind or
/// one left to `JSONDecoder` (see ``JSONTapeDecoder``), which marks the tape (``leftToJSONDecoder``).
extension JSONTape {
    func string(at index: Int) -> String? {
        let entry = entries[index]
        guard entry.kind == .string else { return nil }
        let text = self.text(entry)
        // The parser checked the UTF-8 and the escapes.
        return entry.flagged ? Self.unescaped(text) : String(decoding: text, as: UTF8.self)
    }

    func bool(at index: Int) -> Bool? {
        switch entries[index].kind {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// An integer written without a fraction or an exponent, in range (`-0` and a negative unsigned
    /// number left to `JSONDecoder`).
    func integer<T: FixedWidthInteger>(at index: Int) -> T? {
        let entry = entries[index]
        guard entry.kind == .number else { return nil }
        guard !entry.flagged else { return leaveToJSONDecoder() }
        let text = self.text(entry)
        let negative = text[0] == UInt8(ascii: "-")
        guard !negative || T.isSigned else { return leaveToJSONDecoder() }
        var value: T = 0
        for byte in text.dropFirst(negative ? 1 : 0) {
            let digit = T(byte &- UInt8(ascii: "0"))
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow, !overflow2 else { return leaveToJSONDecoder() }
            value = sum
        }
        if negative, value == 0 { return leaveToJSONDecoder() }
        return value
    }

    /// A finite number (a zero written with an exponent, or a number that is not zero read as zero, left
    /// to `JSONDecoder`).
    func double(at index: Int) -> Double? {
        let entry = entries[index]
        guard entry.kind == .number else { return nil }
        let text = self.text(entry)
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return leaveToJSONDecoder() }
        // JSONDecoder refuses some zeros with an exponent (`0e5`) and an underflow to zero.
        if value == 0, text.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) }) {
            return leaveToJSONDecoder()
        }
        return value
    }

    /// Marks the tape: a value that `JSONDecoder` may read otherwise was met (even if the error was caught
    /// and another type tried, as a type's `init(from:)` may do).
    func leaveToJSONDecoder<T>() -> T? {
        leftToJSONDecoder = true
        return nil
    }

    /// A string's text with its escapes (checked by the parser) resolved.
    static func unescaped(_ text: UnsafeBufferPointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var position = 0
        while position < text.count {
            let byte = text[position]
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                position += 1
                continue
            }
            let escaped = text[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try! hexadecimal(text, at: position)
                position += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = try! hexadecimal(text, at: position + 2)
                    position += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                UTF8.encode(Unicode.Scalar(scalar)!) { bytes.append($0) }
            default: bytes.append(escaped)  // " \ /
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

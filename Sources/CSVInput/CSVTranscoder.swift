/// Converts blocks of UTF-16 or Windows-1251 bytes to UTF-8, carrying a code unit or a surrogate pair cut
/// by a block's end over to the next block.
///
/// Bytes that stand for no character (a lone surrogate, an odd last byte, Windows-1251's unassigned 0x98)
/// become the byte 0xFF, which is never valid UTF-8, so that the field holding them is reported as not
/// readable text at its line and column.
struct CSVTranscoder {
    let encoding: CSVEncoding
    /// For UTF-16: the byte order (set from the byte-order mark).
    var bigEndian = false
    private var carried: [UInt8] = []
    private var highSurrogate: UInt16?

    init(encoding: CSVEncoding) {
        self.encoding = encoding
    }

    /// Appends the UTF-8 of `input` to `output`.
    mutating func transcode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        switch encoding {
        case .utf8:
            output.append(contentsOf: input)
        case .windows1251:
            for byte in input {
                if byte < 0x80 {
                    output.append(byte)
                } else {
                    let scalar = windows1251High[Int(byte) - 0x80]
                    if scalar == 0 { output.append(0xFF) } else { append(UInt32(scalar), to: &output) }
                }
            }
        case .utf16:
            var index = 0
            if let first = carried.first, let second = input.first {
                carried = []
                unit(bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first), into: &output)
                index = 1
            }
            while index + 1 < input.count {
                let a = UInt16(input[index]), b = UInt16(input[index + 1])
                unit(bigEndian ? a << 8 | b : b << 8 | a, into: &output)
                index += 2
            }
            if index < input.count { carried = [input[index]] }
        }
    }

    /// Appends what is left at the end of the file (a byte or a high surrogate with nothing after it).
    mutating func finish(into output: inout [UInt8]) {
        if highSurrogate != nil || !carried.isEmpty { output.append(0xFF) }
        highSurrogate = nil
        carried = []
    }

    private mutating func unit(_ unit: UInt16, into output: inout [UInt8]) {
        if let high = highSurrogate {
            highSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                append(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00), to: &output)
                return
            }
            output.append(0xFF)
        }
        switch unit {
        case 0xD800...0xDBFF: highSurrogate = unit
        case 0xDC00...0xDFFF: output.append(0xFF)
        default: append(UInt32(unit), to: &output)
        }
    }

    private func append(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}

/// The Unicode scalars of Windows-1251's bytes 0x80–0xFF (0: unassigned), from Python's `cp1251` codec.
private let windows1251High: [UInt16] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
    0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
    0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0000, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
    0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
    0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
    0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
    0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
    0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
    0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
    0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
    0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F
]

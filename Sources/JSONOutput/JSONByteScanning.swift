/// A scan of JSON text byte by byte (``JSONMemberArray``'s scanner, ``JSONTape``'s parser): the
/// punctuation and white space between values.
protocol JSONByteScanning {
    var bytes: UnsafeBufferPointer<UInt8> { get }
    var position: Int { get set }
}

extension JSONByteScanning {
    /// Moves past `byte` if it is at the position.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func skipWhiteSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                position += 1
                skipSpaceWords()
            default: return
            }
        }
    }

    /// Moves past the spaces at the position eight at a time while there are eight: a pretty-printed
    /// document is half indentation (16 spaces a line in a `results.json`), which byte by byte is most of
    /// a scan's work. What is left of a run, fewer than eight, is the caller's.
    mutating func skipSpaceWords() {
        let eightSpaces: UInt64 = 0x2020_2020_2020_2020
        guard let base = bytes.baseAddress else { return }
        while position + 8 <= bytes.count, UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) == eightSpaces {
            position += 8
        }
    }
}

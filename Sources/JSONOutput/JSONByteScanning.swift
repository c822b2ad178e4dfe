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
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }
}

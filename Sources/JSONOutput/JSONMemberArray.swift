/// Where the elements of one array stand in a JSON document whose top level is an object holding the
/// array as a member: so that a large document can be decoded in pieces (the elements on several
/// threads, the rest of the document with an empty array in its place).
///
/// The scan follows only strings, nesting and the punctuation between the top-level members and between
/// the array's elements; it checks nothing else (the decoder of each piece does). It finds nothing, and
/// the caller decodes the document whole, when the top level is not an object, the member is missing,
/// is not an array, is there twice, or any top-level key is written with an escape.
///
/// ```swift
/// if let tables = JSONMemberArray(member: "tables", in: bytes) {
///     let rest = tables.documentWithEmptyArray(bytes)        // decode as the whole type, without the tables
///     let pieces = tables.elements.map { bytes[$0] }         // decode each as one table
/// }
/// ```
public struct JSONMemberArray: Sendable, Equatable {
    /// The array, from its `[` to its `]`, as offsets into the document.
    public let array: Range<Int>
    /// Each element of the array, without the white space around it.
    public let elements: [Range<Int>]

    /// The member `member` of the document's top-level object, if it is an array.
    public init?(member: String, in document: [UInt8]) {
        let name = Array(member.utf8)
        guard let found = document.withUnsafeBufferPointer({ bytes in
            var scanner = Scanner(bytes: bytes)
            return scanner.memberArray(name)
        }) else { return nil }
        (array, elements) = found
    }

    /// The document with `[]` in place of the array.
    public func documentWithEmptyArray(_ document: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(document.count - array.count + 2)
        bytes += document[..<array.lowerBound]
        bytes += "[]".utf8
        bytes += document[array.upperBound...]
        return bytes
    }

    private struct Scanner: JSONByteScanning {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func memberArray(_ name: [UInt8]) -> (Range<Int>, [Range<Int>])? {
            skipWhiteSpace()
            guard take(UInt8(ascii: "{")) else { return nil }
            var found: (Range<Int>, [Range<Int>])?
            skipWhiteSpace()
            if take(UInt8(ascii: "}")) { return nil }
            while true {
                skipWhiteSpace()
                guard let key = string(), !bytes[key].contains(UInt8(ascii: "\\")) else { return nil }
                skipWhiteSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipWhiteSpace()
                if bytes[key].elementsEqual(name) {
                    guard found == nil, let array = arrayElements() else { return nil }
                    found = array
                } else {
                    guard skipValue() else { return nil }
                }
                skipWhiteSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                skipWhiteSpace()
                return position == bytes.count ? found : nil
            }
        }

        /// The array at the position and its elements' ranges, the position moved past it.
        private mutating func arrayElements() -> (Range<Int>, [Range<Int>])? {
            let start = position
            guard take(UInt8(ascii: "[")) else { return nil }
            var elements: [Range<Int>] = []
            skipWhiteSpace()
            if take(UInt8(ascii: "]")) { return (start..<position, []) }
            while true {
                skipWhiteSpace()
                let elementStart = position
                guard skipValue() else { return nil }
                elements.append(elementStart..<position)
                skipWhiteSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "]")) else { return nil }
                return (start..<position, elements)
            }
        }

        /// Moves past one value: a string, an object or array with everything in it, or a scalar
        /// (the bytes up to the next delimiter); `false` at the end of the document or a delimiter.
        private mutating func skipValue() -> Bool {
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                return string() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < bytes.count {
                    switch bytes[position] {
                    case UInt8(ascii: "\""):
                        guard string() != nil else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    case UInt8(ascii: "\n"):
                        // The indentation after a line break, eight spaces at a time.
                        position += 1
                        skipSpaceWords()
                        continue
                    default:
                        break
                    }
                    position += 1
                }
                return false
            default:
                let start = position
                while position < bytes.count, !Self.endsScalar(bytes[position]) { position += 1 }
                return position > start
            }
        }

        /// The contents of the string at the position (between its quotes), the position moved past it.
        private mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return start..<(position - 1)
                case UInt8(ascii: "\\"):
                    position += 2
                default:
                    position += 1
                }
            }
            return nil
        }

        private static func endsScalar(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"),
                UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""):
                true
            default: false
            }
        }
    }
}

import Foundation

/// A JSON document parsed into one flat array of entries (a "tape"), for ``JSONTapeDecoder``.
///
/// The parser is strict (RFC 8259: no trailing commas, no leading zeros, no unescaped control characters,
/// valid UTF-8, escapes and surrogate pairs) and narrower than Foundation's `JSONDecoder` in a few ways it
/// refuses with ``Refusal`` rather than decide: a document nested deeper than ``maximumDepth``, an object
/// whose keys are not in strictly increasing byte order (the order ``SortedJSONEncoder`` writes, so no key
/// is there twice), or a key written with an escape. The caller then decodes with `JSONDecoder`.
///
/// Every entry is one value; an object's members are a key (a string entry) followed by its value, and an
/// array's elements follow it. A container's ``Entry/next`` is the index after everything in it.
final class JSONTape: @unchecked Sendable {
    enum Kind: UInt8 {
        case null, `true`, `false`, number, string, array, object
    }

    struct Entry {
        var kind: Kind
        /// A string with an escape in it; a number with a fraction or an exponent.
        var flagged = false
        /// A string's text between its quotes or a number's text, as offsets into the bytes; for a container, its members' or elements' count in `start`.
        var start = 0
        var end = 0
        /// The index of the entry after this value and everything in it.
        var next = 0
    }

    /// Why the tape was not made: the text is not JSON, or is JSON this parser leaves to `JSONDecoder`.
    struct Refusal: Error {
        let offset: Int
    }

    static let maximumDepth = 256

    /// A copy of the document's bytes.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// A constant once parsed: read without the run-time exclusivity check a variable of a class takes on
    /// every access.
    let entries: [Entry]
    /// Whether decoding met a value it leaves to `JSONDecoder` (``JSONTapeDecoder``).
    var leftToJSONDecoder = false

    /// Parses a whole document: one value, white space around it.
    /// - Throws: ``Refusal``.
    init(_ document: some Collection<UInt8>) throws {
        bytes = .allocate(capacity: document.count)
        _ = bytes.initialize(from: document)
        var entries: [Entry] = []
        entries.reserveCapacity(document.count / 8)
        var parser = Parser(bytes: UnsafeBufferPointer(bytes))
        do {
            try parser.document(into: &entries)
        } catch {
            bytes.deallocate()
            throw error
        }
        self.entries = entries
    }

    deinit {
        bytes.deallocate()
    }

    subscript(_ index: Int) -> Entry { entries[index] }

    /// The raw bytes of a string or number entry.
    func text(_ entry: Entry) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[entry.start..<entry.end])
    }

    /// Whether `a` sorts strictly before `b`, byte by byte.
    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let order = min(a.count, b.count) == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
        return order != 0 ? order < 0 : a.count < b.count
    }

    /// Whether `a` and `b` hold the same bytes.
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// The four hexadecimal digits at `offset`.
    static func hexadecimal(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Refusal(offset: offset) }
        var value: UInt32 = 0
        for byte in bytes[offset..<(offset + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Refusal(offset: offset)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private struct Parser: JSONByteScanning {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func document(into entries: inout [Entry]) throws {
            skipWhiteSpace()
            try value(into: &entries, depth: 0)
            skipWhiteSpace()
            guard position == bytes.count else { throw Refusal(offset: position) }
        }

        private mutating func value(into entries: inout [Entry], depth: Int) throws {
            guard position < bytes.count else { throw Refusal(offset: position) }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                try container(.object, into: &entries, depth: depth + 1)
            case UInt8(ascii: "["):
                try container(.array, into: &entries, depth: depth + 1)
            case UInt8(ascii: "\""):
                var entry = try string()
                entry.next = entries.count + 1
                entries.append(entry)
            case UInt8(ascii: "t"):
                try literal("true")
                entries.append(Entry(kind: .true, next: entries.count + 1))
            case UInt8(ascii: "f"):
                try literal("false")
                entries.append(Entry(kind: .false, next: entries.count + 1))
            case UInt8(ascii: "n"):
                try literal("null")
                entries.append(Entry(kind: .null, next: entries.count + 1))
            default:
                var entry = try number()
                entry.next = entries.count + 1
                entries.append(entry)
            }
        }

        /// An object or an array at the position, with everything in it; an object's keys checked (in
        /// strictly increasing order, not escaped).
        private mutating func container(_ kind: Kind, into entries: inout [Entry], depth: Int) throws {
            guard depth <= maximumDepth else { throw Refusal(offset: position) }
            let close = kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let index = entries.count
            entries.append(Entry(kind: kind))
            position += 1
            skipWhiteSpace()
            var count = 0
            var previousKey: UnsafeBufferPointer<UInt8>?
            if !take(close) {
                while true {
                    skipWhiteSpace()
                    if kind == .object {
                        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw Refusal(offset: position) }
                        var key = try string()
                        guard !key.flagged else { throw Refusal(offset: key.start) }
                        let text = UnsafeBufferPointer(rebasing: bytes[key.start..<key.end])
                        if let previousKey, !JSONTape.precedes(previousKey, text) { throw Refusal(offset: key.start) }
                        previousKey = text
                        key.next = entries.count + 1
                        entries.append(key)
                        skipWhiteSpace()
                        guard take(UInt8(ascii: ":")) else { throw Refusal(offset: position) }
                        skipWhiteSpace()
                    }
                    try value(into: &entries, depth: depth)
                    count += 1
                    skipWhiteSpace()
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(close) else { throw Refusal(offset: position) }
                    break
                }
            }
            entries[index].start = count
            entries[index].next = entries.count
        }

        /// A string at the position (its contents checked: escapes, control characters, UTF-8).
        private mutating func string() throws -> Entry {
            position += 1
            let start = position
            var escaped = false
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return Entry(kind: .string, flagged: escaped, start: start, end: position - 1)
                case UInt8(ascii: "\\"):
                    escaped = true
                    try escape()
                case 0..<0x20:
                    throw Refusal(offset: position)
                case 0x80...:
                    try multiByteCharacter()
                default:
                    position += 1
                }
            }
            throw Refusal(offset: position)
        }

        /// Checks the escape at the position and moves past it (a `\u` escape of a high surrogate with its
        /// low surrogate's escape).
        private mutating func escape() throws {
            guard position + 1 < bytes.count else { throw Refusal(offset: position) }
            switch bytes[position + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                position += 2
            case UInt8(ascii: "u"):
                let unit = try JSONTape.hexadecimal(bytes, at: position + 2)
                position += 6
                if (0xDC00...0xDFFF).contains(unit) { throw Refusal(offset: position) }
                if (0xD800...0xDBFF).contains(unit) {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                        (0xDC00...0xDFFF).contains(try JSONTape.hexadecimal(bytes, at: position + 2))
                    else { throw Refusal(offset: position) }
                    position += 6
                }
            default:
                throw Refusal(offset: position)
            }
        }

        /// Moves past one well-formed UTF-8 character of two to four bytes (no overlong forms, no
        /// surrogates, nothing above U+10FFFF).
        private mutating func multiByteCharacter() throws {
            let lead = bytes[position]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: throw Refusal(offset: position)
            }
            guard position + length <= bytes.count, secondRange.contains(bytes[position + 1]) else { throw Refusal(offset: position) }
            for offset in 2..<length where !(0x80...0xBF).contains(bytes[position + offset]) { throw Refusal(offset: position) }
            position += length
        }

        /// A number at the position: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
        private mutating func number() throws -> Entry {
            let start = position
            _ = take(UInt8(ascii: "-"))
            guard position < bytes.count else { throw Refusal(offset: position) }
            if bytes[position] == UInt8(ascii: "0") {
                position += 1
            } else {
                guard digits() > 0 else { throw Refusal(offset: position) }
            }
            var flagged = false
            if take(UInt8(ascii: ".")) {
                flagged = true
                guard digits() > 0 else { throw Refusal(offset: position) }
            }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                flagged = true
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits() > 0 else { throw Refusal(offset: position) }
            }
            return Entry(kind: .number, flagged: flagged, start: start, end: position)
        }

        private mutating func digits() -> Int {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - start
        }

        private mutating func literal(_ word: StaticString) throws {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count,
                UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[position..<(position + count)])
            else { throw Refusal(offset: position) }
            position += count
        }
    }
}

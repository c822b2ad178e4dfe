import Foundation

/// Writes a ``JSONNode`` tree as pretty-printed JSON with sorted keys (see ``SortedJSONEncoder``).
struct JSONTextWriter {
    private(set) var bytes: [UInt8] = []
    /// Where each ``JSONNode/text(_:)`` node was written: the offset of its first byte in `bytes`.
    private(set) var textOffsets: [Int] = []

    init() {
        bytes.reserveCapacity(1 << 16)
    }

    mutating func write(_ node: JSONNode, indent: Int) {
        switch node {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .number(let text): append(text)
        case .string(let text): writeString(text)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            bytes.append(UInt8(ascii: "\n"))
            for (position, element) in array.elements.enumerated() {
                if position > 0 {
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(UInt8(ascii: "\n"))
                }
                writeIndent(indent + 1)
                write(element, indent: indent + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            writeIndent(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "\n"))
            for (position, member) in Self.sortedMembers(object).enumerated() {
                if position > 0 {
                    bytes.append(UInt8(ascii: ","))
                    bytes.append(UInt8(ascii: "\n"))
                }
                writeIndent(indent + 1)
                writeString(member.key)
                append(" : ")
                write(member.value, indent: indent + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            writeIndent(indent)
            bytes.append(UInt8(ascii: "}"))
        case .deferred(let encoder):
            write(encoder.node ?? .object(JSONObject()), indent: indent)
        case .text(let text):
            textOffsets.append(bytes.count)
            bytes += text
        }
    }

    /// The members in the order of their keys' UTF-8 bytes; of a key encoded more than once, the last.
    static func sortedMembers(_ object: JSONObject) -> [(key: String, value: JSONNode)] {
        let members = object.members
        // Most objects' keys come in increasing order already (or are one key): nothing to sort.
        if members.count < 2 || zip(members, members.dropFirst()).allSatisfy({ precedes($0.key, $1.key) }) { return members }
        // Sorted positions: by key, then by position, so that the last of equal keys comes last.
        let order = members.indices.sorted { a, b in
            let (x, y) = (members[a].key, members[b].key)
            if x == y { return a < b }
            return precedes(x, y)
        }
        var sorted: [(key: String, value: JSONNode)] = []
        sorted.reserveCapacity(order.count)
        for index in order {
            if let last = sorted.last, last.key == members[index].key {
                sorted[sorted.count - 1] = members[index]
            } else {
                sorted.append(members[index])
            }
        }
        return sorted
    }

    /// Whether `x`'s UTF-8 bytes come before `y`'s (lexicographically; a prefix first).
    static func precedes(_ x: String, _ y: String) -> Bool {
        let bytes = x.utf8.withContiguousStorageIfAvailable { x in
            y.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (bytes ?? nil) ?? x.utf8.lexicographicallyPrecedes(y.utf8)
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private mutating func writeIndent(_ level: Int) {
        var count = 2 * level
        while count > 0 {
            let run = min(count, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<run])
            count -= run
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    /// `text` in quotes, with `"`, `\` and the control characters escaped.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

import Foundation
@testable import JSONOutput
import Testing

/// ``JSONByteBuffer``, the text ``JSONStreamWriter`` writes into, against an `Array` given the same
/// appends; and ``SortedJSONEncoder`` against `JSONEncoder` on what its shortcuts write (dictionaries of
/// strings) and on values whose text outgrows its writers' first capacities.
@Suite struct JSONByteBufferTests {
    @Test func appendsAsAnArrayDoesAcrossGrowth() {
        let buffer = JSONByteBuffer(capacity: 16)
        var expected: [UInt8] = []
        var state: UInt64 = 12
        for round in 0..<5_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let byte = UInt8(truncatingIfNeeded: state >> 33)
            switch round % 6 {
            case 0:
                buffer.append(byte)
                expected.append(byte)
            case 1:
                buffer.append(byte, byte &+ 1)
                expected += [byte, byte &+ 1]
            case 2:
                let run = (0..<Int(byte % 90)).map { UInt8(truncatingIfNeeded: $0 &+ round) }
                run.withUnsafeBufferPointer { buffer.append($0) }
                expected += run
            case 3:
                buffer.append(repeating: byte, times: Int(byte % 70))
                expected += repeatElement(byte, count: Int(byte % 70))
            case 4:
                let drop = min(expected.count, Int(byte % 5))
                buffer.truncate(to: expected.count - drop)
                expected.removeLast(drop)
            default:
                buffer.append(UnsafeBufferPointer(start: nil, count: 0))
                buffer.append(repeating: byte, times: 0)
            }
            #expect(buffer.count == expected.count)
        }
        #expect(Array(buffer.text) == expected)
        #expect(buffer.array(10..<300) == Array(expected[10..<300]))
        #expect(buffer[77] == expected[77])
        #expect(buffer.equals(5..<9, Array(expected[5..<9])))
        #expect(!buffer.equals(5..<9, Array(expected[5..<8])))
        #expect(buffer.equals(3..<3, []))

        let other = JSONByteBuffer(capacity: 16)
        other.append(1)
        buffer.move(from: 100, to: other)
        #expect(Array(other.text) == Array(expected[100...]))
        #expect(Array(buffer.text) == Array(expected[..<100]))
    }

    /// Dictionaries of strings and of string arrays (written in key order without their own encoding),
    /// at the top, as members, as elements and through a single-value container: `JSONEncoder`'s bytes.
    @Test func stringDictionariesEncodeAsJSONEncoderEncodesThem() throws {
        struct Holder: Encodable {
            let texts: [String: String]
            let groups: [String: [String]]
            let list: [[String: String]]
            func encode(to encoder: any Encoder) throws {
                var keyed = encoder.container(keyedBy: SortedJSONEncoderTests.Value.Key.self)
                try keyed.encode(texts, forKey: .init("texts"))
                try keyed.encode(groups, forKey: .init("groups"))
                try keyed.encode(list, forKey: .init("list"))
                var single = keyed.superEncoder(forKey: .init("single")).singleValueContainer()
                try single.encode(texts)
            }
        }
        var random = SortedJSONEncoderTests.Random(state: 31)
        let keys = SortedJSONEncoderTests.keys, texts = SortedJSONEncoderTests.texts
        func text() -> String { texts[random.next(0...(texts.count - 1))] }
        func dictionary() -> [String: String] {
            Dictionary((0..<random.next(0...6)).map { _ in (keys[random.next(0...(keys.count - 1))], text()) }) { $1 }
        }
        for _ in 0..<300 {
            let groups = Dictionary((0..<random.next(0...5)).map { _ in
                (keys[random.next(0...(keys.count - 1))], (0..<random.next(0...3)).map { _ in text() })
            }) { $1 }
            let holder = Holder(texts: dictionary(), groups: groups, list: (0..<random.next(0...3)).map { _ in dictionary() })
            #expect(try SortedJSONEncoder().encode(holder) == SortedJSONEncoderTests.foundation(holder))
            #expect(try SortedJSONEncoder().encode(holder.texts) == SortedJSONEncoderTests.foundation(holder.texts))
            #expect(try SortedJSONEncoder().encode(groups) == SortedJSONEncoderTests.foundation(groups))
        }
    }

    /// Long strings and deep nested containers (written by child writers, which start at 1 KiB) in a
    /// document larger than the top writer's first 64 KiB: `JSONEncoder`'s bytes.
    @Test func largeNestedValuesEncodeAsJSONEncoderEncodesThem() throws {
        typealias Value = SortedJSONEncoderTests.Value
        let long = String(repeating: "long text \" \\ é ", count: 500)
        let wide = Value.nested((0..<40).map { ("key\($0)", Value.array((0..<30).map { .string("\($0) \(long.prefix($0 * 7))") })) })
        let value = Value.array((0..<12).map { index in
            .object([("z", .string(long)), ("a", wide), ("m", .withSuper(.doubles((0..<200).map { Double($0) / 7 }))), ("i", .int(index))])
        })
        let found = try SortedJSONEncoder().encode(value)
        #expect(found.count > 1 << 17)
        #expect(found == (try SortedJSONEncoderTests.foundation(value)))
    }
}

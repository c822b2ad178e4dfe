import Foundation
import JSONOutput
import Statistics
import Testing

/// ``SortedJSONEncoder`` against Foundation's `JSONEncoder` with `[.sortedKeys, .prettyPrinted,
/// .withoutEscapingSlashes]`: the same bytes for random nested values that use every kind of container
/// and value the `Encoder` protocol has.
@Suite struct SortedJSONEncoderTests {
    static func foundation<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The project's seeded generator, with the draws these tests make.
    struct Random: RandomNumberGenerator {
        var generator: SeededGenerator
        init(state: UInt64) { generator = SeededGenerator(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func next(_ range: ClosedRange<Int>) -> Int { generator.uniform(in: range) }
    }

    static let keys = ["a", "b", "A", "Z", "ab", "a b", "é", "Ж", "z", "10", "9", "count", "Count", "key/with/slash", "", "aé"]
    static let texts = ["", "plain", "quote \" and \\ backslash", "a/b", "line\nbreak\ttab\r", "\u{08}\u{0C}\u{01}\u{1F}\u{7F}",
                        "Қазақстан", "Великобритания", "emoji 😀", "nul \u{0}"]

    /// A random value, and its encoding through one of the containers.
    indirect enum Value: Encodable {
        case int(Int), int8(Int8), uint64(UInt64), double(Double), float(Float), bool(Bool), string(String), null
        case ints([Int]), doubles([Double]), strings([String]), optional(Int?)
        case data(Data), url(URL), decimal(Decimal), date(Date)
        case object([(String, Value)]), array([Value])
        case nested([(String, Value)])  // through nestedContainer / nestedUnkeyedContainer
        case withSuper(Value)  // through superEncoder()

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .int(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .int8(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .uint64(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .double(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .float(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .bool(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .string(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .ints(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .doubles(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .strings(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .optional(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .data(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .url(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .decimal(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .date(let v): var c = encoder.singleValueContainer(); try c.encode(v)
            case .object(let members):
                var c = encoder.container(keyedBy: Key.self)
                for (key, value) in members {
                    // Primitives through the keyed container's own overloads.
                    switch value {
                    case .int(let v): try c.encode(v, forKey: Key(key))
                    case .double(let v): try c.encode(v, forKey: Key(key))
                    case .float(let v): try c.encode(v, forKey: Key(key))
                    case .string(let v): try c.encode(v, forKey: Key(key))
                    case .bool(let v): try c.encode(v, forKey: Key(key))
                    case .null: try c.encodeNil(forKey: Key(key))
                    case .optional(let v): try c.encodeIfPresent(v, forKey: Key(key))
                    default: try c.encode(value, forKey: Key(key))
                    }
                }
            case .array(let elements):
                var c = encoder.unkeyedContainer()
                for value in elements {
                    switch value {
                    case .int(let v): try c.encode(v)
                    case .double(let v): try c.encode(v)
                    case .string(let v): try c.encode(v)
                    case .null: try c.encodeNil()
                    default: try c.encode(value)
                    }
                }
            case .nested(let members):
                var c = encoder.container(keyedBy: Key.self)
                for (key, value) in members {
                    if case .array(let elements) = value {
                        var inner = c.nestedUnkeyedContainer(forKey: Key(key))
                        for element in elements { try inner.encode(element) }
                        var deeper = inner.nestedContainer(keyedBy: Key.self)
                        try deeper.encode(elements.count, forKey: Key("count"))
                    } else {
                        var inner = c.nestedContainer(keyedBy: Key.self, forKey: Key(key))
                        try inner.encode(value, forKey: Key("value"))
                    }
                }
            case .withSuper(let value):
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(1, forKey: Key("own"))
                try value.encode(to: c.superEncoder())
                _ = c.superEncoder(forKey: Key("empty"))
            }
        }

        struct Key: CodingKey {
            let stringValue: String
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
    }

    static func randomDouble(_ random: inout Random) -> Double {
        switch random.next(0...7) {
        case 0: return Double(random.next(-1000...1000))  // integral: written without ".0"
        case 1: return Double(random.next(0...1_000_000)) / 1000
        case 2: return Double(bitPattern: random.next() >> 2) // any magnitude, finite
        case 3: return [0.0, -0.0, 1e16, 1e15, 123456789012345680, 1e-7, 5e-324, 0.1, 1.0 / 3, -2.5e-8].randomElement(using: &random)!
        case 4: return Double(random.next(1...1000)) * pow(10, Double(random.next(-20...20)))
        default: return Double(random.next() % 1_000_000_007) / Double(random.next(1...997))
        }
    }

    static func randomValue(_ random: inout Random, depth: Int) -> Value {
        let leaf = depth >= 4 ? 12 : 18
        switch random.next(0...leaf) {
        case 0: return .int(random.next(-1_000_000...1_000_000))
        case 1: return .int8(Int8(random.next(-128...127)))
        case 2: return .uint64(random.next())
        case 3: return .double(randomDouble(&random))
        case 4: return .float(Float(randomDouble(&random) / 1e290))
        case 5: return .bool(random.next(0...1) == 1)
        case 6: return .string(texts[random.next(0...(texts.count - 1))])
        case 7: return .null
        case 8: return .ints((0..<random.next(0...4)).map { _ in random.next(-50...50) })
        case 9: return .doubles((0..<random.next(0...3)).map { _ in randomDouble(&random) })
        case 10: return .strings((0..<random.next(0...3)).map { _ in texts[random.next(0...(texts.count - 1))] })
        case 11: return .optional(random.next(0...1) == 1 ? random.next(0...9) : nil)
        case 12:
            return [Value.data(Data((0..<random.next(0...7)).map { _ in UInt8(random.next(0...255)) })),
                    .url(URL(string: "https://example.org/a b?x=\(random.next(0...9))") ?? URL(fileURLWithPath: "/tmp")),
                    .decimal(Decimal(random.next(-999...999)) / 8), .date(Date(timeIntervalSinceReferenceDate: randomDouble(&random)))][random.next(0...3)]
        case 13, 14:
            return .object((0..<random.next(0...5)).map { _ in (keys[random.next(0...(keys.count - 1))], randomValue(&random, depth: depth + 1)) })
        case 15, 16: return .array((0..<random.next(0...4)).map { _ in randomValue(&random, depth: depth + 1) })
        case 17:
            // Distinct keys: JSONEncoder stops on a nested container asked for twice under one key.
            let first = random.next(0...(keys.count - 3))
            return .nested((first..<(first + random.next(1...3))).map { (keys[$0], randomValue(&random, depth: depth + 1)) })
        default: return .withSuper(randomValue(&random, depth: depth + 1))
        }
    }

    @Test func randomValuesEncodeAsJSONEncoderEncodesThem() throws {
        var random = Random(state: 2026)
        for round in 0..<3000 {
            let value = Self.randomValue(&random, depth: 0)
            let expected = try Self.foundation(value)
            let found = try SortedJSONEncoder().encode(value)
            #expect(found == expected, "round \(round):\n\(String(decoding: found, as: UTF8.self))\n≠\n\(String(decoding: expected, as: UTF8.self))")
            if found != expected { break }
        }
    }

    @Test func numbersAsJSONEncoderWritesThem() throws {
        var random = Random(state: 7)
        let doubles = (0..<20_000).map { _ in Self.randomDouble(&random) }
        #expect(try SortedJSONEncoder().encode(doubles) == Self.foundation(doubles))
        let floats = doubles.map { Float($0 / 1e280) }.filter(\.isFinite)
        #expect(try SortedJSONEncoder().encode(floats) == Self.foundation(floats))
        #expect(String(decoding: try SortedJSONEncoder().encode([2.0, -0.0, 1e-8, 0.5]), as: UTF8.self) == "[\n  2,\n  -0,\n  1e-08,\n  0.5\n]")
    }

    @Test func nonFiniteNumbersAreAnError() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode(["x": [value]]) }
        }
    }

    @Test func emptyContainersAndEscapes() throws {
        let value: [String: [String]] = ["b": [], "a": [], "c/\"": ["\u{1}\n/"]]
        let text = String(decoding: try SortedJSONEncoder().encode(value), as: UTF8.self)
        #expect(text == "{\n  \"a\" : [\n\n  ],\n  \"b\" : [\n\n  ],\n  \"c/\\\"\" : [\n    \"\\u0001\\n/\"\n  ]\n}")
    }
}

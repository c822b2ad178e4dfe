import Foundation
import JSONOutput
import Testing

/// ``JSONTapeDecoder`` reads what Foundation's `JSONDecoder` reads, to the bit, or throws (and the caller
/// decodes with `JSONDecoder`): it never reads a value `JSONDecoder` reads otherwise or refuses.
@Suite struct JSONTapeDecoderTests {
    /// Any JSON value, decoded by trying the kinds in turn (errors caught, as some `init(from:)` do).
    indirect enum Value: Decodable, Equatable {
        case null, bool(Bool), double(UInt64), string(String), array([Value]), object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .double(value.bitPattern)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Value].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }
    }

    struct Record: Codable, Equatable {
        var count: Int
        var name: String?
        var shares: [Double]
        var groups: [String: [Int]]
        var flag: Bool
    }

    static func both<T: Decodable>(_ type: T.Type, _ text: [UInt8]) -> (tape: T?, foundation: T?) {
        (try? JSONTapeDecoder().decode(type, from: text), try? JSONDecoder().decode(type, from: Data(text)))
    }

    @Test func doublesDecodeToJSONDecodersBits() throws {
        var random = SortedJSONEncoderTests.Random(state: 17_001)
        var doubles: [Double] = [0, -0.0, 1, 0.1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123_456_789_012_345_678]
        for index in 0..<60_000 {
            let bits = random.next()
            let value = switch index % 4 {
            case 0: Double(bitPattern: bits)
            case 1: Double(bits % 1_000_000) / Double(bits >> 44 + 1)
            case 2: Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF)  // subnormal
            default: Double(bits >> 11) * 0x1p-53
            }
            if value.isFinite { doubles.append(value) }
        }
        // A zero with an exponent (`0.00000e+00`) is left to JSONDecoder, which refuses some.
        let texts = doubles.map { "\($0)" } + doubles.map { String(format: "%.17g", $0) }
            + doubles.filter { $0 != 0 }.map { String(format: "%.5e", $0) }
        let text = Array(("[" + texts.joined(separator: ",") + "]").utf8)
        let tape = try JSONTapeDecoder().decode([Double].self, from: text)
        let foundation = try JSONDecoder().decode([Double].self, from: Data(text))
        #expect(tape.count == texts.count)
        #expect(tape.map(\.bitPattern) == foundation.map(\.bitPattern))
    }

    @Test func recordsDecodeAsJSONDecoderDecodesThem() throws {
        let text = Array(#"{"count": -12, "flag": true, "groups": {"a": [1, 2], "é": []}, "name": "Қ\"\u00e9\ud83d\ude00\n", "other": [null, {"x": 1e5}], "shares": [1, 0.5, 1e-05]}"#.utf8)
        let (tape, foundation) = Self.both(Record.self, text)
        #expect(tape != nil)
        #expect(tape == foundation)
        // null for an optional, a missing key for a required one
        #expect(Self.both(Record.self, Array(#"{"count": 1, "flag": false, "groups": {}, "name": null, "shares": []}"#.utf8)).tape?.name == .some(nil))
        #expect(Self.both(Record.self, Array(#"{"count": 1, "groups": {}, "shares": []}"#.utf8)).tape == nil)
    }

    /// Text `JSONDecoder` refuses or may read otherwise: the tape decoder throws.
    @Test func refusesWhatItDoesNotReadAsJSONDecoder() {
        let refused = [
            "[1,]", "[01]", "[1.]", "[.5]", "[-]", "[+1]", "[1E]", "[NaN]", "[1e400]", "[1e-400]", "[0e5]", "[tru]", "[1] x", "",
            #"{"a":1,}"#, #"{"b":1,"a":2}"#, #"{"a":1,"a":2}"#, #"{"a\u0062":1}"#, #"["\ud800"]"#, #"["\udc00"]"#, #"["\x"]"#,
            "[\"a\u{1}\"]", String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        ]
        for text in refused {
            #expect((try? JSONTapeDecoder().decode(Value.self, from: Array(text.utf8))) == nil, "\(text.prefix(20))")
        }
        #expect((try? JSONTapeDecoder().decode(Value.self, from: Array("[\"".utf8) + [0xC3, 0x28] + Array("\"]".utf8))) == nil)
        #expect((try? JSONTapeDecoder().decode(Value.self, from: Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8))) == nil)
        // Integers JSONDecoder reads from a fraction or an exponent (even where an `init(from:)` caught the error).
        for text in ["[1.0]", "[1e2]", "[-0]", "[9223372036854775808]"] {
            #expect((try? JSONTapeDecoder().decode([Int].self, from: Array(text.utf8))) == nil, "\(text)")
        }
        #expect((try? JSONTapeDecoder().decode([Float].self, from: Array("[1.5]".utf8))) == nil)
        #expect((try? JSONTapeDecoder().decode([Int].self, from: Array("[0, -1, 9223372036854775807, -9223372036854775808]".utf8)))
            == [0, -1, .max, .min])
    }

    /// Random documents from ``SortedJSONEncoder``, then damaged at random: wherever the tape decoder
    /// reads one, `JSONDecoder` reads the same.
    @Test func damagedDocumentsAreReadAsJSONDecoderReadsThemOrRefused() throws {
        var random = SortedJSONEncoderTests.Random(state: 17_002)
        let alphabet = Array("{}[],:\"\\0123456789.eE+-tfnrul \n".utf8) + [0xC3, 0xA9, 0x80, 0x01]
        var read = 0
        for index in 0..<3_000 {
            var text = [UInt8](try SortedJSONEncoder().encode(SortedJSONEncoderTests.randomValue(&random, depth: 0)))
            if index % 3 != 0, !text.isEmpty {
                for _ in 0..<random.next(1...3) {
                    let position = random.next(0...(text.count - 1))
                    let byte = alphabet[random.next(0...(alphabet.count - 1))]
                    switch random.next(0...2) {
                    case 0: text[position] = byte
                    case 1: text.insert(byte, at: position)
                    default: text.remove(at: position)
                    }
                    if text.isEmpty { break }
                }
            }
            let (tape, foundation) = Self.both(Value.self, text)
            if let tape {
                read += 1
                #expect(tape == foundation, "\(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect(read > 1_000)
    }
}

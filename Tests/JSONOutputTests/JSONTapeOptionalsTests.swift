import Foundation
import JSONOutput
import Testing

/// The tape decoder's own `decodeIfPresent` (one look-up of the member) and its scans of indentation
/// eight spaces at a time read what `JSONDecoder` reads.
@Suite struct JSONTapeOptionalsTests {
    /// Every optional kind the decoder has a `decodeIfPresent` of (synthesized `init(from:)` asks for
    /// each through it).
    struct Optionals: Codable, Equatable {
        var flag: Bool?
        var name: String?
        var share: Double?
        var count: Int?
        var wide: Int64?
        var seed: UInt64?
        var small: Float?
        var list: [Int]?
        var record: JSONTapeDecoderTests.Record?
    }

    /// Members missing, `null`, of their type, or of another type, at random: wherever the tape decoder
    /// reads a document, `JSONDecoder` reads the same; it reads every document of the right types
    /// without a `Float` (which it leaves to `JSONDecoder`), and none with a member of another type.
    @Test func optionalMembersAreReadAsJSONDecoderReadsThem() throws {
        let values: [(key: String, right: [String], wrong: [String])] = [
            ("count", ["0", "-12", "9223372036854775807"], ["1.5", "\"1\"", "true"]),
            ("flag", ["true", "false"], ["\"true\"", "[]"]),
            ("list", ["[]", "[1, 2, -3]"], ["[1.5]", "{}", "1"]),
            ("name", ["\"\"", "\"Қ\\\"\\u00e9\"", "\"a/b\""], ["1", "[\"a\"]", "false"]),
            ("record", [#"{"count": 1, "flag": true, "groups": {"a": [1]}, "shares": [0.5]}"#], [#"{"count": 1}"#, "[]", "\"r\""]),
            ("seed", ["0", "18446744073709551615"], ["-1", "\"s\""]),
            ("share", ["0.5", "-1e-05", "3", "1.7976931348623157e308"], ["\"0.5\"", "true", "[0.5]"]),
            ("small", ["1.5"], ["\"x\""]),
            ("wide", ["-9223372036854775808", "42"], ["4.2", "{}"]),
        ]
        var random = SortedJSONEncoderTests.Random(state: 31_337)
        var readByBoth = 0
        for _ in 0..<3_000 {
            var members: [String] = []
            var wrongType = false, float = false
            for value in values {
                switch random.next(0...5) {
                case 0: continue  // missing
                case 1: members.append("\"\(value.key)\": null")
                case 2:
                    members.append("\"\(value.key)\": " + value.wrong[random.next(0...(value.wrong.count - 1))])
                    wrongType = true
                default:
                    members.append("\"\(value.key)\": " + value.right[random.next(0...(value.right.count - 1))])
                    float = float || value.key == "small"
                }
            }
            let text = Array(("{" + members.joined(separator: ", ") + "}").utf8)
            let (tape, foundation) = JSONTapeDecoderTests.both(Optionals.self, text)
            if let tape {
                readByBoth += 1
                #expect(tape == foundation, "\(String(decoding: text, as: UTF8.self))")
            }
            if wrongType { #expect(tape == nil && foundation == nil, "\(String(decoding: text, as: UTF8.self))") }
            if !wrongType, !float { #expect(tape != nil, "\(String(decoding: text, as: UTF8.self))") }
        }
        #expect(readByBoth > 150)
        // The values themselves, not only their agreement.
        let all = #"{"count": 3, "flag": false, "list": [7], "name": "n", "seed": 18446744073709551615, "share": 0.25, "wide": -5}"#
        let decoded = try? JSONTapeDecoder().decode(Optionals.self, from: Array(all.utf8))
        #expect(decoded == Optionals(flag: false, name: "n", share: 0.25, count: 3, wide: -5, seed: .max, list: [7]))
        #expect(try JSONTapeDecoder().decode(Optionals.self, from: Array(#"{"count": null}"#.utf8)) == Optionals())
    }

    /// Runs of 0 to 20 spaces before and after every token, with and without a line break before them,
    /// and at the end of the document: the tape reads what `JSONDecoder` reads, and the member array's
    /// elements are found where they stand.
    @Test func indentationOfEveryLengthIsSkipped() throws {
        for count in 0...20 {
            for lineBreak in ["", "\n"] {
                let s = lineBreak + String(repeating: " ", count: count)
                let text = "\(s){\(s)\"a\"\(s):\(s)[\(s)1\(s),\(s){\(s)\"b\"\(s):\(s)true\(s)}\(s)]\(s),\(s)"
                    + "\"items\"\(s):\(s)[\(s)\"x\"\(s),\(s)[\(s)]\(s),\(s)-2.5\(s)]\(s)}\(s)"
                let bytes = Array(text.utf8)
                let (tape, foundation) = JSONTapeDecoderTests.both(JSONTapeDecoderTests.Value.self, bytes)
                #expect(tape != nil, "\(text.debugDescription)")
                #expect(tape == foundation, "\(text.debugDescription)")
                let found = try #require(JSONMemberArray(member: "items", in: bytes), "\(text.debugDescription)")
                #expect(found.elements.map { String(decoding: bytes[$0], as: UTF8.self) } == ["\"x\"", "[\(s)]", "-2.5"])
                // A string of spaces is a value, not indentation.
                let quoted = Array("[\(s)\"\(String(repeating: " ", count: count))\"\(s)]".utf8)
                #expect(try JSONTapeDecoder().decode([String].self, from: quoted) == [String(repeating: " ", count: count)])
            }
        }
    }
}

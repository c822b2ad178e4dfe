import Foundation
import JSONOutput
import Testing

/// The paths of ``SortedJSONEncoder`` that random values reach seldom or never, each against Foundation's
/// `JSONEncoder`: containers written to after their parent moved on, keys encoded twice, empty
/// containers, every character that needs an escape, and the errors of non-finite numbers.
@Suite struct SortedJSONEncoderPathsTests {
    typealias Key = SortedJSONEncoderTests.Value.Key

    /// Encodes through `body`, once by each encoder.
    struct Custom: Encodable {
        let body: @Sendable (any Encoder) throws -> Void
        func encode(to encoder: any Encoder) throws { try body(encoder) }
    }

    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try SortedJSONEncoderTests.foundation(value)
        let found = try SortedJSONEncoder().encode(value)
        #expect(String(decoding: found, as: UTF8.self) == String(decoding: expected, as: UTF8.self), sourceLocation: sourceLocation)
    }

    @Test func nestedContainersWrittenAfterTheirParentMovedOn() throws {
        try Self.expectSame(Custom { encoder in
            var top = encoder.container(keyedBy: Key.self)
            var object = top.nestedContainer(keyedBy: Key.self, forKey: Key("n"))
            var array = top.nestedUnkeyedContainer(forKey: Key("m"))
            try top.encode(3, forKey: Key("z"))
            try object.encode("late", forKey: Key("b"))
            try array.encode(1.5)
            var inner = array.nestedContainer(keyedBy: Key.self)
            var innerArray = array.nestedUnkeyedContainer()
            try array.encode([2, 1])
            try inner.encode(true, forKey: Key("x"))
            try innerArray.encodeNil()
            try top.encode(["q": 1], forKey: Key("a"))
            try object.encode(0, forKey: Key("a"))
            let superEncoder = array.superEncoder()
            var single = superEncoder.singleValueContainer()
            try single.encode("through super")
            try Custom { encoder in
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(7, forKey: Key("s"))
            }.encode(to: top.superEncoder())
            var keyedSuper = top.superEncoder(forKey: Key("k")).unkeyedContainer()
            try keyedSuper.encode("x")
            try top.encode("after", forKey: Key("b"))
        })
    }

    @Test func superEncodersOfEveryKind() throws {
        try Self.expectSame(Custom { encoder in
            var top = encoder.container(keyedBy: Key.self)
            _ = top.superEncoder()  // nothing through it: an empty object
            var array = top.nestedUnkeyedContainer(forKey: Key("list"))
            _ = array.superEncoder()
            try SortedJSONEncoderTests.Value.object([("b", .int(1)), ("a", .int(2))]).encode(to: array.superEncoder())
        })
        try Self.expectSame([Custom { encoder in _ = encoder }, Custom { _ in }])
    }

    @Test func aKeyEncodedTwiceKeepsItsLastValue() throws {
        try Self.expectSame(Custom { encoder in
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: Key("b"))
            try c.encode([1, 2], forKey: Key("a"))
            try c.encode("two", forKey: Key("b"))
            try c.encode(["x": 1], forKey: Key("a"))
            try c.encode(3, forKey: Key("c"))
            try c.encode(4.5, forKey: Key("c"))
        })
        // Twice, in order otherwise: the repeat is what must be noticed.
        try Self.expectSame(Custom { encoder in
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(1, forKey: Key("a"))
            try c.encode(2, forKey: Key("a"))
        })
    }

    @Test func aContainerAskedForTwiceIsOne() throws {
        try Self.expectSame(Custom { encoder in
            var first = encoder.container(keyedBy: Key.self)
            try first.encode(1, forKey: Key("b"))
            var second = encoder.container(keyedBy: Key.self)
            try second.encode(2, forKey: Key("a"))
        })
        try Self.expectSame(Custom { encoder in
            var first = encoder.unkeyedContainer()
            try first.encode(1)
            var second = encoder.unkeyedContainer()
            try second.encode(2)
            #expect(first.count == 2 && second.count == 2)
        })
    }

    @Test func emptyContainers() throws {
        try Self.expectSame(Custom { encoder in _ = encoder.container(keyedBy: Key.self) })
        try Self.expectSame(Custom { encoder in _ = encoder.unkeyedContainer() })
        try Self.expectSame([Custom { _ in }])
        try Self.expectSame([[String: Int]](repeating: [:], count: 2))
        try Self.expectSame(Custom { encoder in
            var c = encoder.container(keyedBy: Key.self)
            _ = c.nestedContainer(keyedBy: Key.self, forKey: Key("o"))
            _ = c.nestedUnkeyedContainer(forKey: Key("a"))
            try c.encode([[Int]](), forKey: Key("e"))
            try c.encode(Custom { _ in }, forKey: Key("nothing"))
        })
    }

    @Test func everyCharacterThatNeedsAnEscape() throws {
        let all = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\/\u{7F}é"
        try Self.expectSame([all])
        try Self.expectSame([all: all, "a\(all)": "", "\"": "q", "\\": "b"])
        for scalar in 0..<0x20 {
            let text = "x\(Character(Unicode.Scalar(UInt8(scalar))))y"
            try Self.expectSame([text: [text]])
        }
    }

    /// The error's coding path (string values, and index values) and description.
    static func failure(_ encode: () throws -> Data) -> (path: [String], description: String)? {
        do {
            _ = try encode()
            return nil
        } catch EncodingError.invalidValue(_, let context) {
            return (context.codingPath.map { "\($0.stringValue)|\($0.intValue.map(String.init) ?? "-")" }, context.debugDescription)
        } catch {
            return (["\(error)"], "")
        }
    }

    @Test func nonFiniteNumbersFailWithJSONEncodersCodingPath() throws {
        for number in [Double.nan, .infinity, -.infinity] {
            let values: [Custom] = [
                Custom { encoder in var c = encoder.singleValueContainer(); try c.encode(number) },
                Custom { encoder in var c = encoder.singleValueContainer(); try c.encode(Float(number)) },
                Custom { encoder in var c = encoder.container(keyedBy: Key.self); try c.encode(number, forKey: Key("k")) },
                Custom { encoder in var c = encoder.container(keyedBy: Key.self); try c.encode(Float(number), forKey: Key("k")) },
                Custom { encoder in var c = encoder.unkeyedContainer(); try c.encode(1); try c.encode(number) },
                Custom { encoder in var c = encoder.unkeyedContainer(); try c.encode(Float(number)) },
                Custom { encoder in
                    var c = encoder.container(keyedBy: Key.self)
                    var n = c.nestedUnkeyedContainer(forKey: Key("n"))
                    try n.encode("a")
                    var m = n.nestedContainer(keyedBy: Key.self)
                    try m.encode(number, forKey: Key("deep"))
                },
                Custom { encoder in
                    var c = encoder.container(keyedBy: Key.self)
                    try c.encode(["a": [1, number]], forKey: Key("g"))
                },
                Custom { encoder in
                    var c = encoder.unkeyedContainer()
                    try c.encode(Custom { encoder in var s = encoder.singleValueContainer(); try s.encode([number]) })
                },
                Custom { encoder in
                    var c = encoder.container(keyedBy: Key.self)
                    try Custom { encoder in
                        var u = encoder.unkeyedContainer()
                        try u.encode(number)
                    }.encode(to: c.superEncoder())
                },
            ]
            // The message names the value as the encoder before this one did ("Double.infinity", where
            // JSONEncoder writes "Double.inf").
            let type = [0, 2, 4, 6, 7, 8, 9]
            for (index, value) in values.enumerated() {
                let expected = try #require(Self.failure { try SortedJSONEncoderTests.foundation(value) })
                let found = Self.failure { try SortedJSONEncoder().encode(value) }
                if index == 6 {
                    // JSONEncoder loses the path above a container nested in a nested container.
                    #expect(expected.path == ["deep|-"])
                    #expect(found?.path == ["n|-", "Index 1|1", "deep|-"])
                } else {
                    #expect(found?.path == expected.path, "\(number) #\(index)")
                }
                let name = (type.contains(index) ? "Double" : "Float") + (number.isNaN ? ".nan" : ".infinity")
                #expect(found?.description == "Unable to encode \(number < 0 ? "-" : "")\(name) directly in JSON.", "\(number) #\(index)")
                if number.isNaN { #expect(found?.description == expected.description) }
            }
        }
    }

    @Test func openDocumentFindsTheMemberWhereverItIsSorted() throws {
        let encoder = SortedJSONEncoder()
        let elements = try [1, 2].map { try encoder.arrayElement(SortedJSONEncoderTests.Value.object([("v", .int($0))])) }
        // Keys out of order, the member encoded twice (its last value, an empty array, kept), a nested container.
        let value = Custom { encoder in
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("x", forKey: Key("z"))
            try c.encode(5, forKey: Key("items"))
            var n = c.nestedContainer(keyedBy: Key.self, forKey: Key("b"))
            try c.encode([Int](), forKey: Key("items"))
            try n.encode(1, forKey: Key("c"))
            try c.encode(1, forKey: Key("a"))
        }
        let whole = Custom { encoder in
            var c = encoder.container(keyedBy: Key.self)
            try c.encode("x", forKey: Key("z"))
            var n = c.nestedContainer(keyedBy: Key.self, forKey: Key("b"))
            try n.encode(1, forKey: Key("c"))
            try c.encode([["v": 1], ["v": 2]], forKey: Key("items"))
            try c.encode(1, forKey: Key("a"))
        }
        #expect(try encoder.encode(value, member: "items", elements: elements) == SortedJSONEncoderTests.foundation(whole))
        #expect(try encoder.encode(value, member: "items", elements: []) == SortedJSONEncoderTests.foundation(value))
    }
}

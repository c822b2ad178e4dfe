import Foundation
import JSONOutput
import Testing

/// Large documents in pieces: an array member's elements encoded apart (``SortedJSONEncoder/arrayElement(_:)``)
/// give the bytes of the document encoded whole, and ``JSONMemberArray`` finds the elements of such a
/// member in the text, or nothing where the text is not of that shape.
@Suite struct JSONPiecesTests {
    /// A random object with an array member `items` of random elements, and the same object with the
    /// member empty.
    struct Document {
        let whole: SortedJSONEncoderTests.Value
        let empty: SortedJSONEncoderTests.Value
        let items: [SortedJSONEncoderTests.Value]
    }

    static func document(_ random: inout SortedJSONEncoderTests.Random) -> Document {
        let items = (0..<random.next(0...6)).map { _ in SortedJSONEncoderTests.randomValue(&random, depth: 2) }
        let others = (0..<random.next(0...4)).map { _ in
            (SortedJSONEncoderTests.keys.filter { $0 != "items" }[random.next(0...14)], SortedJSONEncoderTests.randomValue(&random, depth: 2))
        }
        let position = random.next(0...others.count)
        func object(_ items: [SortedJSONEncoderTests.Value]) -> SortedJSONEncoderTests.Value {
            var members = others
            members.insert(("items", .array(items)), at: position)
            return .object(members)
        }
        return Document(whole: object(items), empty: object([]), items: items)
    }

    @Test func elementsEncodedApartGiveTheWholeDocument() throws {
        var random = SortedJSONEncoderTests.Random(state: 8_101)
        let encoder = SortedJSONEncoder()
        for _ in 0..<300 {
            let document = Self.document(&random)
            let (whole, empty, items) = (document.whole, document.empty, document.items)
            let pieces = try encoder.encode(empty, member: "items", elements: items.map { try encoder.arrayElement($0) })
            #expect(pieces == (try encoder.encode(whole)))
        }
    }

    @Test func encodingInPiecesNeedsTheMember() {
        let encoder = SortedJSONEncoder()
        #expect(throws: EncodingError.self) { try encoder.encode(SortedJSONEncoderTests.Value.object([("other", .int(1))]), member: "items", elements: []) }
        #expect(throws: EncodingError.self) { try encoder.encode(SortedJSONEncoderTests.Value.ints([1]), member: "items", elements: []) }
    }

    static func parsed(_ bytes: some Collection<UInt8>) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as! NSObject
    }

    @Test func elementsAreFoundInTheText() throws {
        var random = SortedJSONEncoderTests.Random(state: 8_102)
        for index in 0..<300 {
            let document = Self.document(&random)
            let (whole, empty, items) = (document.whole, document.empty, document.items)
            // Foundation's compact and pretty output both (slashes unescaped: a key with an escape is refused).
            let encoder = JSONEncoder()
            encoder.outputFormatting = index % 2 == 0 ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .withoutEscapingSlashes]
            let text = [UInt8](try encoder.encode(whole))
            let found = try #require(JSONMemberArray(member: "items", in: text))
            #expect(found.elements.count == items.count)
            for (range, item) in zip(found.elements, items) {
                #expect(try Self.parsed(text[range]) == Self.parsed(encoder.encode(item)))
            }
            #expect(try Self.parsed(found.documentWithEmptyArray(text)) == Self.parsed(encoder.encode(empty)))
        }
    }

    @Test func textOfAnotherShapeGivesNothing() {
        func find(_ text: String) -> [String]? {
            let bytes = Array(text.utf8)
            return JSONMemberArray(member: "items", in: bytes)?.elements.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(find(#" { "a" : [1, {"items": [2]}], "items" : [ {"b": "]\"}"} , [3], "x" ] } "#) == [#"{"b": "]\"}"}"#, "[3]", #""x""#])
        #expect(find(#"{"items":[]}"#) == [])
        #expect(find(#"{"items":[1,2],"z":null}"#) == ["1", "2"])
        #expect(find(#"[{"items":[1]}]"#) == nil)  // not an object at the top
        #expect(find(#"{"other":[1]}"#) == nil)  // no such member
        #expect(find(#"{"items":{"a":1}}"#) == nil)  // not an array
        #expect(find(#"{"items":[1],"items":[2]}"#) == nil)  // twice
        #expect(find(#"{"it\u0065ms":[1],"items":[2]}"#) == nil)  // a key with an escape
        #expect(find(#"{"items":[1,]}"#) == nil)  // a trailing comma
        #expect(find(#"{"items":[1 2]}"#) == nil)  // no comma
        #expect(find(#"{"items":[1]"#) == nil)  // unclosed
        #expect(find(#"{"items":[1]} x"#) == nil)  // text after the object
        #expect(find(#"{"items":["unclosed]}"#) == nil)
    }
}

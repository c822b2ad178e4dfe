import Foundation
import Testing
import Yams

@testable import StudyModel

/// The study's own YAML decoder gives what Yams's `YAMLDecoder` gives: the same values (merge keys, the
/// mapping's own keys over merged ones, Yams's scalar conversions) and the same errors (kind, coding path, expected type).
@Suite struct YAMLNodeDecoderTests {
    struct Entry: Codable, Equatable {
        var name: String
        var count: Int
        var share: Double?
        var big: Int64?
        var flag: Bool?
        var tags: [String]?
        var labels: [String: String]?
        var level: FactorCategory?
    }

    struct Document: Codable, Equatable {
        var entries: [Entry]
        var notes: [String: [Int]]?
    }

    /// Both decoders on the same text: the value, or the error's description.
    func both(_ text: String) -> (ours: String, yams: String) {
        func describe(_ body: () throws -> Document) -> String {
            do { return String(describing: try body()) } catch let error as DecodingError {
                switch error {
                case .typeMismatch(let type, let context): return "typeMismatch \(type) \(path(context.codingPath))"
                case .valueNotFound(let type, let context): return "valueNotFound \(type) \(path(context.codingPath))"
                case .keyNotFound(let key, let context): return "keyNotFound \(key.stringValue) \(path(context.codingPath))"
                case .dataCorrupted(let context): return "dataCorrupted \(path(context.codingPath)) \(context.debugDescription)"
                @unknown default: return "\(error)"
                }
            } catch { return "\(error)" }
        }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        let ours = describe {
            let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(.merge), encoding: .default)
            return try withExtendedLifetime(parser) { try YAMLNodeDecoder(try parser.singleRoot() ?? "").decode(Document.self) }
        }
        return (ours, describe { try YAMLDecoder().decode(Document.self, from: text) })
    }

    @Test func givesYamsValues() throws {
        let text = """
            base: &base {count: 0x1F, flag: yes, share: .5}
            entries:
              - {<<: *base, name: a, tags: [x, 'y'], big: 9007199254740993}
              - {<<: [*base, {count: 2}], count: 3, name: c}
              - name: b
                count: 1_000
                labels: {en: B, kk: "Б"}
                level: parent
                share: -.inf
            notes: {first: [1, 2], second: []}
            """
        let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(.merge), encoding: .default)
        let document = try YAMLNodeDecoder(try parser.singleRoot() ?? "").decode(Document.self)
        #expect(document == (try YAMLDecoder().decode(Document.self, from: text)))
        #expect(document.entries.map(\.count) == [31, 3, 1000])
        #expect(document.entries[0].flag == true && document.entries[0].share == 0.5 && document.entries[0].big == 9_007_199_254_740_993)
        #expect(document.entries[2].share == -Double.infinity && document.entries[2].level == .parent)
        #expect(document.notes?["first"] == [1, 2])
    }

    @Test(arguments: [
        "entries: [{name: a}]",
        "entries: [{name: a, count: many}]",
        "entries: [{name: [a], count: 1}]",
        "entries: {name: a}",
        "entries: [a]",
        "entries: [{name: a, count: 1, level: nowhere}]",
        "entries: [{name: a, count: 1, tags: x}]",
        "entries: [{name: a, count: 1, labels: [en]}]",
        "entries: [{name: a, count: 1, flag: maybe}]",
        "entries: [{name: a, count: 1, share: ~}, {name: b, count: 2, big: 1.5}]",
        "notes: {a: [1]}",
        "entries: []\nnotes: {a: [1, x]}",
        "entries: [{name: ~, count: 1}]",
        "[1, 2]",
        "",
        "!custom entries: []",
        "!!str entries: []",
        "'entries': [{name: a, count: 1}]",
        "entries: [{<<: {name: a}, count: 1}]",
        "entries: [{name: a, count: 1, labels: {'<<': x}}]",
        "entries: [{name: a, count: 1, labels: {'<<': x, en: y}}]",
    ])
    func givesYamsErrors(_ text: String) {
        let (ours, yams) = both(text)
        #expect(ours == yams)
    }

    /// Yams's scalars beyond the five the decoder names: constructed by Yams's own conversions (a hex
    /// `Int8`, a timestamp `Date`), as `YAMLDecoder` does, so each must be known as a scalar.
    struct OtherScalars: Codable, Equatable {
        var small: Int8
        var count: UInt16
        var ratio: Float
        var amount: Decimal
        var date: Date
        var id: UUID
        var link: URL
    }

    @Test func givesYamsOtherScalars() throws {
        let text = """
            small: 0x1F
            count: 1_000
            ratio: .5
            amount: 1.25
            date: 2025-01-02
            id: 123E4567-E89B-12D3-A456-426614174000
            link: https://example.org/a
            """
        let parser = try Parser(yaml: text, resolver: Resolver.basic.appending(.merge), encoding: .default)
        let scalars = try YAMLNodeDecoder(try parser.singleRoot() ?? "").decode(OtherScalars.self)
        #expect(scalars == (try YAMLDecoder().decode(OtherScalars.self, from: text)))
        #expect(scalars.small == 31 && scalars.count == 1000 && scalars.date.timeIntervalSince1970 == 1_735_776_000)
    }

    /// Whether a type is one of Yams's scalars is answered without the runtime's cast, and the answer is
    /// the cast's: each of Yams's scalar types is one, the study's types and containers are none.
    @Test func knowsScalarTypesAsTheRuntimeDoes() {
        let lookups = YAMLNodeDecoder.Lookups(namesByMergeRule: false)
        func agrees<T>(_ type: T.Type) -> Bool {
            let cast = (T.self as? any ScalarConstructible.Type).map { ObjectIdentifier($0) }
            return cast == lookups.scalarType(T.self).map { ObjectIdentifier($0) }
        }
        #expect(YAMLNodeDecoder.Lookups.yamsScalarTypes.count == 19)
        for type in YAMLNodeDecoder.Lookups.yamsScalarTypes {
            let found = lookups.scalarType(type).map { ObjectIdentifier($0) }, agreed = agrees(type)
            #expect(found == ObjectIdentifier(type))
            #expect(agreed)
        }
        #expect(agrees(StudyManifest.self) && agrees(Codebook.self) && agrees(Code.self) && agrees(Instrument.self))
        #expect(agrees(FactorCategory.self) && agrees(Entry.self) && agrees(Document.self) && agrees(OtherScalars.self))
        #expect(agrees([String].self) && agrees([String: String].self) && agrees(Int?.self) && agrees([Code].self))
        #expect(lookups.scalarType(Code.self) == nil && lookups.scalarType(String?.self) == nil)
    }
}

import Foundation

/// Encodes `Encodable` values as the deterministic JSON the tool writes (`results.json`, a report's
/// `tables/<id>.json`): byte for byte what Foundation's `JSONEncoder` writes with the output formatting
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` and its default strategies, several times
/// faster.
///
/// The format: two spaces of indentation a level; `"key" : value`; an object's keys in the
/// lexicographic order of their UTF-8 bytes (a key encoded twice keeps its last value); an empty array
/// or object still opened and closed on lines of their own; no newline at the end. Strings escape `"`,
/// `\`, and the control characters (`\b`, `\f`, `\n`, `\r`, `\t`, else `\u00xx`), and nothing else.
/// Integers as their decimal digits; a `Double` or `Float` as its shortest round-trip `description`,
/// without a trailing `.0` (`2.0` as `2`, `1e-08` as is); NaN and the infinities are an error, as in
/// `JSONEncoder`. `Data` as Base64, `URL` as its absolute string, `Decimal` as its description, a `Date`
/// as its own encoding (seconds since 2001), as `JSONEncoder`'s default strategies do.
///
/// ```swift
/// let data = try SortedJSONEncoder().encode(results)
/// ```
public struct SortedJSONEncoder: Sendable {
    public init() {}

    /// The JSON of `value`.
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point value, or what the value's
    ///   own encoding throws.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        let root = try JSONTreeEncoder.node(of: value, parent: nil, key: nil)
        var writer = JSONTextWriter()
        writer.write(root, indent: 0)
        return Data(writer.bytes)
    }

    /// One element of an array that is a member of a top-level object, encoded on its own (on any
    /// thread) for ``encode(_:member:elements:)``.
    public struct ArrayElement: Sendable {
        fileprivate let text: [UInt8]
    }

    /// The JSON of `value` as an element of an array member of the top-level object of
    /// ``encode(_:member:elements:)``: its text at that nesting level.
    /// - Throws: as ``encode(_:)``.
    public func arrayElement<T: Encodable>(_ value: T) throws -> ArrayElement {
        var writer = JSONTextWriter()
        writer.write(try JSONTreeEncoder.node(of: value, parent: nil, key: nil), indent: 2)
        return ArrayElement(text: writer.bytes)
    }

    /// The JSON of `value`, a value encoded as an object, with its member `member` (encoded as an empty
    /// array) holding `elements` instead: the bytes ``encode(_:)`` gives for `value` with those elements
    /// in that array, when the elements were encoded apart (``arrayElement(_:)``, several at once).
    /// - Throws: as ``encode(_:)``; `EncodingError.invalidValue` when `value` has no member `member`.
    public func encode<T: Encodable>(_ value: T, member: String, elements: [ArrayElement]) throws -> Data {
        let root = try JSONTreeEncoder.node(of: value, parent: nil, key: nil)
        guard case .object(let object) = root, let index = object.members.lastIndex(where: { $0.key == member }) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "no member \(member) to put the elements in"))
        }
        let array = JSONArray()
        array.elements = elements.map { .text($0.text) }
        object.members[index].value = .array(array)
        var writer = JSONTextWriter()
        writer.write(root, indent: 0)
        return Data(writer.bytes)
    }
}

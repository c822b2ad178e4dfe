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
        let writer = JSONStreamWriter(level: 0, capacity: 1 << 16)
        try writer.encode(value, key: nil, level: 0)
        return Data(buffer: writer.bytes.text)
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
        let writer = JSONStreamWriter(level: 2, capacity: 1 << 16)
        try writer.encode(value, key: nil, level: 2)
        return ArrayElement(text: Array(writer.bytes.text))
    }

    /// The JSON of `value`, a value encoded as an object, with its member `member` (encoded as an empty
    /// array) holding `elements` instead: the bytes ``encode(_:)`` gives for `value` with those elements
    /// in that array, when the elements were encoded apart (``arrayElement(_:)``, several at once).
    /// - Throws: as ``encode(_:)``; `EncodingError.invalidValue` when `value` has no member `member`.
    public func encode<T: Encodable>(_ value: T, member: String, elements: [ArrayElement]) throws -> Data {
        try openDocument(value, member: member).closed(with: elements)
    }

    /// A document written but for the elements of one array member of its top-level object
    /// (``openDocument(_:member:)``): the text before and after them, so that the document can be
    /// written on one thread while its elements are encoded on others, and the pieces joined.
    public struct OpenDocument: Sendable {
        /// The text up to the first element: through the array's opening line and the first element's indentation.
        fileprivate let head: [UInt8]
        /// The text after the last element: from the line that closes the array.
        fileprivate let tail: [UInt8]
        /// The indentation of an element (the end of `head`).
        fileprivate let indent: Int

        /// The document with `elements` in its open array: the bytes ``encode(_:member:elements:)`` gives.
        /// The pieces are copied once, into one allocation of the document's size that the `Data` returned
        /// owns (the results of S are 1.1 MB: a byte array copied into `Data` after them touched as many
        /// fresh pages again).
        public func closed(with elements: [ArrayElement]) -> Data {
            let separator = [UInt8(ascii: ","), UInt8(ascii: "\n")] + repeatElement(UInt8(ascii: " "), count: indent)
            // An empty array is opened and closed on lines of their own, with nothing indented between.
            let opening = elements.isEmpty ? head.dropLast(indent) : head[...]
            let count = opening.count + tail.count + elements.reduce(0) { $0 + $1.text.count }
                + separator.count * max(elements.count - 1, 0)
            let start = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 1).bindMemory(to: UInt8.self, capacity: count)
            var end = start
            func put(_ bytes: some Collection<UInt8>) {
                let written = UnsafeMutableBufferPointer(start: end, count: bytes.count).initialize(from: bytes).1
                end += written
            }
            put(opening)
            for (position, element) in elements.enumerated() {
                if position > 0 { put(separator) }
                put(element.text)
            }
            put(tail)
            precondition(end - start == count, "the document's size")
            return Data(bytesNoCopy: start, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() })
        }
    }

    /// `value`, a value encoded as an object, written with its member `member` left open for elements
    /// encoded apart (``OpenDocument/closed(with:)``).
    /// - Throws: as ``encode(_:)``; `EncodingError.invalidValue` when `value` has no member `member`.
    public func openDocument<T: Encodable>(_ value: T, member: String) throws -> OpenDocument {
        let writer = JSONStreamWriter(level: 0, capacity: 1 << 16)
        writer.spliceKey = Array(member.utf8)
        try writer.encode(value, key: nil, level: 0)
        guard let splice = writer.splice else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "no member \(member) to put the elements in"))
        }
        // The member's value replaced by an array opened for its elements, closed after them.
        let indent = 4
        let head = writer.bytes.array(0..<splice.lowerBound) + Array("[\n".utf8) + repeatElement(UInt8(ascii: " "), count: indent)
        let tail = Array("\n  ]".utf8) + writer.bytes.array(splice.upperBound..<writer.bytes.count)
        return OpenDocument(head: Array(head), tail: tail, indent: indent)
    }
}

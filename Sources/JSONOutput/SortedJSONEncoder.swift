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
}

import Foundation

/// Decodes a `Decodable` value from JSON text, as Foundation's `JSONDecoder` with its default strategies
/// does, but only for the JSON the tool writes: it throws where it is not sure to read what `JSONDecoder`
/// reads, and the caller then decodes with `JSONDecoder` (whose result, or error, is the one to show).
///
/// What it reads it reads as `JSONDecoder`: the same strings, `Int`s (and `Int64`s, `UInt64`s), `Bool`s
/// and `Double`s (each number's text through the standard library's correctly rounded conversion, as
/// `JSONDecoder`'s), the same keys (a member is found by its exact name), `null` as a missing optional.
/// What it throws at (leaving it to `JSONDecoder`): text that is not strict JSON or that ``JSONTape``
/// refuses (keys out of order or escaped, deep nesting), an integer written with a fraction or an
/// exponent or as `-0`, a negative unsigned one, a number out of range, a zero written with an exponent
/// or read from a number that is not zero, any other number type, `Date`, `Data`, `URL`, `Decimal`, and a
/// missing key's `superDecoder(forKey:)`.
///
/// ```swift
/// let results = try JSONTapeDecoder().decode(Results.self, from: bytes)
/// ```
public struct JSONTapeDecoder: Sendable {
    public init() {}

    /// The value of type `type` that the document holds.
    /// - Throws: an error for text it does not parse or values it leaves to `JSONDecoder` (even where the
    ///   type's `init(from:)` caught the error and went on), `DecodingError` as the type's decoding throws.
    public func decode<T: Decodable>(_ type: T.Type, from document: some Collection<UInt8>) throws -> T {
        let tape = try JSONTape(document)
        let value = try JSONTapeValueDecoder.value(T.self, at: 0, in: tape, path: .root, key: nil)
        guard !tape.leftToJSONDecoder else { throw JSONTape.Refusal(offset: 0) }
        return value
    }
}

/// The decoder of one value of a ``JSONTape``, and its single-value container.
struct JSONTapeValueDecoder: Decoder, SingleValueDecodingContainer {
    let tape: JSONTape
    let index: Int
    let path: JSONCodingPath

    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard tape[index].kind == .object else { throw Self.mismatch([String: Any].self, at: path, found: tape[index]) }
        return KeyedDecodingContainer(JSONTapeKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard tape[index].kind == .array else { throw Self.mismatch([Any].self, at: path, found: tape[index]) }
        return JSONTapeUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { tape[index].kind == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try Self.value(T.self, at: index, in: tape, path: path, key: nil)
    }

    /// The value at entry `index`, the child `key` of `path` (or `path` itself when `key` is `nil`): the
    /// scalars read from the tape without a decoder, other types decoded by their `init(from:)`.
    static func value<T: Decodable>(_ type: T.Type, at index: Int, in tape: JSONTape, path: JSONCodingPath, key: (any CodingKey)?) throws -> T {
        // Metatype comparisons, not casts: the scalars without a conformance look-up, and handed back as
        // `T` without a dynamic cast (`T` is that very type).
        if T.self == String.self { return unsafeBitCast(try scalar(tape.string(at: index), at: index, in: tape, path: path, key: key), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try scalar(tape.integer(at: index) as Int?, at: index, in: tape, path: path, key: key), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try scalar(tape.double(at: index), at: index, in: tape, path: path, key: key), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try scalar(tape.bool(at: index), at: index, in: tape, path: path, key: key), to: T.self) }
        if T.self == UInt64.self {
            return unsafeBitCast(try scalar(tape.integer(at: index) as UInt64?, at: index, in: tape, path: path, key: key), to: T.self)
        }
        if T.self == Int64.self {
            return unsafeBitCast(try scalar(tape.integer(at: index) as Int64?, at: index, in: tape, path: path, key: key), to: T.self)
        }
        let childPath = key.map { JSONCodingPath.key($0, path) } ?? path
        if unsupported.contains(where: { $0 == T.self }) {
            tape.leftToJSONDecoder = true
            throw DecodingError.typeMismatch(
                T.self, .init(codingPath: childPath.keys, debugDescription: "\(T.self) is left to JSONDecoder."))
        }
        return try T(from: JSONTapeValueDecoder(tape: tape, index: index, path: childPath))
    }

    /// Types `JSONDecoder` reads in its own way (a strategy, a check of range), or whose `init(from:)`
    /// asks the single-value container for the type itself: not read here.
    private static let unsupported: [Any.Type] = {
        var types: [Any.Type] = [
            Float.self, Int8.self, Int16.self, Int32.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, Date.self, Data.self,
            URL.self, Decimal.self,
        ]
        if #available(macOS 15, *) { types += [Int128.self, UInt128.self] }
        return types
    }()

    private static func scalar<T>(_ value: T?, at index: Int, in tape: JSONTape, path: JSONCodingPath, key: (any CodingKey)?) throws -> T {
        guard let value else { throw mismatch(T.self, at: key.map { .key($0, path) } ?? path, found: tape[index]) }
        return value
    }

    static func mismatch(_ type: Any.Type, at path: JSONCodingPath, found entry: JSONTape.Entry) -> DecodingError {
        .typeMismatch(type, .init(codingPath: path.keys, debugDescription: "Expected to decode \(type) but found \(entry.kind) instead."))
    }
}

/// Where a value stands in the document, kept as links to the parent's and turned into keys only for an
/// error or a type that asks.
indirect enum JSONCodingPath {
    case root
    case key(any CodingKey, JSONCodingPath)

    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while case .key(let key, let parent) = node {
            keys.append(key)
            node = parent
        }
        return keys.reversed()
    }
}

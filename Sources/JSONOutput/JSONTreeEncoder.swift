import Foundation

/// The `Encoder` behind ``SortedJSONEncoder``: turns a value into a ``JSONNode`` tree, as `JSONEncoder`
/// does with its default strategies (see ``SortedJSONEncoder`` for the special types).
///
/// Its coding path is found from its parent only when asked for (an error, or a type that reads it), so
/// that a nested value costs one small object and no array.
final class JSONTreeEncoder: Encoder {
    /// What was encoded through this encoder (`nil`: nothing yet).
    var node: JSONNode?
    private let parent: JSONTreeEncoder?
    private let key: (any CodingKey)?

    init(parent: JSONTreeEncoder?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The node of `value`, encoded by a new encoder at `key` under `parent`.
    static func node<T: Encodable>(of value: T, parent: JSONTreeEncoder?, key: (any CodingKey)?) throws -> JSONNode {
        // The values results are made of, without an encoder of their own (what their own encoding, through
        // a single-value container, gives; a non-finite number goes that way, for the error's coding path).
        if T.self == Int.self { return .number(String(value as! Int)) }
        if T.self == String.self { return .string(value as! String) }
        if T.self == Double.self, case let number = value as! Double, number.isFinite { return number.jsonNode }
        if T.self == Bool.self { return .bool(value as! Bool) }
        if T.self == Data.self { return .string((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return .string((value as! URL).absoluteString) }
        if T.self == Decimal.self { return .number((value as! Decimal).description) }
        let encoder = JSONTreeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        return encoder.node ?? .object(JSONObject())
    }

    /// A floating-point number's text: its shortest round-trip description, without a trailing `.0`.
    func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, key: (any CodingKey)?) throws -> JSONNode {
        guard value.isFinite else {
            let name = value.isNaN ? "\(F.self).nan" : value < 0 ? "-\(F.self).infinity" : "\(F.self).infinity"
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath + (key.map { [$0] } ?? []),
                debugDescription: "Unable to encode \(name) directly in JSON."))
        }
        return value.jsonNode
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONObject
        if case .object(let existing) = node {
            object = existing
        } else {
            object = JSONObject()
            node = .object(object)
        }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self, object: object))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONArray
        if case .array(let existing) = node {
            array = existing
        } else {
            array = JSONArray()
            node = .array(array)
        }
        return JSONUnkeyedContainer(encoder: self, array: array)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONSingleValueContainer(encoder: self) }

    /// An encoder at the same coding path, for a value encoded through a single-value container.
    func sibling() -> (parent: JSONTreeEncoder?, key: (any CodingKey)?) { (parent, key) }
}

/// A position in an array, as a coding key.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

extension BinaryFloatingPoint where Self: LosslessStringConvertible {
    /// The node of a finite number: its shortest round-trip description, without a trailing `.0`.
    fileprivate var jsonNode: JSONNode {
        var text = description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

/// The keyed container of ``JSONTreeEncoder``: members appended to an object.
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let object: JSONObject
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func add(_ node: JSONNode, _ key: Key) { object.members.append((key.stringValue, node)) }

    mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { add(try encoder.number(value, key: key), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { add(try encoder.number(value, key: key), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { add(.number(String(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.number(String(value)), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        add(try JSONTreeEncoder.node(of: value, parent: encoder, key: key), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        add(.object(nested), key)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: JSONTreeEncoder(parent: encoder, key: key), object: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        add(.array(nested), key)
        return JSONUnkeyedContainer(encoder: JSONTreeEncoder(parent: encoder, key: key), array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let superKey = JSONSuperKey()
        let child = JSONTreeEncoder(parent: encoder, key: superKey)
        object.members.append((superKey.stringValue, .deferred(child)))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = JSONTreeEncoder(parent: encoder, key: key)
        add(.deferred(child), key)
        return child
    }
}

/// The key `super`, of `superEncoder()`.
struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// The unkeyed container of ``JSONTreeEncoder``: elements appended to an array.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let array: JSONArray
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private func add(_ node: JSONNode) { array.elements.append(node) }
    private var nextKey: JSONIndexKey { JSONIndexKey(array.elements.count) }

    mutating func encodeNil() throws { add(.null) }
    mutating func encode(_ value: Bool) throws { add(.bool(value)) }
    mutating func encode(_ value: String) throws { add(.string(value)) }
    mutating func encode(_ value: Double) throws { add(try encoder.number(value, key: nextKey)) }
    mutating func encode(_ value: Float) throws { add(try encoder.number(value, key: nextKey)) }
    mutating func encode(_ value: Int) throws { add(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { add(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { add(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { add(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { add(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { add(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { add(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { add(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { add(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { add(.number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        add(try JSONTreeEncoder.node(of: value, parent: encoder, key: nextKey))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONObject()
        let child = JSONTreeEncoder(parent: encoder, key: nextKey)
        add(.object(nested))
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: child, object: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONArray()
        let child = JSONTreeEncoder(parent: encoder, key: nextKey)
        add(.array(nested))
        return JSONUnkeyedContainer(encoder: child, array: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let child = JSONTreeEncoder(parent: encoder, key: nextKey)
        add(.deferred(child))
        return child
    }
}

/// The single-value container of ``JSONTreeEncoder``: sets the encoder's node.
struct JSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ node: JSONNode) { encoder.node = node }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try encoder.number(value, key: nil)) }
    mutating func encode(_ value: Float) throws { set(try encoder.number(value, key: nil)) }
    mutating func encode(_ value: Int) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int8) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { set(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { set(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { set(.number(String(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let (parent, key) = encoder.sibling()
        set(try JSONTreeEncoder.node(of: value, parent: parent, key: key))
    }
}

/// The keyed container of ``JSONStreamEncoder``: members written into its frame's object.
struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    let frame: Int
    var codingPath: [any CodingKey] { writer.codingPath(frame) }

    private func begin(_ key: Key) { writer.beginMember(frame, key: key.stringValue) }
    private func end() { writer.endMember() }

    mutating func encodeNil(forKey key: Key) throws { begin(key); writer.appendASCII("null"); end() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { begin(key); writer.writeBool(value); end() }
    mutating func encode(_ value: String, forKey key: Key) throws { begin(key); writer.writeString(value); end() }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        begin(key); try writer.writeNumber(value, codingPath: codingPath + [key]); end()
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        begin(key); try writer.writeNumber(value, codingPath: codingPath + [key]); end()
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int8, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int16, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int32, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int64, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { begin(key); writer.writeInteger(value); end() }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        begin(key)
        try writer.encode(value, key: key, level: writer.level(frame) + 1)
        end()
    }

    // Optional members, here rather than through the protocol's generic defaults.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { if let value { try encode(value, forKey: key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        begin(key)
        let child = writer.child(of: frame, key: key)
        child.open(0, keyed: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: child, frame: 0))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        let child = writer.child(of: frame, key: key)
        child.open(0, keyed: false)
        return JSONStreamUnkeyedContainer(writer: child, frame: 0)
    }

    mutating func superEncoder() -> any Encoder {
        let key = JSONSuperKey()
        writer.beginMember(frame, key: key.stringValue)
        return JSONStreamEncoder(writer: writer.child(of: frame, key: key), frame: 0)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        return JSONStreamEncoder(writer: writer.child(of: frame, key: key), frame: 0)
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

/// A dictionary's key, as a coding key (as the standard library's dictionary encoding makes it).
struct JSONStringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { Int(stringValue) }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}

/// A position in an array, as a coding key.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The unkeyed container of ``JSONStreamEncoder``: elements written into its frame's array.
struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    let frame: Int
    var codingPath: [any CodingKey] { writer.codingPath(frame) }
    var count: Int { writer.count(frame) }

    /// The coding key of the next element.
    private var nextKey: JSONIndexKey { JSONIndexKey(count) }
    private func begin() { writer.beginMember(frame, key: nil) }
    private func end() { writer.endMember() }

    mutating func encodeNil() throws { begin(); writer.appendASCII("null"); end() }
    mutating func encode(_ value: Bool) throws { begin(); writer.writeBool(value); end() }
    mutating func encode(_ value: String) throws { begin(); writer.writeString(value); end() }
    mutating func encode(_ value: Double) throws {
        let path = codingPath + [nextKey]
        begin(); try writer.writeNumber(value, codingPath: path); end()
    }
    mutating func encode(_ value: Float) throws {
        let path = codingPath + [nextKey]
        begin(); try writer.writeNumber(value, codingPath: path); end()
    }
    mutating func encode(_ value: Int) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int8) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int16) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int32) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: Int64) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt8) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt16) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt32) throws { begin(); writer.writeInteger(value); end() }
    mutating func encode(_ value: UInt64) throws { begin(); writer.writeInteger(value); end() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = nextKey
        begin()
        try writer.encode(value, key: key, level: writer.level(frame) + 1)
        end()
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        begin()
        let child = writer.child(of: frame, key: key)
        child.open(0, keyed: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: child, frame: 0))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        begin()
        let child = writer.child(of: frame, key: key)
        child.open(0, keyed: false)
        return JSONStreamUnkeyedContainer(writer: child, frame: 0)
    }

    mutating func superEncoder() -> any Encoder {
        let key = nextKey
        begin()
        return JSONStreamEncoder(writer: writer.child(of: frame, key: key), frame: 0)
    }
}

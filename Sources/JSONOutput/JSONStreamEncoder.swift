import Foundation

/// The `Encoder` behind ``SortedJSONEncoder``: one value being encoded, a frame of a
/// ``JSONStreamWriter`` that writes its text as it comes (see ``SortedJSONEncoder`` for the special
/// types). Two words: passing it as `any Encoder` allocates nothing.
struct JSONStreamEncoder: Encoder {
    let writer: JSONStreamWriter
    let frame: Int

    var codingPath: [any CodingKey] { writer.codingPath(frame) }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.open(frame, keyed: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(writer: writer, frame: frame))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.open(frame, keyed: false)
        return JSONStreamUnkeyedContainer(writer: writer, frame: frame)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONStreamSingleValueContainer(writer: writer, frame: frame)
    }
}

extension JSONStreamWriter {
    /// Writes `value`, at nesting level `level` and key `key` (for the coding path), here.
    func encode<T: Encodable>(_ value: T, key: (any CodingKey)?, level: Int) throws {
        // The values results are made of, without an encoder of their own (what their own encoding, through
        // a single-value container, gives; a non-finite number goes that way, for the error's coding path).
        if T.self == Int.self { return writeInteger(value as! Int) }
        if T.self == String.self { return writeString(value as! String) }
        if T.self == Double.self, case let number = value as! Double, number.isFinite { return writeFinite(number) }
        if T.self == Bool.self { return writeBool(value as! Bool) }
        if T.self == Data.self { return writeString((value as! Data).base64EncodedString()) }
        if T.self == URL.self { return writeString((value as! URL).absoluteString) }
        if T.self == Decimal.self { return writeRaw((value as! Decimal).description) }
        // Dictionaries of strings (a text in several languages, a filter), whose own encoding makes a key
        // object per entry and leaves the entries in the dictionary's order: their entries in key order.
        if T.self == [String: String].self { return try writeStringKeyed(value as! [String: String], key: key, level: level) }
        if T.self == [String: [String]].self { return try writeStringKeyed(value as! [String: [String]], key: key, level: level) }
        let frame = push(key: key, level: level)
        try value.encode(to: JSONStreamEncoder(writer: self, frame: frame))
        pop(frame)
    }

    /// Writes `dictionary` as its own encoding does (an object of its entries, whose keys are its keys),
    /// its entries in the order of their keys' UTF-8 bytes, so that none has to be put in order.
    private func writeStringKeyed<Value: Encodable>(_ dictionary: [String: Value], key: (any CodingKey)?, level: Int) throws {
        let frame = push(key: key, level: level)
        open(frame, keyed: true)
        for (entryKey, entryValue) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            beginMember(frame, key: entryKey)
            try encode(entryValue, key: JSONStringKey(entryKey), level: level + 1)
            endMember()
        }
        pop(frame)
    }

    /// Writes a finite number, or throws the error `JSONEncoder` throws for a non-finite one, at
    /// `codingPath`.
    func writeNumber<F: BinaryFloatingPoint & TextOutputStreamable>(_ value: F, codingPath: @autoclosure () -> [any CodingKey]) throws {
        guard value.isFinite else {
            let name = value.isNaN ? "\(F.self).nan" : value < 0 ? "-\(F.self).infinity" : "\(F.self).infinity"
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath(), debugDescription: "Unable to encode \(name) directly in JSON."))
        }
        writeFinite(value)
    }

    /// A writer for a nested container or super encoder of the member begun last in `frame`, which
    /// writes that member's value: `key` is the member's key in the coding path.
    func child(of frame: Int, key: any CodingKey) -> JSONStreamWriter {
        let child = JSONStreamWriter(level: level(frame) + 1, basePath: codingPath(frame) + [key])
        deferMember(frame, to: child)
        _ = child.push(key: nil, level: level(frame) + 1)
        return child
    }
}

/// The single-value container of ``JSONStreamEncoder``: writes the value in its frame's place.
struct JSONStreamSingleValueContainer: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let frame: Int
    var codingPath: [any CodingKey] { writer.codingPath(frame) }

    private func written() { writer.markSingle(frame) }

    mutating func encodeNil() throws { writer.appendASCII("null"); written() }
    mutating func encode(_ value: Bool) throws { writer.writeBool(value); written() }
    mutating func encode(_ value: String) throws { writer.writeString(value); written() }
    mutating func encode(_ value: Double) throws { try writer.writeNumber(value, codingPath: codingPath); written() }
    mutating func encode(_ value: Float) throws { try writer.writeNumber(value, codingPath: codingPath); written() }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value); written() }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value); written() }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // At the same coding path and level: a value of its own frame, without a key.
        try writer.encode(value, key: nil, level: writer.level(frame))
        written()
    }
}

/// An object's container for ``JSONTapeDecoder``: a member is found by its name's bytes among the keys,
/// which the tape holds in strictly increasing byte order (one after another in a small object, by halves
/// in a large one).
struct JSONTapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONTapeValueDecoder
    /// The number of members.
    private let count: Int
    /// The entries of the members' keys (each value follows its key), for an object of more than
    /// ``smallCount`` members; empty for a smaller one.
    private let keyEntries: [Int]
    private static var smallCount: Int { 8 }

    init(decoder: JSONTapeValueDecoder) {
        self.decoder = decoder
        count = decoder.tape[decoder.index].start
        keyEntries = count > Self.smallCount ? Array(Self.keys(of: decoder)) : []
    }

    /// The entries of an object's keys, in order.
    private static func keys(of decoder: JSONTapeValueDecoder) -> UnfoldSequence<Int, (Int, Int)> {
        let tape = decoder.tape
        return sequence(state: (decoder.index + 1, tape[decoder.index].start)) { state in
            guard state.1 > 0 else { return nil }
            let key = state.0
            state = (tape[key + 1].next, state.1 - 1)
            return key
        }
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        Self.keys(of: decoder).compactMap { Key(stringValue: String(decoding: decoder.tape.text(decoder.tape[$0]), as: UTF8.self)) }
    }

    func contains(_ key: Key) -> Bool { valueEntry(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { decoder.tape[try entry(key)].kind == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try JSONTapeValueDecoder.value(T.self, at: try entry(key), in: decoder.tape, path: decoder.path, key: key)
    }

    // What the protocol's own `decodeIfPresent` does (`nil` for a missing key or `null`, else `decode`),
    // with the member looked up once instead of three times (`contains`, `decodeNil`, `decode`).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try valueIfPresent(T.self, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try valueIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try valueIfPresent(type, key) }

    private func valueIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let index = valueEntry(key), decoder.tape[index].kind != .null else { return nil }
        return try JSONTapeValueDecoder.value(T.self, at: index, in: decoder.tape, path: decoder.path, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { try child(SuperKey()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try child(key) }

    private func child(_ key: some CodingKey) throws -> JSONTapeValueDecoder {
        JSONTapeValueDecoder(tape: decoder.tape, index: try entry(key), path: .key(key, decoder.path))
    }

    private func entry(_ key: some CodingKey) throws -> Int {
        guard let index = valueEntry(key) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return index
    }

    /// The entry of the value of the member named as `key`.
    private func valueEntry(_ key: some CodingKey) -> Int? {
        var name = key.stringValue
        let tape = decoder.tape
        return name.withUTF8 { name -> Int? in
            if keyEntries.isEmpty {
                var key = decoder.index + 1
                for _ in 0..<count {
                    if JSONTape.equal(tape.text(tape[key]), name) { return key + 1 }
                    key = tape[key + 1].next
                }
                return nil
            }
            var low = 0
            var high = keyEntries.count
            while low < high {
                let middle = (low + high) / 2
                let text = tape.text(tape[keyEntries[middle]])
                if JSONTape.equal(text, name) { return keyEntries[middle] + 1 }
                if JSONTape.precedes(text, name) { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    /// The key of `superDecoder()`.
    private struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}

/// An array's container for ``JSONTapeDecoder``: one element after another.
struct JSONTapeUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONTapeValueDecoder
    let count: Int?
    private(set) var currentIndex = 0
    /// The entry of the current element.
    private var position: Int

    init(decoder: JSONTapeValueDecoder) {
        self.decoder = decoder
        count = decoder.tape[decoder.index].start
        position = decoder.index + 1
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var isAtEnd: Bool { currentIndex >= count! }

    mutating func decodeNil() throws -> Bool {
        try checkNotAtEnd(Any?.self)
        guard decoder.tape[position].kind == .null else { return false }
        moveOn()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try checkNotAtEnd(T.self)
        let value = try JSONTapeValueDecoder.value(T.self, at: position, in: decoder.tape, path: decoder.path, key: IndexKey(intValue: currentIndex))
        moveOn()
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try checkNotAtEnd(KeyedDecodingContainer<NestedKey>.self)
        let container = try element().container(keyedBy: type)
        moveOn()
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try checkNotAtEnd((any UnkeyedDecodingContainer).self)
        let container = try element().unkeyedContainer()
        moveOn()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        try checkNotAtEnd((any Decoder).self)
        let element = element()
        moveOn()
        return element
    }

    private func element() -> JSONTapeValueDecoder {
        JSONTapeValueDecoder(tape: decoder.tape, index: position, path: .key(IndexKey(intValue: currentIndex), decoder.path))
    }

    private mutating func moveOn() {
        position = decoder.tape[position].next
        currentIndex += 1
    }

    private func checkNotAtEnd(_ type: Any.Type) throws {
        guard isAtEnd else { return }
        throw DecodingError.valueNotFound(
            type, .init(codingPath: codingPath + [IndexKey(intValue: currentIndex)], debugDescription: "Unkeyed container is at end."))
    }

    /// An element's place in an array.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

import Foundation
import Yams

/// Decodes a `Decodable` value from a composed YAML ``Node`` tree, as Yams's `YAMLDecoder` does, without
/// its run-time type checks.
///
/// Yams's decoder asks the runtime for every value it decodes whether the type is `ScalarConstructible`
/// and whether the value is `YamlAnchorCoding`: thousands of conformance look-ups for a codebook, most of
/// the CPU time of reading the study's YAML files. This decoder constructs the scalars the study's files
/// hold (`String`, `Int`, `Int64`, `Double`, `Bool`) with Yams's own `construct(from:)`, compares
/// metatypes for them instead of casting, and finds Yams's other scalar types by metatype too
/// (``Lookups/scalarType(_:)``). Everything a reader sees is Yams's: the same scalar conversions, the
/// same merge keys (`<<`), the same key look-up (the last pair whose key equals the name), and the same
/// `DecodingError`s with the same coding paths and expected types, so ``YAMLFile``'s messages, lines and
/// columns do not change.
///
/// Not carried over: Yams's `aliasDereferencingStrategy` (the study's readers never set one) and its
/// `YamlAnchorCoding` / `YamlTagProviding` keys (no study type adopts them).
struct YAMLNodeDecoder: Decoder {
    let node: Node
    let codingPath: [any CodingKey]
    /// What the decoders of one tree look up once and share (``Lookups``).
    let lookups: Lookups
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The decoder of a tree's root. The tree's nodes come from one parser (one resolver), as a parsed
    /// document's do. `namesByMergeRule`: resolve a looked-up name the merge rule may match with
    /// ``YAMLFile/mergeResolver``, not the parser's resolver (``YAMLFile`` parses a text that holds no
    /// merge key without the merge rule, and resolves names with it as before).
    init(_ node: Node, codingPath: [any CodingKey] = [], namesByMergeRule: Bool = false) {
        self.init(node, codingPath: codingPath, lookups: Lookups(namesByMergeRule: namesByMergeRule))
    }

    private init(_ node: Node, codingPath: [any CodingKey], lookups: Lookups) {
        self.node = node
        self.codingPath = codingPath
        self.lookups = lookups
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let mapping = node.mapping else {
            throw Self.typeMismatch(at: codingPath, expectation: Node.Mapping.self, reality: node)
        }
        return KeyedDecodingContainer(Keyed<Key>(decoder: self, pairs: Self.flattened(mapping), tag: mapping.tag))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let sequence = node.sequence else {
            throw Self.typeMismatch(at: codingPath, expectation: Node.Sequence.self, reality: node)
        }
        return Unkeyed(decoder: self, nodes: Array(sequence))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// The decoder of a child node, one key further down.
    func child(_ node: Node, key: any CodingKey) -> YAMLNodeDecoder {
        YAMLNodeDecoder(node, codingPath: codingPath + [key], lookups: lookups)
    }

    /// The error Yams gives for a node of the wrong kind: "Expected to decode X but found Y instead."
    static func typeMismatch(at codingPath: [any CodingKey], expectation: Any.Type, reality: Any) -> DecodingError {
        .typeMismatch(
            expectation,
            .init(codingPath: codingPath, debugDescription: "Expected to decode \(expectation) but found \(type(of: reality)) instead."))
    }

    /// A mapping's pairs with merge keys (`<<`) resolved, as Yams's internal `Node.Mapping.flatten()`: the
    /// merged mappings' pairs first (a sequence of mappings in reverse order), then the mapping's own.
    static func flattened(_ mapping: Node.Mapping) -> [(key: Node, value: Node)] {
        var merged: [(key: Node, value: Node)] = []
        var own: [(key: Node, value: Node)] = []
        for pair in mapping {
            guard pair.key.tag.rawValue == Tag.Name.merge.rawValue else {
                own.append(pair)
                continue
            }
            switch pair.value {
            case .mapping(let inner):
                merged.append(contentsOf: flattened(inner))
            case .sequence(let sequence):
                for inner in sequence.compactMap({ $0.mapping.map(flattened) }).reversed() {
                    merged.append(contentsOf: inner)
                }
            default:
                break
            }
        }
        return merged + own
    }
}

extension YAMLNodeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node.null != nil }

    func decode(_ type: String.Type) throws -> String { try scalar(String.self) }
    func decode(_ type: Int.Type) throws -> Int { try scalar(Int.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar(Int64.self) }
    func decode(_ type: Double.Type) throws -> Double { try scalar(Double.self) }
    func decode(_ type: Bool.Type) throws -> Bool { try scalar(Bool.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // Metatype comparisons, not casts: the scalars of the study's files without a conformance look-up.
        if T.self == String.self { return try scalar(String.self) as! T }
        if T.self == Int.self { return try scalar(Int.self) as! T }
        if T.self == Int64.self { return try scalar(Int64.self) as! T }
        if T.self == Double.self { return try scalar(Double.self) as! T }
        if T.self == Bool.self { return try scalar(Bool.self) as! T }
        if let constructible = lookups.scalarType(T.self) {
            return try scalar(constructible) as! T
        }
        return try T(from: self)
    }

    /// A scalar built by Yams's own conversion; a node that is no scalar, or a scalar the type cannot
    /// take, is the type mismatch Yams reports.
    private func scalar<T: ScalarConstructible>(_ type: T.Type) throws -> T {
        let scalar: Node.Scalar
        switch node {
        case .scalar(let value): scalar = value
        case .mapping(let mapping): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: mapping)
        case .sequence(let sequence): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: sequence)
        case .alias(let alias): throw Self.typeMismatch(at: codingPath, expectation: Node.Scalar.self, reality: alias)
        }
        guard let value = type.construct(from: scalar) else {
            throw Self.typeMismatch(at: codingPath, expectation: type, reality: scalar)
        }
        return value
    }
}

extension YAMLNodeDecoder {
    /// A mapping's container: the value of a key is that of the last pair whose key equals it.
    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: YAMLNodeDecoder
        let pairs: [(key: Node, value: Node)]
        /// Each pair's key as Yams's `Node.string` gives it, read once for every look-up.
        let keyTexts: [String?]
        /// The mapping's tag, whose resolver resolves a looked-up name as Yams's `Node.Mapping[string]` does.
        let tag: Tag

        init(decoder: YAMLNodeDecoder, pairs: [(key: Node, value: Node)], tag: Tag) {
            self.decoder = decoder
            self.pairs = pairs
            keyTexts = pairs.map(\.key.string)
            self.tag = tag
        }

        var codingPath: [any CodingKey] { decoder.codingPath }
        var allKeys: [Key] { keyTexts.compactMap { $0.flatMap(Key.init(stringValue:)) } }

        func contains(_ key: Key) -> Bool { value(for: key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try child(for: key).decodeNil() }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(for: key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(for: key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(for: key).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { try child(for: SuperKey()) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try child(for: key) }

        /// Yams compares every key with `Node(name, tag.copy(with: .implicit))`, the text and the resolved
        /// tag; the tag (a regular expression match) is resolved here only for a key whose text matches,
        /// and once per name in a tree (``Lookups/resolvedTag(of:in:)``). Only a scalar key can equal the
        /// scalar name, when their texts and their resolved tags are equal (Yams's `Node.Scalar.==`).
        private func value(for key: any CodingKey) -> Node? {
            let text = key.stringValue
            for index in pairs.indices.reversed() where keyTexts[index] == text {
                guard case .scalar = pairs[index].key else { continue }
                if pairs[index].key.tag.rawValue == decoder.lookups.resolvedTag(of: text, in: tag) { return pairs[index].value }
            }
            return nil
        }

        private func child(for key: any CodingKey) throws -> YAMLNodeDecoder {
            guard let node = value(for: key) else {
                throw DecodingError.keyNotFound(
                    key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
            }
            return decoder.child(node, key: key)
        }
    }

    /// A sequence's container, one element after another.
    struct Unkeyed: UnkeyedDecodingContainer {
        let decoder: YAMLNodeDecoder
        let nodes: [Node]
        private(set) var currentIndex = 0

        init(decoder: YAMLNodeDecoder, nodes: [Node]) {
            self.decoder = decoder
            self.nodes = nodes
        }

        var codingPath: [any CodingKey] { decoder.codingPath }
        var count: Int? { nodes.count }
        var isAtEnd: Bool { currentIndex >= nodes.count }

        mutating func decodeNil() throws -> Bool { try next(Any?.self) { $0.decodeNil() } }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(T.self) { try $0.decode(type) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next(KeyedDecodingContainer<NestedKey>.self) { try $0.container(keyedBy: type) }
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
        }

        mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) { $0 } }

        /// Decodes the current element and moves on; at the end, the error Yams gives.
        private mutating func next<T>(_ type: Any.Type, _ body: (YAMLNodeDecoder) throws -> T) throws -> T {
            let key = IndexKey(intValue: currentIndex)
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end."))
            }
            let value = try body(decoder.child(nodes[currentIndex], key: key))
            currentIndex += 1
            return value
        }
    }

    /// What the decoders of one tree look up once: the tag a looked-up name resolves to (all the tree's
    /// tags share the parser's resolver; one tree is decoded on one thread), and whether a type is one of
    /// Yams's scalars (a conformance look-up of the runtime per call otherwise; once per process).
    final class Lookups {
        private let namesByMergeRule: Bool
        private var tags: [String: String] = [:]

        init(namesByMergeRule: Bool) {
            self.namesByMergeRule = namesByMergeRule
        }

        /// The tag `Node(name, tag.copy(with: .implicit))` resolves to, by its raw value: with
        /// ``YAMLFile/mergeResolver`` for a name the merge rule may match (one holding `<<`) where names
        /// are resolved by the merge rule, else with the parser's (a resolver without rules, or with the
        /// merge rule only, resolves any other name as `str`).
        func resolvedTag(of name: String, in tag: Tag) -> String {
            if let resolved = tags[name] { return resolved }
            let resolver = namesByMergeRule && YAMLFile.mayMatchMergeRule(name) ? YAMLFile.mergeResolver : nil
            let resolved = Node(name, tag.copy(with: .implicit, resolver: resolver)).tag.rawValue
            tags[name] = resolved
            return resolved
        }

        /// `type as? any ScalarConstructible.Type`, answered without the runtime: `type` compared with the
        /// types Yams makes `ScalarConstructible` (``yamsScalarTypes``). The runtime's look-up of a
        /// conformance a type lacks passes over every conformance record of the binary (about 7,500) the
        /// first time it is asked; every study type the decoder meets that is no scalar was such a pass.
        func scalarType<T>(_ type: T.Type) -> (any ScalarConstructible.Type)? {
            let id = ObjectIdentifier(type)
            return Self.yamsScalarTypes.first { ObjectIdentifier($0) == id }
        }

        /// Every type Yams 6 declares `ScalarConstructible` (`Constructor.swift`, `Decoder.swift`); no module
        /// of the tool adds one (`YAMLNodeDecoderTests` checks the answers against the runtime's cast). Metatypes,
        /// never changed after the list is made.
        nonisolated(unsafe) static let yamsScalarTypes: [any ScalarConstructible.Type] = [
            String.self, Int.self, Double.self, Bool.self, Int64.self, UInt.self, UInt64.self, Int8.self, Int16.self,
            Int32.self, UInt8.self, UInt16.self, UInt32.self, Float.self, Decimal.self, Date.self, Data.self, URL.self,
            UUID.self,
        ]
    }

    /// An element's place in a sequence.
    struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }

    /// The key of `superDecoder()`.
    struct SuperKey: CodingKey {
        var stringValue: String { "super" }
        var intValue: Int? { nil }
        init() {}
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }
}

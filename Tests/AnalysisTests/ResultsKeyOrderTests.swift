import Analysis
import Foundation
import Ingest
import Storage
import Testing

/// The results' own types (of Analysis and Statistics) encode their members in the order of their keys'
/// bytes, so that `SortedJSONEncoder` writes them as they come instead of putting them in order (the
/// bytes are the same either way: `AnalysisResultsDecodingTests`, `EncodedRunTests`).
@Suite struct ResultsKeyOrderTests {
    /// Another helper's file (Fisher's test), left as it is.
    static let unordered: Set = ["Statistics.FisherExactTest.CodingKeys"]

    @Test func theSampleResultsTypesEncodeTheirKeysInOrder() throws {
        let results = try sampleStudyResults()
        let recorder = KeyOrderRecorder()
        try results.encode(to: recorder)

        var seen: Set<String> = []
        for container in recorder.containers where container.keyType.hasPrefix("Analysis.") || container.keyType.hasPrefix("Statistics.") {
            seen.insert(container.keyType)
            guard !Self.unordered.contains(container.keyType) else { continue }
            let inOrder = zip(container.keys, container.keys.dropFirst()).allSatisfy { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(inOrder, "\(container.keyType): \(container.keys)")
        }
        // Every kind of table, its tests and the disclosure basis were met: the hand-written encoders
        // (cells, columns, survey items, co-occurrence cells, the basis, the table's kind) and the rest.
        for type in ["TableCell", "TableColumn", "SurveyItemDistribution", "CooccurrenceCell", "DisclosureBasis", "TableResult",
                     "AnalysisResults", "CrosstabResult", "RowTest", "ComparisonRow", "CodeAgreement", "JointDisplayRow",
                     "CooccurrencePair", "BasisRow", "BasisPair", "SurveyComparison"] {
            #expect(seen.contains("Analysis.\(type).CodingKeys"), "\(type) not met")
        }
        for type in ["ChiSquareTest", "OddsRatio", "CochranMantelHaenszelTest", "ExactConditionalCMHTest", "BreslowDayTest", "MannWhitneyUTest"] {
            #expect(seen.contains("Statistics.\(type).CodingKeys"), "\(type) not met")
        }
    }
}

/// An `Encoder` that notes the keys of every keyed container in the order they are encoded, and the
/// name of their key type.
final class KeyOrderRecorder: Encoder {
    struct Container {
        let keyType: String
        var keys: [String]
    }
    var containers: [Container] = []
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A private key type's name reads `Module.Type.(unknown context at $…).CodingKeys` (or
        // `Module.Type.(CodingKeys in _…)`): as `Module.Type.CodingKeys`.
        let name = String(reflecting: Key.self)
            .replacingOccurrences(of: #"\.\(unknown context at [^)]*\)"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\(CodingKeys in [^)]*\)"#, with: "CodingKeys", options: .regularExpression)
        containers.append(Container(keyType: name, keys: []))
        return KeyedEncodingContainer(Keyed<Key>(recorder: self, index: containers.count - 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(recorder: self) }
    func singleValueContainer() -> any SingleValueEncodingContainer { Single(recorder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let recorder: KeyOrderRecorder
        let index: Int
        var codingPath: [any CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws { recorder.containers[index].keys.append(key.stringValue) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            recorder.containers[index].keys.append(key.stringValue)
            try value.encode(to: recorder)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            recorder.containers[index].keys.append(key.stringValue)
            return recorder.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            recorder.containers[index].keys.append(key.stringValue)
            return Unkeyed(recorder: recorder)
        }
        mutating func superEncoder() -> any Encoder { recorder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { recorder }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let recorder: KeyOrderRecorder
        var codingPath: [any CodingKey] { [] }
        var count = 0
        mutating func encodeNil() throws { count += 1 }
        mutating func encode<T: Encodable>(_ value: T) throws {
            count += 1
            try value.encode(to: recorder)
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            recorder.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(recorder: recorder) }
        mutating func superEncoder() -> any Encoder { recorder }
    }

    struct Single: SingleValueEncodingContainer {
        let recorder: KeyOrderRecorder
        var codingPath: [any CodingKey] { [] }
        // Scalars end the recursion (the defaults would call the generic method, which calls them).
        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: recorder) }
    }
}

/// A stored property of a result type that is left out of its declared `CodingKeys` is neither written
/// nor read (with a default value, the compiler does not say so): every stored property of every
/// result value of the sample, found by reflection, must be a key its encoding writes (unless `nil`).
@Suite struct ResultsKeysCoverPropertiesTests {
    /// Types whose hand-written `encode(to:)` writes other names than their properties' (tested by their
    /// own suites against `JSONEncoder`'s text).
    static let handWritten: Set = [
        "TableCell", "TableColumn", "SurveyItemDistribution", "CooccurrenceCell", "DisclosureBasis", "TableResult", "BasisRow",
        "BasisPair",
    ]

    @Test func everyStoredPropertyOfTheSampleResultsIsWritten() throws {
        let results = try sampleStudyResults()

        var checked: Set<String> = []
        func visit(_ value: Any) throws {
            let mirror = Mirror(reflecting: value)
            let name = String(reflecting: type(of: value))
            if mirror.displayStyle == .struct, name.hasPrefix("Analysis.") || name.hasPrefix("Statistics."),
               let encodable = value as? any Encodable, !Self.handWritten.contains(where: { name.hasSuffix(".\($0)") }) {
                let recorder = KeyOrderRecorder()
                try encodable.encode(to: recorder)
                let written = Set(recorder.containers.first?.keys ?? [])
                for child in mirror.children {
                    guard let label = child.label, !Self.isNil(child.value) else { continue }
                    #expect(written.contains(label), "\(name).\(label) is not written")
                }
                checked.insert(name)
            }
            for child in mirror.children { try visit(child.value) }
        }
        try visit(results)
        // The walk met the result types whose keys were declared in order.
        for type in ["Analysis.CrosstabResult", "Analysis.RowTest", "Statistics.ChiSquareTest", "Analysis.CodeAgreement"] {
            #expect(checked.contains(type), "\(type) not met")
        }
    }

    private static func isNil(_ value: Any) -> Bool {
        let mirror = Mirror(reflecting: value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }
}

/// The analysis results of the repository's sample study.
func sampleStudyResults(filePath: String = #filePath) throws -> AnalysisResults {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let store = try StudyStore.inMemory()
    let ingester = try StudyIngester(studyDirectory: root.appendingPathComponent("data/sample").path)
    try ingester.ingest(into: store)
    return try StudyAnalysis(manifest: ingester.manifest, store: store).run()
}

import Foundation
import JSONOutput
import Storage
import StudyModel

/// The results of running a study's analysis plan: every table, with what it was computed from.
///
/// `analyze analyze` writes them as JSON (`results.json` in the store folder); `analyze report`
/// renders them. The JSON is deterministic: sorted keys, and the same inputs give the same bytes.
public struct AnalysisResults: Codable, Sendable, Equatable {
    public var toolVersion: String
    public var study: StoredStudy
    public var sourceFiles: [SourceFileRecord]
    public var countries: [String]
    public var roles: [String]
    public var analysedCoders: [String]
    public var minimumBase: Int
    /// Disclosure control: published counts from 1 to `minimumCount − 1` are suppressed.
    public var minimumCount: Int
    /// Disclosure control: whether a count equal to its group's size is hidden (`disclosure.full_cells`).
    public var suppressFullCells: Bool
    /// Whether the counts of these results were passed through disclosure control.
    public var suppressionApplied: Bool = false
    public var participants: Int
    /// Code applications in the analysed coding of the whole study (a segment with three codes counts
    /// three times; a total: never suppressed).
    public var analysedSegments: Int
    /// Distinct coded segments in the analysed coding.
    public var codedSegments: Int = 0
    public var tables: [TableResult]
    /// Levels shown as one group, by variable and group name (`publication.groups`), and display names
    /// of levels (`publication.labels`).
    public var publicationGroups: [String: [String: [String]]] = [:]
    public var levelLabels = LevelLabels()
    /// The table specs of the plan, one per table in the same order: what each table draws and which
    /// findings of the summary it gives.
    public var plan: [TableSpec]
    /// The atoms every count of the tables is a sum of, with their true counts: for disclosure control
    /// only, never published (``DisclosureBasis``); `nil` once the results have been published.
    public var basis: DisclosureBasis?

    /// The results as deterministic JSON (``SortedJSONEncoder``): the tables encoded on all cores
    /// (``ConcurrentMap``), and beside them the rest of the results (the disclosure basis, most of it)
    /// with the tables left open (``SortedJSONEncoder/openDocument(_:member:)``), then joined: the same
    /// bytes as the results encoded whole.
    public func jsonData() throws -> Data {
        let encoder = SortedJSONEncoder()
        let tables = self.tables
        // The rest first: the largest piece, so that it does not start last.
        let pieces = ConcurrentMap.map(0..<(tables.count + 1)) { index -> Result<JSONPiece, any Error> in
            Result {
                index == 0 ? .document(try openDocument(encoder)) : .table(try encoder.arrayElement(tables[index - 1]))
            }
        }
        guard case .document(let document) = try pieces[0].get() else { preconditionFailure("the rest is piece 0") }
        let elements = try pieces.dropFirst().map { piece -> SortedJSONEncoder.ArrayElement in
            guard case .table(let element) = try piece.get() else { preconditionFailure("the tables are pieces 1…") }
            return element
        }
        return document.closed(with: elements)
    }

    /// The results without their tables, encoded with the `tables` member left open for them
    /// (``SortedJSONEncoder/openDocument(_:member:)``): the piece of ``jsonData()`` that is not a table.
    /// `StudyAnalysis.runEncoded()` closes it with tables encoded as they were computed.
    func openDocument(_ encoder: SortedJSONEncoder) throws -> SortedJSONEncoder.OpenDocument {
        var withoutTables = self
        withoutTables.tables = []
        return try encoder.openDocument(withoutTables, member: "tables")
    }

    /// A piece of ``jsonData()``.
    private enum JSONPiece: Sendable {
        case document(SortedJSONEncoder.OpenDocument)
        case table(SortedJSONEncoder.ArrayElement)
    }

    /// Reads results written by ``jsonData()``.
    ///
    /// The tables, most of the file, are decoded on all cores, one table at a time (``ConcurrentMap``),
    /// and the rest of the file with no tables, each by ``JSONTapeDecoder``; what is read is what
    /// decoding the file whole with `JSONDecoder` gives, which is what this does when the tables cannot
    /// be found apart (``JSONMemberArray``) or a piece fails to decode (so that the error is
    /// `JSONDecoder`'s for the whole file).
    public init(jsonData: Data) throws {
        if let results = try? Self.decodedInPieces(jsonData) {
            self = results
        } else {
            self = try JSONDecoder().decode(AnalysisResults.self, from: jsonData)
        }
    }

    /// The results decoded in pieces by ``JSONTapeDecoder``, as ``init(jsonData:)`` does when it can:
    /// `nil` when the tables are not found apart (``JSONMemberArray``).
    /// - Throws: what decoding a piece throws.
    public static func decodedInPieces(_ jsonData: Data) throws -> AnalysisResults? {
        let bytes = [UInt8](jsonData)
        guard let tables = JSONMemberArray(member: "tables", in: bytes) else { return nil }
        // The rest of the file (as large as a large table) first, then the tables.
        let decoded = ConcurrentMap.map(0..<(tables.elements.count + 1)) { index -> Result<DecodedPiece, any Error> in
            Result {
                if index == 0 {
                    return .rest(try JSONTapeDecoder().decode(AnalysisResults.self, from: tables.documentWithEmptyArray(bytes)))
                }
                return .table(try JSONTapeDecoder().decode(TableResult.self, from: bytes[tables.elements[index - 1]]))
            }
        }
        guard case .rest(var results) = try decoded[0].get() else { return nil }
        results.tables = try decoded.dropFirst().map { piece in
            guard case .table(let table) = try piece.get() else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "")) }
            return table
        }
        return results
    }

    /// A piece of ``decodedInPieces(_:)``.
    private enum DecodedPiece: Sendable {
        case rest(AnalysisResults)
        case table(TableResult)
    }

    public init(
        toolVersion: String, study: StoredStudy, sourceFiles: [SourceFileRecord], countries: [String], roles: [String],
        analysedCoders: [String], minimumBase: Int, minimumCount: Int, suppressFullCells: Bool = true, participants: Int, analysedSegments: Int, tables: [TableResult],
        plan: [TableSpec] = [], basis: DisclosureBasis? = nil
    ) {
        self.toolVersion = toolVersion
        self.study = study
        self.sourceFiles = sourceFiles
        self.countries = countries
        self.roles = roles
        self.analysedCoders = analysedCoders
        self.minimumBase = minimumBase
        self.minimumCount = minimumCount
        self.suppressFullCells = suppressFullCells
        self.participants = participants
        self.analysedSegments = analysedSegments
        self.tables = tables
        self.plan = plan
        self.basis = basis
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case analysedCoders, analysedSegments, basis, codedSegments, countries, levelLabels, minimumBase, minimumCount
        case participants, plan, publicationGroups, roles, sourceFiles, study, suppressFullCells, suppressionApplied
        case tables, toolVersion
    }
}

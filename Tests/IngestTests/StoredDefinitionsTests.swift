import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// An ingest hands over the codebook and the instruments it stored (``IngestSummary/stored``), which
/// `analyze run`'s analysis takes instead of the store's: they must be the values the store gives back
/// (``StoreReader/definitions()``), and encode to the same JSON (no text differs by a byte where `==` of
/// `String` would let canonically equivalent texts pass).
@Suite struct StoredDefinitionsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The handed values against those read back from a store built by `ingest(besideStoreAt:)`, as `run`
    /// builds it (and from a store in memory).
    static func expectHandedValuesAreStored(_ directory: String, instruments: Int, codes: Int? = nil) throws {
        let ingester = try StudyIngester(studyDirectory: directory)
        let path = directory + "/.analyze/study.sqlite"
        try FileManager.default.createDirectory(atPath: directory + "/.analyze", withIntermediateDirectories: true)
        let (summary, built) = try ingester.ingest(besideStoreAt: path)
        let handed = try #require(summary.stored)
        let read = try StudyStore(path: built.file).read { try $0.definitions() }
        try built.place()
        #expect(handed == read)
        #expect(handed.instruments.count == instruments)
        if let codes { #expect(handed.codebook.codes.count == codes) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(handed.codebook.codes) == encoder.encode(read.codebook.codes))
        #expect(try encoder.encode(handed.instruments) == encoder.encode(read.instruments))
        #expect(handed.codebook.version == read.codebook.version)
        for code in read.codebook.codes { #expect(handed.codebook.index(of: code.id) == read.codebook.index(of: code.id)) }

        let store = try StudyStore.inMemory()
        let again = try ingester.ingest(into: store)
        #expect(again.stored == handed)
        #expect(try store.read { try $0.definitions() } == handed)
    }

    /// The sample study: the repository's codebook and both instruments (a generated study, `generate-sample`,
    /// uses the same files).
    @Test func theSampleStudysHandedDefinitionsAreTheStoredOnes() throws {
        let study = try sampleStudy(root: Self.root)
        defer { try? FileManager.default.removeItem(atPath: (study as NSString).deletingLastPathComponent) }
        try Self.expectHandedValuesAreStored(study, instruments: 2)
    }

    /// Texts that JSON escapes or that `String`'s `==` would compare loosely (a decomposed é, quotes, a
    /// backslash, a slash, a tab, a character beyond the BMP), an empty alias list and absent optionals.
    @Test func escapedAndDecomposedTextsAreHandedByteForByte() throws {
        let codebook = StudyFixture.codebook
            .replacingOccurrences(
                of: "{id: bar_busy_job, category: barrier, factor: parent, label: {en: Busy job, ru: Занятость, kk: Жұмыс}, description: d}",
                with: #"{id: bar_busy_job, category: barrier, factor: parent, label: {en: "Cafe\u0301 \"job\" / a\\b", ru: Занятость, kk: "\t😀"}, description: "e\u0301", source: "p. 3", aliases: []}"#)
        #expect(codebook != StudyFixture.codebook)
        let fixture = try StudyFixture(codebook: codebook)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectHandedValuesAreStored(fixture.directory, instruments: 1, codes: 8)
        let stored = try #require(try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory()).stored)
        #expect(Array(stored.codebook.codes[0].description.utf8) == Array("e\u{301}".utf8))
        #expect(stored.codebook.codes[0].aliases == [])
    }

    /// A coding tool's code kept as an uncategorised code (`unmapped: keep`) is stored after the codebook's,
    /// and handed over with them.
    @Test func keptCodesAreHandedAfterTheCodebooks() throws {
        let study = try QDPXStudyCopy("QualCoderPilot", editManifest: { $0.replacingOccurrences(of: "unmapped: ignore", with: "unmapped: keep") })
        defer { study.remove() }
        let stored = try #require(try StudyIngester(studyDirectory: study.directory).ingest(into: try StudyStore.inMemory()).stored)
        #expect(stored.codebook.codes.last?.id == "follow_up")
        try Self.expectHandedValuesAreStored(study.directory, instruments: 0)
    }
}

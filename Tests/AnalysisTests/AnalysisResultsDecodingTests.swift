import Analysis
import Foundation
import Ingest
import JSONOutput
import Storage
import StudyModel
import Testing

/// `results.json` is read by ``JSONTapeDecoder`` (in pieces, on all cores) where it can, and by
/// Foundation's `JSONDecoder` where not: the same results either way, and `JSONDecoder`'s error for a
/// damaged file.
@Suite struct AnalysisResultsDecodingTests {
    /// The results of the repository's sample study, as `analyze analyze` writes them.
    static func sampleResults() throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: root.appendingPathComponent("data/sample").path)
        try ingester.ingest(into: store)
        return try StudyAnalysis(manifest: ingester.manifest, store: store).run().jsonData()
    }

    @Test func bothDecodersReadTheSampleResultsAlike() throws {
        let json = try Self.sampleResults()
        let inPieces = try #require(try AnalysisResults.decodedInPieces(json))
        let whole = try JSONTapeDecoder().decode(AnalysisResults.self, from: [UInt8](json))
        let foundation = try JSONDecoder().decode(AnalysisResults.self, from: json)
        #expect(inPieces == foundation)
        #expect(whole == foundation)
        #expect(!foundation.tables.isEmpty && foundation.basis != nil)
        // Re-encoded, every one gives the file's bytes.
        let encoder = SortedJSONEncoder()
        #expect(try encoder.encode(inPieces) == json)
        #expect(try encoder.encode(whole) == json)
        #expect(try encoder.encode(foundation) == json)
    }

    /// A file not written by the tool (keys out of order, integers with a fraction) is read by
    /// `JSONDecoder`: the same results.
    @Test func foreignResultsAreReadByJSONDecoder() throws {
        let json = try Self.sampleResults()
        let results = try JSONDecoder().decode(AnalysisResults.self, from: json)
        let unsorted = try JSONEncoder().encode(results)
        #expect((try? JSONTapeDecoder().decode(AnalysisResults.self, from: [UInt8](unsorted))) == nil)
        #expect(try AnalysisResults(jsonData: unsorted) == results)
        let text = String(decoding: json, as: UTF8.self)
        let fraction = try #require(text.range(of: #""minimumBase" : (\d+)"#, options: .regularExpression))
        let withFraction = Data(text.replacingCharacters(in: fraction, with: text[fraction] + ".0").utf8)
        #expect((try? AnalysisResults.decodedInPieces(withFraction)) == nil)
        #expect(try AnalysisResults(jsonData: withFraction) == results)
    }

    /// A damaged file: the error `JSONDecoder` gives for the whole file.
    @Test func damagedResultsGiveJSONDecodersError() throws {
        let json = try Self.sampleResults()
        for damaged in [json.prefix(json.count / 2), Data(String(decoding: json, as: UTF8.self).replacingOccurrences(of: "\"minimumBase\"", with: "\"minimumbase\"").utf8)] {
            let expected = #expect(throws: DecodingError.self) { try JSONDecoder().decode(AnalysisResults.self, from: damaged) }
            let error = #expect(throws: DecodingError.self) { try AnalysisResults(jsonData: damaged) }
            #expect(error.map { String(describing: $0) } == expected.map { String(describing: $0) })
        }
    }
}

import Analysis
import Foundation
import Ingest
import Storage
import StudyModel
import Testing

/// `StudyAnalysis.runEncoded()` encodes each table in the job that computed it and the rest of the
/// results in the disclosure basis's job: the results of ``StudyAnalysis/run()``, and the bytes of
/// their ``AnalysisResults/jsonData()``.
@Suite struct EncodedRunTests {
    /// The repository's sample study, ingested into a store in memory.
    static func sample() throws -> (manifest: StudyManifest, store: StudyStore) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: root.appendingPathComponent("data/sample").path)
        try ingester.ingest(into: store)
        return (ingester.manifest, store)
    }

    @Test func theSampleStudysResultsAndBytesAreTheRunsAndItsJSON() throws {
        let (manifest, store) = try Self.sample()
        let analysis = try StudyAnalysis(manifest: manifest, store: store)
        let results = try analysis.run()
        let json = try results.jsonData()
        for _ in 0..<3 {
            let (encodedResults, encoded) = try analysis.runEncoded()
            #expect(encodedResults == results)
            #expect(encoded == json)
        }
        #expect(results.tables.count == manifest.plan.count && results.tables.count > 10)
        #expect(try AnalysisResults(jsonData: json) == results)
    }

    /// A table that cannot be computed: `runEncoded()` throws the error `run()` throws.
    @Test func aTableThatFailsFailsTheEncodedRunAlike() throws {
        let (sample, store) = try Self.sample()
        var manifest = sample
        var spec = try #require(manifest.plan.first { $0.rows != .sample && $0.compare == nil && !$0.columns.isEmpty })
        spec.columns = ["no-such-variable"]
        manifest.plan.append(spec)
        let analysis = try StudyAnalysis(manifest: manifest, store: store)
        let expected = #expect(throws: AnalysisError.self) { try analysis.run() }
        let error = #expect(throws: AnalysisError.self) { try analysis.runEncoded() }
        #expect(error == expected && error != nil)
    }
}

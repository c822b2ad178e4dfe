@testable import Analysis
import Foundation
import GRDB
import Ingest
@testable import Storage
import StudyModel
import Testing
import TestSupport

/// The pass over the store's summary of the coding, split by participant over several connections read
/// at once, gives the data of one pass: every segment count, analysed coder and agreement tally.
@Suite struct CodingPassTests {
    /// A random study of ``StoreSummariesTests/randomStudy(seed:shuffled:)`` (40 participants, three
    /// coders, some participants without segments), with a coverage list assigning every participant to
    /// all three coders when `coverage` is set, ingested into a store file.
    static func storedStudy(seed: UInt64, coverage: Bool) throws -> (fixture: StudyFixture, store: StudyStore, path: String) {
        let fixture = try StoreSummariesTests.randomStudy(seed: seed)
        if coverage {
            let ids = (1...40).map { String(format: "P%02d", ($0 * 17) % 41) }
            try fixture.write("participant_id,coder\n" + ids.flatMap { id in ["C1", "C2", "C3"].map { "\(id),\($0)\n" } }.joined(), to: "coverage.csv")
            let manifest = try String(contentsOfFile: fixture.path("study.yml"), encoding: .utf8)
            try fixture.write(
                manifest.replacingOccurrences(of: "  analysed_coders: [C2, C1, C3]\n", with: "  analysed_coders: [C2, C1, C3]\n  coverage: coverage.csv\n"),
                to: "study.yml")
        }
        let path = fixture.path("store.sqlite")
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: path)
        return (fixture, try StudyStore(path: path), path)
    }

    /// What the study data holds of the pass, as lines of text.
    static func lines(_ data: StudyData) -> [String] {
        var lines = data.participants.indices.map { participant in
            "\(participant) \(data.analysedCoder(of: participant) ?? "-") "
                + data.codebook.codes.indices.map { String(data.segments(participant: participant, code: $0)) }.joined(separator: ",")
        }
        lines.append("segments \(data.totalSegments), distinct \(data.codedSegments), units \(data.agreement.units)")
        lines += data.agreement.alphas.map { "\($0)" }
        for key in data.agreement.pairs.keys.sorted(by: { ($0.first, $0.second) < ($1.first, $1.second) }) {
            lines.append("\(key.first)-\(key.second) \(data.agreement.pairs[key]!)")
        }
        return lines
    }

    @Test(arguments: [(21, false), (22, true), (23, true)] as [(UInt64, Bool)])
    func anyNumberOfPartsGivesTheDataOfOnePass(seed: UInt64, coverage: Bool) throws {
        let (fixture, store, _) = try Self.storedStudy(seed: seed, coverage: coverage)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let policy = try StudyManifest(directory: fixture.directory).coding
        let one = try StudyData(store: store, policy: policy, parts: 1)
        #expect(one.totalSegments > 100 && one.agreement.units > 10)
        #expect((one.participants.indices.filter { one.segments(participant: $0) == 0 }.count > 0))
        let expected = Self.lines(one)
        // Up to one part per participant (100 parts: 40 of one participant each).
        for parts in [2, 3, 7, 100] {
            #expect(Self.lines(try StudyData(store: store, policy: policy, parts: parts)) == expected)
        }
        // A store in memory reads its parts one after another, with the same result.
        let memory = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: memory)
        #expect(Self.lines(try StudyData(store: memory, policy: policy, parts: 3)) == expected)
    }

    @Test func partsAfterTheFirstRunOnReadOnlyConnectionsOfTheFile() throws {
        let (fixture, store, _) = try Self.storedStudy(seed: 24, coverage: false)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let parts = try store.connections(3).enumerated().map { part, store in (part, try store.read { $0.db.configuration.readonly }) }
        #expect(parts.map(\.0) == [0, 1, 2])
        #expect(parts.map(\.1) == [false, true, true])
        let memory = try StudyStore.inMemory().connections(2).enumerated().map { part, store in (part, try store.read { $0.db.configuration.readonly }) }
        #expect(memory.map(\.0) == [0, 1] && memory.map(\.1) == [false, false])
    }

    /// An ingest of other inputs replaced the file after the store was opened: the new file is not read,
    /// every part reads the store's own connection (the file it opened).
    @Test func aFileReplacedByAnotherIngestIsNotRead() throws {
        let (fixture, store, path) = try Self.storedStudy(seed: 25, coverage: false)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let own = try store.read { try $0.sourceFiles() }
        let other = try StoreSummariesTests.randomStudy(seed: 26)
        defer { try? FileManager.default.removeItem(atPath: other.directory) }
        try StudyIngester(studyDirectory: other.directory).ingest(intoStoreAt: path)
        #expect(try StudyStore(path: path).read { try $0.sourceFiles() } != own)
        let parts = try store.connections(2).map { store in try store.read { ($0.db.configuration.readonly, try $0.sourceFiles()) } }
        #expect(parts.map(\.0) == [false, false])
        #expect(parts.allSatisfy { $0.1 == own })
    }
}

import Foundation
import GRDB
@testable import Ingest
import Storage
import Testing
import TestSupport

/// A store is built without SQLite's foreign key checks (every row that names another is inserted after
/// it): the built store of the sample has no row naming a missing one, and a store opened afterwards
/// checks its writes again.
@Suite struct StoreBuildTests {
    @Test func theBuiltSampleStoreHasNoDanglingReferenceAndChecksLaterWrites() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let study = try sampleStudy(root: root)
        defer { try? FileManager.default.removeItem(atPath: (study as NSString).deletingLastPathComponent) }
        let path = study + "/.analyze/study.sqlite"
        try FileManager.default.createDirectory(atPath: study + "/.analyze", withIntermediateDirectories: true)
        try StudyIngester(studyDirectory: study).ingest(intoStoreAt: path)

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let counts = try queue.read { db in
            try ["participantAttribute", "surveyRespondent"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? 0 }
        }
        #expect(counts[0] > 100 && counts[1] > 100)
        #expect(try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO participantAttribute (participantId, name, value) VALUES ('nobody', 'school', 'x')")
            }
        }
    }

    /// A new store's schema is made at once (`StudyStore.createSchema`), not migration by migration: a
    /// store built by an ingest holds what a store made by the migrations and filled by the same ingest
    /// holds, as `sqlite3 .dump` would print it: the same tables and indexes in the same order with the same
    /// text, every migration recorded as applied, in order, and the same rows.
    @Test func aBuiltStoreHoldsWhatTheMigrationsMake() throws {
        let fixture = try StudyFixture(coverage: "participant_id,coder\nKZ-1,C1\n")
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let built = fixture.path("built.sqlite"), migrated = fixture.path("migrated.sqlite")
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        // The fixture's files were written a moment ago: both ingests take them as settled (and record
        // their stats), else a loaded machine could let two seconds pass between the two and only the
        // second would record them.
        ingester.settledShift = 60_000_000_000
        try ingester.ingest(intoStoreAt: built)
        try ingester.ingest(into: try StudyStore(path: migrated))
        func dump(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                var lines: [String] = []
                for entry in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid") {
                    lines.append(entry.description)
                    guard entry["type"] == "table", let table: String = entry["name"] else { continue }
                    lines += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description)
                }
                return lines
            }
        }
        let builtDump = try dump(built)
        #expect(builtDump == (try dump(migrated)))
        #expect(builtDump.filter { $0.hasPrefix("[identifier:") } == [
            "[identifier:\"createStudy\"]", "[identifier:\"coverage\"]", "[identifier:\"sourceFileStat\"]",
            "[identifier:\"storeSummaries\"]", "[identifier:\"packSegments\"]", "[identifier:\"packAnswers\"]",
            "[identifier:\"segmentKeyOnDemand\"]",
        ])
        #expect(builtDump.filter { $0.hasPrefix("[type:\"table\"") }.count == 13)
        #expect(builtDump.contains { $0.hasPrefix("[participantId:\"KZ-1\" coder:\"C1\" segmentId:") })
    }
}

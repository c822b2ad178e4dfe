import Foundation
import GRDB
import Ingest
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
}

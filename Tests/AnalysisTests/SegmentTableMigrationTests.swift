import Foundation
import GRDB
import Ingest
@testable import Storage
import StudyModel
import Testing
import TestSupport

/// The segment table of a row per segment (`packSegments`), its index of the keys made when needed
/// (`segmentKeyOnDemand`): a store of a layout before them, a row per code application as the migrations
/// up to `storeSummaries` created it or a row per segment with a unique index as those up to `packAnswers`
/// did, is converted when opened, and every read of the segments then gives what the new ingest of the
/// same files gives.
@Suite struct SegmentTableMigrationTests {
    /// S1 of KZ-1 by C1 comes back after S2 (joined to its row) and once with another excerpt (a second
    /// part); KZ-2's segment has no document, offsets or excerpt.
    static let segments = """
        segment_id,participant_id,code,coder,document,start,end,excerpt,language
        S1,KZ-1,bar_busy_job,C1,INT-KZ-1,0,40,late,en
        S1,KZ-1,role_communicator,C1,INT-KZ-1,0,40,late,en
        S2,KZ-1,bar_fundraising,C1,INT-KZ-1,41,50,money,en
        S1,KZ-1,act_open_day,C1,INT-KZ-1,0,40,late,en
        S1,KZ-1,bar_low_efficacy,C1,INT-KZ-1,0,40,other words,en
        S1,KZ-1,bar_busy_job,C2,INT-KZ-1,0,40,late,en
        S3,KZ-2,bar_busy_job,C1,,,,,
        S3,KZ-2,bar_child_reluctance,C1,,,,,
        S4,UK-1,bar_instruction_language,C1,INT-UK-1,0,10,English is hard,en

        """

    /// Everything the store's reads give of the segments, as text.
    static func reads(_ store: StudyStore) throws -> [String] {
        try store.read { reader in
            var lines: [String] = []
            try reader.forEachSegment {
                lines.append("segment \($0.participantID) \($0.segmentID) \($0.code) \($0.coder) \($0.document ?? "-") \($0.start ?? -1) \($0.end ?? -1) \($0.excerpt ?? "-") \($0.language ?? "-") \($0.line)")
            }
            try reader.forEachCodeApplication { lines.append("application \($0.participantID) \($0.code) \($0.coder) \($0.segments)") }
            try reader.forEachSegmentCount { lines.append("count \($0) \($1) \($2)") }
            let codes = try reader.codebook().codes.map(\.id)
            try reader.forEachSegmentCodes(codes: codes) { lines.append("codes \($0) \($1) \($2)") }
            for code in codes {
                for excerpt in try reader.excerpts(code: code) {
                    lines.append("excerpt \(code) \(excerpt.participantID) \(excerpt.coder) \(excerpt.excerpt) \(excerpt.language ?? "-")")
                }
            }
            lines.append("rows \(try reader.segmentRowCount())")
            return lines
        }
    }

    @Test func aStoreOfOneRowPerApplicationIsConverted() throws {
        let fixture = try StudyFixture(segments: Self.segments, survey: nil)
        let newPath = fixture.directory + "/new.sqlite", oldPath = fixture.directory + "/old.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: newPath)
        let expected = try Self.reads(try StudyStore(path: newPath))
        #expect(expected.filter { $0.hasPrefix("segment ") } == [
            "segment KZ-1 S1 act_open_day C1 INT-KZ-1 0 40 late en 5",
            "segment KZ-1 S1 bar_busy_job C1 INT-KZ-1 0 40 late en 2",
            "segment KZ-1 S1 bar_busy_job C2 INT-KZ-1 0 40 late en 7",
            "segment KZ-1 S1 role_communicator C1 INT-KZ-1 0 40 late en 3",
            "segment KZ-1 S1 bar_low_efficacy C1 INT-KZ-1 0 40 other words en 6",
            "segment KZ-1 S2 bar_fundraising C1 INT-KZ-1 41 50 money en 4",
            "segment KZ-2 S3 bar_busy_job C1 - -1 -1 - - 8",
            "segment KZ-2 S3 bar_child_reluctance C1 - -1 -1 - - 9",
            "segment UK-1 S4 bar_instruction_language C1 INT-UK-1 0 10 English is hard en 10",
        ])
        #expect(expected.filter { $0.hasPrefix("count ") } == ["count KZ-1 C1 2", "count KZ-1 C2 1", "count KZ-2 C1 1", "count UK-1 C1 1"])
        #expect(expected.filter { $0.hasPrefix("codes KZ-1 C1") } == [
            #"codes KZ-1 C1 ["act_open_day", "bar_busy_job", "bar_low_efficacy", "role_communicator"]"#,
            #"codes KZ-1 C1 ["bar_fundraising"]"#,
        ])
        #expect(expected.last == "rows 9")

        // The old store: the schema up to `storeSummaries`, the other tables as ingested, a row per application.
        var applications: [CodedSegment] = []
        try StudyStore(path: newPath).read { reader in try reader.forEachSegment { applications.append($0) } }
        // No survey: `surveyRespondent` is empty (and of the later layout in the new store).
        let old = try oldStore(at: oldPath, upTo: "storeSummaries", from: newPath, except: ["segment", "surveyRespondent"]) { db in
            for segment in applications.reversed() {
                try db.execute(
                    sql: """
                        INSERT INTO segment (participantId, code, coder, segmentId, document, start, "end", excerpt, language, line)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        segment.participantID, segment.code, segment.coder, segment.segmentID, segment.document, segment.start,
                        segment.end, segment.excerpt, segment.language, segment.line,
                    ])
            }
        }
        #expect(try old.read { db in try db.columns(in: "segment").map(\.name) }.contains("code"))
        try old.close()

        let migrated = try StudyStore(path: oldPath)
        #expect(try Self.reads(migrated) == expected)
        #expect(try StoreSummariesTests.summaryRows(migrated) == StoreSummariesTests.summaryRows(try StudyStore(path: newPath)))
        let rows = try DatabaseQueue(path: oldPath).read { db in
            try Row.fetchAll(db, sql: "SELECT participantId, coder, segmentId, part, codes FROM segment ORDER BY participantId, coder, segmentId, part")
                .map { row -> String in
                    let codes = (row[4] as Data).withUnsafeBytes { SegmentCodes.applications(in: $0) }
                    return "\(row[0] as String) \(row[1] as String) \(row[2] as String) \(row[3] as Int) \(codes.map { "\($0.code)@\($0.line)" })"
                }
        }
        #expect(rows == [
            #"KZ-1 C1 S1 0 ["bar_busy_job@2", "role_communicator@3", "act_open_day@5"]"#,
            #"KZ-1 C1 S1 1 ["bar_low_efficacy@6"]"#,
            #"KZ-1 C1 S2 0 ["bar_fundraising@4"]"#,
            #"KZ-1 C2 S1 0 ["bar_busy_job@7"]"#,
            #"KZ-2 C1 S3 0 ["bar_busy_job@8", "bar_child_reluctance@9"]"#,
            #"UK-1 C1 S4 0 ["bar_instruction_language@10"]"#,
        ])
    }

    @Test func aStoreWithTheIndexOfTheKeysIsCopiedWithoutIt() throws {
        let fixture = try StudyFixture(segments: Self.segments, survey: nil)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let newPath = fixture.directory + "/new.sqlite", oldPath = fixture.directory + "/old.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: newPath)
        let expected = try Self.reads(try StudyStore(path: newPath))
        #expect(expected.last == "rows 9")

        // The old store: the schema up to `packAnswers` (the segment table with a unique index of the keys),
        // every table's rows the new store's, the segments in descending key order (their rowids).
        let old = try oldStore(at: oldPath, upTo: "packAnswers", from: newPath, except: ["segment"]) { db in
            try db.execute(sql: "INSERT INTO main.segment SELECT * FROM new.segment ORDER BY participantId DESC, coder DESC, segmentId DESC, part DESC")
        }
        func indexes(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'segment'")
            }
        }
        func rows(_ path: String, order: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in try Row.fetchAll(db, sql: "SELECT rowid, * FROM segment ORDER BY \(order)").map(\.description) }
        }
        let keyOrder = "participantId, coder, segmentId, part"
        #expect(try indexes(oldPath) == ["sqlite_autoindex_segment_1"])
        let oldRows = try rows(oldPath, order: "rowid")
        #expect(oldRows.count == 6 && oldRows.first?.hasPrefix(#"[rowid:1 participantId:"UK-1""#) == true)
        try old.close()

        let migrated = try StudyStore(path: oldPath)
        #expect(try Self.reads(migrated) == expected)
        #expect(try StoreSummariesTests.summaryRows(migrated) == StoreSummariesTests.summaryRows(try StudyStore(path: newPath)))
        #expect(try indexes(oldPath) == [])
        #expect(try rows(oldPath, order: "rowid") == oldRows)
        #expect(try rows(oldPath, order: keyOrder).map { $0.drop { $0 != " " } } == (try rows(newPath, order: keyOrder)).map { $0.drop { $0 != " " } })
        // The fixture's rows do not come in key order (S1 comes back after S2): an ingest into the migrated
        // store makes the index, and stores what the new store holds.
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: migrated)
        #expect(try indexes(oldPath) == ["segmentKey"])
        #expect(try Self.reads(migrated) == expected)
        #expect(try rows(oldPath, order: "rowid") == (try rows(newPath, order: "rowid")))
    }
}

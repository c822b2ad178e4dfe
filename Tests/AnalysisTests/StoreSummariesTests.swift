import Analysis
import Foundation
import GRDB
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The store's summary of the coding (`coding`, read by ``StoreReader/forEachCoding(_:)``)
/// holds what the segment rows give (code applications, distinct segments per coder, segments carrying
/// both codes of a pair), on random studies; and a store of the schema before the summaries is
/// migrated to the same summaries.
@Suite struct StoreSummariesTests {
    static let codes = [
        "bar_busy_job", "bar_low_efficacy", "bar_child_reluctance", "bar_instruction_language", "bar_fundraising",
        "role_communicator", "act_open_day", "act_parent_meetings",
    ]

    /// A random study: participants listed in an order that is not their ids' (positions differ from id
    /// order), with zero to a dozen segments, each segment of one of three coders carrying one to five
    /// codes; the rows of the file participant by participant (the summaries are then written as they
    /// are inserted), or shuffled (then by the pass over the stored rows).
    static func randomStudy(seed: UInt64, shuffled: Bool = true) throws -> StudyFixture {
        var generator = TestRandom(seed: seed)
        let ids = (1...40).map { String(format: "P%02d", ($0 * 17) % 41) }
        var rows: [String] = []
        for id in ids {
            for segment in 0..<generator.next(13) {
                let coder = ["C1", "C2", "C3"][generator.next(3)]
                var carried = Set<String>()
                for _ in 0...generator.next(5) { carried.insert(codes[generator.next(codes.count)]) }
                for code in carried.sorted() { rows.append("S\(segment)\(coder),\(id),\(code),\(coder)\n") }
            }
        }
        if shuffled {
            for index in rows.indices.reversed() { rows.swapAt(index, generator.next(index + 1)) }
        }
        return try StudyFixture(
            participants: "participant_id,country,role\n" + ids.map { "\($0),KZ,mother\n" }.joined(),
            segments: "segment_id,participant_id,code,coder\n" + rows.joined(), survey: nil, analysedCoders: ["C2", "C1", "C3"])
    }

    /// Counts keyed by text: from the segment rows, and from the summary.
    struct Counts: Equatable {
        var applications: [String: Int] = [:]
        var segments: [String: Int] = [:]
        var pairs: [String: Int] = [:]
        /// Summary rows whose sets do not add up to their segments, or hold a code twice, unordered codes
        /// or a set twice.
        var malformed = 0
    }

    static func counts(_ store: StudyStore) throws -> (fromSegments: Counts, fromSummary: Counts) {
        try store.read { reader in
            let participants = try reader.participants().map(\.id)
            let codes = try reader.codebook().codes.map(\.id)
            let coders = try reader.coders()
            var plain = Counts()
            try reader.forEachCodeApplication { plain.applications["\($0.participantID) \($0.code) \($0.coder)"] = $0.segments }
            try reader.forEachSegmentCount { plain.segments["\($0) \($1)"] = $2 }
            try reader.forEachSegmentCodes(codes: codes) { participant, coder, segmentCodes in
                let sorted = segmentCodes.sorted()
                for (index, first) in sorted.enumerated() {
                    for second in sorted[(index + 1)...] { plain.pairs["\(participant) \(coder) \(first) \(second)", default: 0] += 1 }
                }
            }
            var summary = Counts()
            try reader.forEachCoding { coding in
                let participant = participants[coding.participant]
                let coder = coders[coding.coder]
                summary.segments["\(participant) \(coder)"] = coding.segments
                if coding.sets.map(\.segments).reduce(0, +) != coding.segments { summary.malformed += 1 }
                for set in coding.sets {
                    let positions = Array(coding.codes[set.codes])
                    if positions != positions.sorted() || Set(positions).count != positions.count { summary.malformed += 1 }
                    for code in positions {
                        summary.applications["\(participant) \(codes[code]) \(coder)", default: 0] += set.segments
                    }
                    let ids = positions.map { codes[$0] }.sorted()
                    for (index, first) in ids.enumerated() {
                        for second in ids[(index + 1)...] {
                            summary.pairs["\(participant) \(coder) \(first) \(second)", default: 0] += set.segments
                        }
                    }
                }
                // A code set is stored once per coder, with all its segments.
                if Set(coding.sets.map { Array(coding.codes[$0.codes]) }).count != coding.sets.count { summary.malformed += 1 }
            }
            return (plain, summary)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func theSummaryHoldsWhatTheSegmentRowsGive(seed: UInt64) throws {
        let fixture = try Self.randomStudy(seed: seed, shuffled: seed % 2 == 0)
        let store = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        let (plain, summary) = try Self.counts(store)
        #expect(!plain.applications.isEmpty && !plain.pairs.isEmpty)
        #expect(summary == plain)

        // The analysed coder: the first of the policy's C2, C1, C3 who coded the participant.
        let data = try StudyAnalysis(manifest: try StudyManifest(directory: fixture.directory), store: store).data
        var codersByID: [String: Set<String>] = [:]
        for key in plain.segments.keys {
            let parts = key.split(separator: " ").map(String.init)
            codersByID[parts[0], default: []].insert(parts[1])
        }
        for (index, participant) in data.participants.enumerated() {
            let expected = ["C2", "C1", "C3"].first { codersByID[participant.id]?.contains($0) == true }
            #expect(data.analysedCoder(of: index) == expected)
        }

        // Ingesting again into the same store replaces the summaries, as it does the segments.
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        #expect(try Self.counts(store).fromSummary == summary)
    }

    /// The sample study's store file: the summary equals the segment rows' counts.
    @Test func theSampleSummaryHoldsWhatItsSegmentRowsGive() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let study = try sampleStudy(root: root)
        defer { try? FileManager.default.removeItem(atPath: (study as NSString).deletingLastPathComponent) }
        let path = study + "/.analyze-summaries.sqlite"
        try StudyIngester(studyDirectory: study).ingest(intoStoreAt: path)
        let (plain, summary) = try Self.counts(try StudyStore(path: path))
        #expect(plain.applications.count > 100)
        #expect(summary == plain)
    }

    /// A store written before the summaries existed (the same store without their tables and migration)
    /// gets them from its segments when opened (the pass over the stored rows), and they are those of a
    /// new ingest, whether it wrote them as the rows were inserted or by the same pass.
    @Test(arguments: [false, true])
    func anOlderStoreIsMigratedToTheSameSummaries(shuffled: Bool) throws {
        let fixture = try Self.randomStudy(seed: 11, shuffled: shuffled)
        let path = fixture.directory + "/old.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: path)
        let expected = try Self.summaryRows(try StudyStore(path: path))
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TABLE coding; DROP TABLE coder;
                    DELETE FROM grdb_migrations WHERE identifier = 'storeSummaries'
                    """)
        }
        #expect(try queue.read { db in try db.tableExists("coding") } == false)
        try queue.close()

        let migrated = try StudyStore(path: path)
        #expect(try Self.summaryRows(migrated) == expected)
        let (plain, summary) = try Self.counts(migrated)
        #expect(summary == plain)
    }

    /// A summary row whose blob is not of the shape the tool writes (a set's codes running past its end,
    /// bytes left over, a code position beyond the codebook) is refused with a message naming positions
    /// only, not read out of bounds.
    @Test(arguments: [
        ("0000000500000001" + "00000001", "a set of 5 codes holding 1"),
        ("0000000100000002" + "00000003" + "0000", "2 bytes left over"),
        ("FFFFFFFF00000001", "a count near 2^32"),
        ("0000000100000002" + "000003E8", "code position 1,000 of a codebook of 8"),
    ])
    func aDamagedSummaryRowIsAnError(blob: String, what: String) throws {
        let fixture = try Self.randomStudy(seed: 3)
        let path = fixture.directory + "/damaged.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: path)
        let (participant, coder) = try StudyStore(path: path).read { reader in
            var first: (Int, Int)?
            try reader.forEachCoding { coding in if first == nil { first = (coding.participant, coding.coder) } }
            return first!
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE coding SET codeSets = X'\(blob)' WHERE participant = ? AND coder = ?", arguments: [participant, coder])
        }
        try queue.close()
        let store = try StudyStore(path: path)
        #expect(throws: StoreError.damagedCoding(participant: participant, coder: coder), "\(what)") {
            try store.read { reader in try reader.forEachCoding { _ in } }
        }
        #expect(
            StoreError.damagedCoding(participant: 2, coder: 1).description
                == "the store's summary of the coding is damaged (the participant at position 2, the coder at position 1); run `analyze ingest` again to rebuild the store")
    }

    /// A summary row naming a participant or coder position the store does not have is refused too.
    @Test(arguments: [("participant", 5_000), ("coder", 7)])
    func aSummaryRowBeyondTheStoresPositionsIsAnError(column: String, position: Int) throws {
        let fixture = try Self.randomStudy(seed: 4)
        let path = fixture.directory + "/damaged.sqlite"
        try StudyIngester(studyDirectory: fixture.directory).ingest(intoStoreAt: path)
        let queue = try DatabaseQueue(path: path)
        let (participant, coder) = try queue.write { db -> (Int, Int) in
            let row = try Row.fetchOne(db, sql: "SELECT participant, coder FROM coding ORDER BY participant, coder LIMIT 1")!
            try db.execute(
                sql: "UPDATE coding SET \(column) = ? WHERE participant = ? AND coder = ?",
                arguments: [position, row["participant"] as Int, row["coder"] as Int])
            return column == "participant" ? (position, row["coder"]) : (row["participant"], position)
        }
        try queue.close()
        let store = try StudyStore(path: path)
        #expect(throws: StoreError.damagedCoding(participant: participant, coder: coder)) {
            try store.read { reader in try reader.forEachCoding { _ in } }
        }
    }

    /// The summary's rows as text, with the coders' ids.
    static func summaryRows(_ store: StudyStore) throws -> [String] {
        try store.read { reader in
            let coders = try reader.coders()
            var rows: [String] = []
            try reader.forEachCoding { coding in
                let sets = coding.sets.map { "\(coding.codes[$0.codes]):\($0.segments)" }
                rows.append("\(coding.participant) \(coders[coding.coder]) \(coding.segments) \(sets)")
            }
            return rows
        }
    }
}

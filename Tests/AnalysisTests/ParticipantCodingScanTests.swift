import Analysis
import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The one pass of ``StoreReader/forEachParticipantCoding(_:)`` gives what the two grouped queries give
/// (code applications, distinct segments per coder), on random studies.
@Suite struct ParticipantCodingScanTests {
    static let codes = [
        "bar_busy_job", "bar_low_efficacy", "bar_child_reluctance", "bar_instruction_language", "bar_fundraising",
        "role_communicator", "act_open_day", "act_parent_meetings",
    ]

    /// A random study: participants with zero to a dozen segments, each segment of one of three coders
    /// carrying one to three codes.
    static func randomStudy(seed: UInt64) throws -> StudyFixture {
        var generator = TestRandom(seed: seed)
        let ids = (1...40).map { String(format: "P%02d", $0) }
        var segments = "segment_id,participant_id,code,coder\n"
        for id in ids {
            for segment in 0..<generator.next(13) {
                let coder = ["C1", "C2", "C3"][generator.next(3)]
                var carried = Set<String>()
                for _ in 0...generator.next(3) { carried.insert(codes[generator.next(codes.count)]) }
                for code in carried.sorted() { segments += "S\(segment)\(coder),\(id),\(code),\(coder)\n" }
            }
        }
        return try StudyFixture(
            participants: "participant_id,country,role\n" + ids.map { "\($0),KZ,mother\n" }.joined(),
            segments: segments, survey: nil, analysedCoders: ["C2", "C1", "C3"])
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func theOnePassGivesWhatTheGroupedQueriesGive(seed: UInt64) throws {
        let fixture = try Self.randomStudy(seed: seed)
        let store = try StudyStore.inMemory()
        try StudyIngester(studyDirectory: fixture.directory).ingest(into: store)
        let (scanned, applications, segmentCounts) = try store.read { reader in
            var scanned: [ParticipantCoding] = []
            try reader.forEachParticipantCoding { scanned.append($0) }
            var applications: [CodeApplicationCount] = []
            try reader.forEachCodeApplication { applications.append($0) }
            var segmentCounts: [String] = []
            try reader.forEachSegmentCount { segmentCounts.append("\($0) \($1) \($2)") }
            return (scanned, applications, segmentCounts)
        }
        #expect(!scanned.isEmpty)
        #expect(scanned.map(\.participantID) == Array(Set(applications.map(\.participantID))).sorted())
        #expect(scanned.flatMap(\.applications) == applications)
        #expect(scanned.flatMap { coding in coding.segmentsByCoder.map { "\(coding.participantID) \($0.coder) \($0.segments)" } }
            == segmentCounts)

        // The analysed coder: the first of the policy's C2, C1, C3 who coded the participant.
        let data = try StudyAnalysis(manifest: try StudyManifest(directory: fixture.directory), store: store).data
        let codersByID = Dictionary(grouping: applications, by: \.participantID).mapValues { Set($0.map(\.coder)) }
        for (index, participant) in data.participants.enumerated() {
            let expected = ["C2", "C1", "C3"].first { codersByID[participant.id]?.contains($0) == true }
            #expect(data.analysedCoder(of: index) == expected)
        }
    }
}


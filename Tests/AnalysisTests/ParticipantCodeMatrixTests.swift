import Analysis
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The participant × code presence matrix: one row per participant under its pseudonym, 1 where the
/// analysed coding has a segment of the code.
@Suite struct ParticipantCodeMatrixTests {
    func analysis(_ fixture: StudyFixture) throws -> StudyAnalysis {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        return try StudyAnalysis(manifest: ingester.manifest, store: store)
    }

    @Test func presenceIsTheAnalysedCodingOncePerParticipant() throws {
        let analysis = try analysis(try StudyFixture())
        let matrix = ParticipantCodeMatrix(analysis: analysis, ids: true)
        #expect(Array(matrix.header.prefix(4)) == ["participant", "country", "role", "setting"])
        #expect(matrix.header.count == 4 + analysis.data.codebook.codes.count)
        func value(_ id: String, _ code: String) -> String? {
            guard let row = matrix.rows.first(where: { $0[0] == id }), let column = matrix.header.firstIndex(of: code) else { return nil }
            return row[column]
        }
        // The fixture's segments, counted by hand: KZ-2 has three busy-job segments (one presence), UK-1 was
        // coded by C1 and C2 and only C1's coding (instruction language) counts, UK-2 has C2's open day,
        // KZ-3 and UK-3 have no segment at all.
        #expect(value("KZ-1", "bar_busy_job") == "1" && value("KZ-1", "role_communicator") == "1")
        #expect(value("KZ-2", "bar_busy_job") == "1" && value("KZ-2", "bar_fundraising") == "1")
        #expect(value("UK-1", "bar_instruction_language") == "1" && value("UK-1", "bar_child_reluctance") == "0")
        #expect(value("UK-2", "act_open_day") == "1")
        #expect(matrix.rows.map { $0[0] } == ["KZ-1", "KZ-2", "KZ-3", "UK-1", "UK-2", "UK-3"])
        let ones = matrix.rows.flatMap { $0.dropFirst(4) }.filter { $0 == "1" }.count
        #expect(ones == 6)
        #expect(matrix.rows.first { $0[0] == "UK-2" }?[3] == "")
    }

    /// Without --ids, rows carry pseudonyms (those quotes sign with), never a participant id.
    @Test func participantsAreUnderTheirPseudonyms() throws {
        let analysis = try analysis(try StudyFixture())
        let matrix = ParticipantCodeMatrix(analysis: analysis)
        #expect(matrix.rows.map { $0[0] } == (1...6).map { "P-00\($0)" })
        let ids = Set(analysis.data.participants.map(\.id))
        #expect(!matrix.rows.joined().contains { ids.contains($0) })
        #expect(matrix.rows.map { $0.dropFirst(3).joined() }.sorted()
            == ParticipantCodeMatrix(analysis: analysis, ids: true).rows.map { $0.dropFirst(3).joined() }.sorted())
    }
}

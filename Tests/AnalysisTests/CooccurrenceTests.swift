import Analysis
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Code co-occurrence counted by hand on a fixture whose segments are written out below.
@Suite struct CooccurrenceTests {
    /// KZ-1 (C1): busy job and low efficacy on one segment, fund-raising on another. KZ-2 (C1): busy job
    /// and fund-raising on separate segments. UK-1: C1 applies busy job and low efficacy together on two
    /// segments; C2's fund-raising for UK-1 is not in the analysed coding (C1 comes first).
    static let segments = """
        segment_id,participant_id,code,coder,document,start,end,excerpt,language
        S1,KZ-1,bar_busy_job,C1,D1,0,10,a,en
        S1,KZ-1,bar_low_efficacy,C1,D1,0,10,a,en
        S2,KZ-1,bar_fundraising,C1,D1,11,20,b,en
        S3,KZ-2,bar_busy_job,C1,D2,0,10,c,en
        S4,KZ-2,bar_fundraising,C1,D2,11,20,d,en
        S5,UK-1,bar_busy_job,C1,D3,0,10,e,en
        S5,UK-1,bar_low_efficacy,C1,D3,0,10,e,en
        S6,UK-1,bar_busy_job,C1,D3,11,20,f,en
        S6,UK-1,bar_low_efficacy,C1,D3,11,20,f,en
        S7,UK-1,bar_fundraising,C2,D3,21,30,g,en

        """

    static func table() throws -> CooccurrenceResult {
        let results = try analysed(try StudyFixture(segments: segments))
        for case .cooccurrence(let table) in results.tables where table.id == "barrier-co-occurrence-by-country" { return table }
        throw AnalysisError.emptyStore
    }

    @Test func participantAndSegmentPairsAreCountedPerCountry() throws {
        let table = try Self.table()
        #expect(table.codes.map(\.row.id) == [
            "bar_busy_job", "bar_low_efficacy", "bar_child_reluctance", "bar_instruction_language", "bar_fundraising",
        ])
        #expect(table.columns.map(\.values) == [["KZ"], ["UK"]])
        #expect(table.codes.map(\.participants) == [[2, 1], [1, 1], [0, 0], [0, 0], [2, 0]])
        #expect(table.codes.map(\.segments) == [[2, 2], [1, 2], [0, 0], [0, 0], [2, 0]])
        #expect(table.pairs.count == 10)
        func cell(_ first: String, _ second: String) throws -> [CooccurrenceCell] {
            let a = try #require(table.codes.firstIndex { $0.row.id == first }), b = try #require(table.codes.firstIndex { $0.row.id == second })
            return try #require(table.pairs.first { $0.first == a && $0.second == b }).cells
        }
        // Busy job × low efficacy: KZ-1 (1 of 2 ∪ 1 participants; 1 shared segment of 2 ∪ 1); UK-1 (both on 2 of 2 segments).
        let busyLow = try cell("bar_busy_job", "bar_low_efficacy")
        #expect(busyLow.map(\.participants) == [1, 1] && busyLow.map(\.segments) == [1, 2])
        #expect(busyLow[0].jaccard == 0.5 && busyLow[0].segmentJaccard == 0.5)
        #expect(busyLow[1].jaccard == 1 && busyLow[1].segmentJaccard == 1)
        // Busy job × fund-raising: both KZ participants, never on one segment; C2's UK code is not analysed.
        let busyFund = try cell("bar_busy_job", "bar_fundraising")
        #expect(busyFund.map(\.participants) == [2, 0] && busyFund.map(\.segments) == [0, 0])
        #expect(busyFund[0].jaccard == 1 && busyFund[0].segmentJaccard == 0)
        #expect(busyFund[1].jaccard == 0 && busyFund[1].segmentJaccard == 0)
        // Neither code occurs: no index.
        let none = try cell("bar_child_reluctance", "bar_instruction_language")
        #expect(none[0].jaccard == nil && none[0].segmentJaccard == nil)
    }

    @Test func aCooccurrenceTableCanPairOtherCodeSetsAndNoOtherKind() throws {
        let tail = """
            analysis:
              tables:
                - {id: activity-pairs, rows: co-occurrence, of: activities, columns: []}

            """
        let results = try analysed(try StudyFixture(segments: Self.segments, manifestTail: tail))
        guard case .cooccurrence(let table) = try #require(results.tables.first) else { Issue.record("not co-occurrence"); return }
        #expect(table.codeSet == .activities)
        #expect(table.codes.map(\.row.id) == ["act_parent_meetings", "act_open_day"])
        #expect(table.columns.map(\.base) == [6])

        // A column variable no participant has is an error, not one column of "(not recorded)".
        let typo = """
            analysis:
              tables:
                - {id: pairs-by-setting, rows: co-occurrence, columns: [setting]}
                - {id: pairs-by-seting, rows: co-occurrence, columns: [seting]}

            """
        #expect {
            _ = try analysed(try StudyFixture(segments: Self.segments, manifestTail: typo))
        } throws: { error in
            String(describing: error).contains("'seting'")
        }

        let wrongSet = """
            analysis:
              tables:
                - {id: pairs, rows: co-occurrence, of: survey-items}
                - {id: by-country, rows: barriers, columns: [country], of: activities}

            """
        #expect {
            try StudyIngester(studyDirectory: try StudyFixture(manifestTail: wrongSet).directory)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("analysis.tables 'pairs': of: 'survey-items' has no codes to pair (it can: barriers, involvement-roles, activities)")
                && text.contains("analysis.tables 'by-country': of: activities is for a co-occurrence table")
        }
    }
}

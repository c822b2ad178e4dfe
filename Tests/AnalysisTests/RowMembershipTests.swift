@testable import Analysis
import Foundation
import Ingest
import Statistics
import Storage
import StudyModel
import Testing

/// The cells of rows of codes counted in one pass over each participant's codes
/// (``RowMembership/cells(_:over:data:)``, ``RowMembership/participants(_:perGroup:groups:data:)``) are
/// the cells of asking every row about every participant.
@Suite struct RowMembershipTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/sample").path

    @Test func cellsInOnePassAreTheRowsCells() throws {
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: Self.sample)
        try ingester.ingest(into: store)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        let crosstabs = CrosstabBuilder(data: analysis.data, manifest: ingester.manifest)
        let everyone = Array(analysis.data.participants.indices)
        var random = SeededGenerator(seed: 9_301)
        // Random groups (empty, everyone, overlapping), and each country's participants.
        var groups: [[Int]] = [[], everyone]
        for _ in 0..<6 { groups.append(everyone.filter { _ in random.chance(0.3) }) }
        groups += ["KZ", "UK"].map { country in everyone.filter { analysis.data.participants[$0].country == country } }
        var rowsOfCodes = 0
        for rowSet in [RowSet.barriers, .factorCategories, .involvementRoles, .uncategorisedCodes, .activities, .jointDisplay] {
            let definitions = crosstabs.rowDefinitions(rowSet)
            let cells = try #require(RowMembership.cells(definitions.map(\.1), over: groups, data: analysis.data))
            #expect(cells == definitions.map { _, membership in groups.map { CrosstabBuilder.cell(membership, $0) } })
            // Every participant in one of five groups.
            let groupOf = everyone.map { _ in random.uniform(below: 5) }
            let counts = try #require(RowMembership.participants(definitions.map(\.1), perGroup: groupOf, groups: 5, data: analysis.data))
            #expect(counts == definitions.map { _, membership in
                (0..<5).map { group in everyone.filter { groupOf[$0] == group && membership($0).counts }.count }
            })
            rowsOfCodes += definitions.count
        }
        #expect(rowsOfCodes > 50)
        // A row of one code over everyone: the participants with a segment of it, and all their segments of it.
        let code = analysis.data.codebook.index(of: "bar_busy_job")!
        let row = RowMembership(codes: [code], data: analysis.data)
        let cell = try #require(RowMembership.cells([row], over: [everyone], data: analysis.data))[0][0]
        #expect(cell.participants == everyone.filter { analysis.data.segments(participant: $0, code: code) > 0 }.count)
        #expect(cell.segments == everyone.reduce(0) { $0 + analysis.data.segments(participant: $1, code: code) })
        #expect(cell.base == 120)
        #expect(cell.participants > 0)
        // The sample's rows (roles) are not rows of codes.
        #expect(RowMembership.cells(crosstabs.rowDefinitions(.sample).map(\.1), over: groups, data: analysis.data) == nil)
        #expect(RowMembership.participants(crosstabs.rowDefinitions(.sample).map(\.1), perGroup: everyone.map { _ in 0 }, groups: 1, data: analysis.data) == nil)
    }
}

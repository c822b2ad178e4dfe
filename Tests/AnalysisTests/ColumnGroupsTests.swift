@testable import Analysis
import Testing

/// Column groups from values asked for one unit at a time: declared and observed levels (in byte order),
/// unrecorded values, and units of no declared level in no group.
@Suite struct ColumnGroupsTests {
    @Test func valuesAskedOneAtATimeGiveTheGroupsOfTheList() {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let variables = ["country", "school", "setting"]
        let declared = ["country": ["KZ", "UK"]]
        let schools = ["S2", "S10", "S1", "Ш1"]
        let units: [[String?]] = (0..<500).map { _ in
            [["KZ", "UK", "FR"][next(3)], next(8) == 0 ? nil : schools[next(schools.count)], next(5) == 0 ? nil : ["urban", "rural"][next(2)]]
        }
        let asked = ColumnGroups(
            variables: variables, unitCount: units.count, value: { units[$0][$1] }, declaredLevels: { declared[$0] })
        // The plain computation: declared levels, observed ones in byte order then "" (not recorded).
        let levels = [["KZ", "UK"], ["S1", "S10", "S2", "Ш1", ""], ["rural", "urban", ""]]
        var combinations: [[String]] = []
        for country in levels[0] {
            for school in levels[1] {
                for setting in levels[2] { combinations.append([country, school, setting]) }
            }
        }
        #expect(asked.columns.map(\.values) == combinations)
        for (column, combination) in combinations.enumerated() {
            let members = units.indices.filter { units[$0].map { $0 ?? "" } == combination }
            #expect(asked.members[column] == members)
            #expect(asked.columns[column].base == members.count)
        }
        #expect(asked.members.joined().count == units.filter { $0[0] != "FR" }.count)
    }
}

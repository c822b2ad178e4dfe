@testable import Analysis
import Testing

/// Column groups from values asked for one unit at a time: declared and observed levels (in byte order),
/// unrecorded values, and units of no declared level in no group.
@Suite struct ColumnGroupsTests {
    @Test func valuesAskedOneAtATimeGiveTheGroupsOfTheList() {
        var random = TestRandom(seed: 99)
        let variables = ["country", "school", "setting"]
        let declared = ["country": ["KZ", "UK"]]
        let schools = ["S2", "S10", "S1", "Ш1"]
        let units: [[String?]] = (0..<500).map { _ in
            [["KZ", "UK", "FR"][random.next(3)], random.next(8) == 0 ? nil : schools[random.next(schools.count)], random.next(5) == 0 ? nil : ["urban", "rural"][random.next(2)]]
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

    /// A variable of more levels than are compared one by one (found by hashing) and one of few levels
    /// (found by comparing, a composed and a decomposed "é" being the same level) group alike.
    @Test func manyLevelsAndFewLevelsGroupAlike() {
        var random = TestRandom(seed: 7)
        let schools = (1...12).map { "S\($0)" }
        let units: [[String?]] = (0..<300).map { _ in
            [schools[random.next(schools.count)], ["caf\u{E9}", "cafe\u{301}", "bar"][random.next(3)]]
        }
        let groups = ColumnGroups(
            variables: ["school", "place"], unitCount: units.count, value: { units[$0][$1] }, declaredLevels: { _ in nil })
        let schoolLevels = schools.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(groups.columns.count == schoolLevels.count * 2)
        for (column, values) in groups.columns.map(\.values).enumerated() {
            let members = units.indices.filter { units[$0][0] == values[0] && units[$0][1]! == values[1] }
            #expect(groups.members[column] == members, "\(values)")
        }
        #expect(groups.members.joined().count == units.count)
    }
}

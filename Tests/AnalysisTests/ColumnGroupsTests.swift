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

    /// Values given by number (country and role: each number's level found once) group as the same values
    /// asked one at a time: numbers of one published level (a publication group), of no declared level, and
    /// not recorded; few levels and more than are compared one by one.
    @Test func numberedValuesGroupAsTheirValues() {
        var random = TestRandom(seed: 1_234)
        let declared = ["country": ["KZ", "UK"], "role": (1...10).map { "r\($0)" }]
        // Per variable: the values its numbers stand for.
        let values: [[String?]] = [["UK", "KZ", "FR", nil], ["r3", "r1", "r10", "r1", "x", nil, "r7"]]
        let units = (0..<400).map { _ in [random.next(values[0].count), random.next(values[1].count)] }
        // The units grouped: all but every seventh.
        let included = units.indices.filter { $0 % 7 != 0 }
        for variables in [["country"], ["role"], ["country", "role"], ["role", "country"]] {
            let positions = variables.map { $0 == "country" ? 0 : 1 }
            let numbered = ColumnGroups(
                variables: variables, units: included,
                numbered: positions.map { position in NumberedValues(values: values[position], numbers: units.map { UInt32($0[position]) }) },
                declaredLevels: { declared[$0] })
            let asked = ColumnGroups(
                variables: variables, unitCount: included.count, value: { values[positions[$1]][units[included[$0]][positions[$1]]] },
                declaredLevels: { declared[$0] })
            #expect(numbered.columns.map(\.values) == asked.columns.map(\.values))
            #expect(numbered.columns.map(\.base) == asked.columns.map(\.base))
            #expect(numbered.members == asked.members)
            let inSomeGroup = included.map { units[$0] }.filter { unit in
                zip(variables, positions).allSatisfy { variable, position in values[position][unit[position]].map { declared[variable]!.contains($0) } ?? false }
            }
            #expect(numbered.members.joined().count == inSomeGroup.count && !inSomeGroup.isEmpty)
        }
    }
}

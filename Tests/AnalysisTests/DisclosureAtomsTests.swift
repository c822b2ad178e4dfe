@testable import Analysis
import Statistics
import Testing

/// `DisclosureBasisBuilder.atoms`: the distinct profiles in byte order and each person's atom, as the
/// plain definition gives them (every person's profile, the set of them sorted, each looked up).
@Suite struct DisclosureAtomsTests {
    @Test func atomsEqualThePlainDefinition() {
        let values = [["KZ", "UK", "Ұлыбритания"], ["mother", "father", "grandparent", "Мать", ""], ["a", "b"]]
        var random = SeededGenerator(seed: 99)
        func next(_ bound: Int) -> Int { random.uniform(below: bound) }
        for people in [0, 1, 7, 500] {
            let profileOf = (0..<people).map { _ in values.map { $0[next($0.count)] } }
            let (profiles, atomOf) = DisclosureBasisBuilder.atoms(of: people, width: values.count) { person, profile in
                profile = profileOf[person]
            }
            let plain = Array(Set(profileOf)).sorted { a, b in
                for (x, y) in zip(a, b) where x != y { return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) }
                return false
            }
            #expect(profiles == plain)
            #expect(atomOf == profileOf.map { plain.firstIndex(of: $0)! })
        }
    }

    /// People whose values are numbered (country and role) get the atoms their values give.
    @Test func numberedAtomsEqualTheAtomsOfTheirValues() throws {
        let values: [[String?]] = [["UK", "KZ", "Ұлыбритания"], ["mother", "", "Мать", "father", nil]]
        var random = SeededGenerator(seed: 17)
        for people in [0, 1, 7, 500] {
            let numbers = (0..<people).map { _ in values.map { random.uniform(below: $0.count) } }
            let numbered = values.indices.map { variable in NumberedValues(values: values[variable], numbers: numbers.map { UInt32($0[variable]) }) }
            let byNumber = try #require(DisclosureBasisBuilder.atoms(numbered: numbered, count: people))
            let byValue = DisclosureBasisBuilder.atoms(of: people, width: values.count) { person, profile in
                for variable in values.indices { profile[variable] = values[variable][numbers[person][variable]] ?? "" }
            }
            #expect(byNumber.profiles == byValue.profiles)
            #expect(byNumber.atomOf == byValue.atomOf)
        }
        // Combinations of more than 2²⁰ distinct values are left to the values.
        let many = NumberedValues(values: (0..<1_025).map { "v\($0)" }, numbers: [0, 1_024])
        #expect(DisclosureBasisBuilder.atoms(numbered: [many, many], count: 2) == nil)
        #expect(DisclosureBasisBuilder.atoms(numbered: [many], count: 2)?.atomOf == [0, 1])
    }
}

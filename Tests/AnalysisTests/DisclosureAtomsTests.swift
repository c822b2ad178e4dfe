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
}

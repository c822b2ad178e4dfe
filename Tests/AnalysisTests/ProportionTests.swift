import Statistics
import Testing

@Suite struct ProportionTests {
    @Test(arguments: [
        (1, 3, "33.3"), (2, 3, "66.7"), (1, 8, "12.5"), (1, 16, "6.3"), (3, 16, "18.8"), (0, 5, "0.0"),
        (5, 5, "100.0"), (1, 40, "2.5"), (1, 200, "0.5"), (1, 2000, "0.1"), (1, 2001, "0.0"),
    ])
    func percentRoundsHalfUpExactly(_ count: Int, _ base: Int, _ expected: String) {
        #expect(Proportion(count: count, base: base).percentText() == expected)
    }

    @Test func emptyBaseHasNoPercentage() {
        #expect(Proportion(count: 0, base: 0).percentText() == nil)
        #expect(Proportion(count: 0, base: 0).percent == nil)
        #expect(Proportion(count: 1, base: 8).percentText(decimals: 2) == "12.50")
        #expect(Proportion(count: 2, base: 3).percentText(decimals: 0) == "67")
    }
}

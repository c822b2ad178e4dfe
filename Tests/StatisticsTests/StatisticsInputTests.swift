import Statistics
import Testing

/// Input that is not a number is refused or kept apart, never turned into a number.
@Suite struct StatisticsInputTests {
    /// R: `p.adjust(c(0.01, NA, 0.04, 0.03), "BH")` gives `0.03 NA 0.04 0.04`: the NA stays NA and does
    /// not count in n (`p <- p[nna]` before `n = length(p)` is evaluated, src/library/stats/R/p.adjust.R).
    @Test func benjaminiHochbergKeepsNaNApartAsROfNA() {
        let adjusted = BenjaminiHochberg.adjusted([0.01, .nan, 0.04, 0.03])
        #expect(adjusted[1].isNaN)
        let rounded = [adjusted[0], adjusted[2], adjusted[3]].map { ($0 * 1e12).rounded() / 1e12 }
        #expect(rounded == [0.03, 0.04, 0.04])
        let none = BenjaminiHochberg.adjusted([.nan, .nan])
        #expect(none[0].isNaN && none[1].isNaN)
    }

    @Test func mannWhitneyRefusesAValueThatIsNotANumber() {
        #expect(throws: StatisticsInputError.notFinite(statistic: "Mann–Whitney U", position: 4)) {
            _ = try MannWhitneyUTest([1, 2, 3], [4, .nan, 6])
        }
        #expect(throws: StatisticsInputError.notFinite(statistic: "Mann–Whitney U", position: 0)) {
            _ = try MannWhitneyUTest([.infinity], [1])
        }
        #expect("\(StatisticsInputError.notFinite(statistic: "Mann–Whitney U", position: 4))" == "Mann–Whitney U: value 5 is not a finite number")
    }

    @Test func cronbachRefusesRowsOfDifferentLengths() {
        #expect(throws: StatisticsInputError.raggedRows(statistic: "Cronbach's α", row: 2, expected: 3, found: 2)) {
            _ = try CronbachAlpha([[1, 2, 3], [2, 3, 4], [1, 2]])
        }
        #expect(throws: StatisticsInputError.notFinite(statistic: "Cronbach's α", position: 3)) {
            _ = try CronbachAlpha([[1, 2], [2, .nan], [3, 3]])
        }
        #expect("\(StatisticsInputError.raggedRows(statistic: "Cronbach's α", row: 2, expected: 3, found: 2))"
            == "Cronbach's α: row 3 has 2 values, the first row 3")
    }
}

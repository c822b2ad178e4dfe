@testable import Reporting
import Testing

@Suite struct CSVFieldEscapingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=SUM(A1)", "'=SUM(A1)"), ("-- not sure", "'-- not sure"), ("+1", "'+1"), ("@x", "'@x"),
        ("=a,b", "\"'=a,b\""), ("Қазақ", "Қазақ"),
        // Negative numbers are numbers, not formulas: R and pandas must read them as such.
        ("-0.125", "-0.125"), ("-3", "-3"), ("-1.5e-05", "-1.5e-05"), ("-1e+300", "-1e+300"),
        ("-1-1", "'-1-1"), ("-.5", "'-.5"), ("-1e", "'-1e"), ("-", "'-"),
    ])
    func escapes(_ field: String, _ expected: String) {
        #expect(CSVFieldEscaping.escape(field) == expected)
    }
}

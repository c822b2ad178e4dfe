@testable import Reporting
import Testing

@Suite struct CSVFieldEscapingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("=SUM(A1)", "'=SUM(A1)"), ("-- not sure", "'-- not sure"), ("+1", "'+1"), ("@x", "'@x"),
        ("=a,b", "\"'=a,b\""), ("Қазақ", "Қазақ"),
    ])
    func escapes(_ field: String, _ expected: String) {
        #expect(CSVFieldEscaping.escape(field) == expected)
    }
}

import Foundation
import StatFileInput
import Testing

@Suite struct StatFileWritingTests {
    /// Three variables: text with Kazakh letters (two UTF-8 bytes each), a labelled number and a number with a
    /// missing value; two numeric variables share their labels.
    let file = StatFile(
        variables: [
            StatFile.Variable(name: "participant", label: "Participant", isNumeric: false),
            StatFile.Variable(name: "country", label: "Country", isNumeric: true, valueLabels: [1: "KZ", 2: "UK"]),
            StatFile.Variable(name: "bar_busy", label: "Busy job", isNumeric: true, valueLabels: [0: "not mentioned", 1: "mentioned"]),
            StatFile.Variable(name: "bar_shy", label: "Shy", isNumeric: true, valueLabels: [0: "not mentioned", 1: "mentioned"]),
            StatFile.Variable(name: "score", isNumeric: true),
        ],
        cases: [
            [.text("P-001"), .number(1), .number(1), .number(0), .number(2.5)],
            [.text("Әлия"), .number(2), .number(0), .number(1), .missing],
        ])

    @Test func aWrittenFileReadsBackWithItsLabels() throws {
        let data = try file.savData(fileLabel: "a test", file: "t.sav")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("statfile-\(UUID().uuidString).sav")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try StatFile(path: url.path)
        #expect(read.variables == file.variables)
        #expect(read.cases == file.cases)
        #expect(StatFile.savFileLabel(of: data) == "a test")
    }

    @Test func theSameFileGivesTheSameBytes() throws {
        let first = try file.savData(fileLabel: "a test", file: "t.sav")
        #expect(try file.savData(fileLabel: "a test", file: "t.sav") == first)
        // The header's creation date and time are fixed, not the clock's.
        #expect(String(decoding: first.subdata(in: 92..<109), as: UTF8.self) == "01 Jan 8000:00:00")
        #expect(StatFile.savFileLabel(of: Data("participant,country\n".utf8)) == nil)
    }

    @Test(arguments: [
        ("1st_contact", "an SPSS variable name starts with a letter"),
        ("_x", "an SPSS variable name starts with a letter"),
        ("with", "'with' is a reserved word of SPSS"),
        ("child age", "' ' cannot be part of an SPSS variable name"),
        ("band.", "an SPSS variable name does not end in '.'"),
        (String(repeating: "a", count: 65), "an SPSS variable name has at most 64 bytes"),
    ])
    func aNameSPSSCannotTakeIsRefusedByName(name: String, problem: String) {
        let bad = StatFile(variables: [StatFile.Variable(name: name, isNumeric: true)], cases: [[.number(1)]])
        let error = #expect(throws: StatFileError.self) { try bad.savData(fileLabel: "", file: "m.sav") }
        #expect(error?.description == "m.sav: variable '\(name)': \(problem)")
    }

    @Test(arguments: ["bar_low_efficacy", "q1", "x.y", "Ω_1", "a@b#c$"])
    func namesSPSSTakesAreAccepted(name: String) {
        #expect(StatFile.spssNameProblem(name) == nil)
    }
}

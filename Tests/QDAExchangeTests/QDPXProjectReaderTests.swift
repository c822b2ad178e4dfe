import Foundation
import QDAExchange
import StudyModel
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

@Suite struct QDPXProjectReaderTests {
    /// QualCoder's own export (Tests/Fixtures/QualCoderPilot): every selection's start, end, user and code path equal
    /// what the fixture script put into QualCoder (`expected-coding.csv`, Python string indices, i.e. code points),
    /// and its excerpt, cut from the text file, equals the `name` QualCoder writes (its `seltext`), also where a
    /// stress mark (е + U+0301) and an emoji come before the selection and the text has CRLF line ends.
    @Test func qualCodersSelectionsAreReadInCodePoints() throws {
        let project = try QDPXProjectReader.read(path: fixtures.appendingPathComponent("QualCoderPilot/pilot.qdpx").path)
        #expect(project.origin == "QualCoder 4.0 Beta")
        #expect(project.users.map(\.name) == ["Aigerim", "Tom"])
        #expect(project.cases.map { $0.name ?? "" } == ["KZ01", "KZ02", "KZ03", "KZ04", "UK01", "UK02", "UK03", "UK04"])
        #expect(project.cases.allSatisfy { $0.sources.isEmpty && $0.values.map(\.variable) == ["country", "role"] })
        #expect(project.notes == [
            "8 plain text files start with a byte-order mark (as QualCoder writes them); it is not counted in offsets",
            "1 coded text has Windows line ends (\\r\\n), whose offsets were read with \\r\\n as two characters (REFI-QDA's code points);"
                + " if excerpts look shifted by a character per line, set line_ends: crlf_as_one",
        ])
        var read: [String] = []
        for source in project.textSources {
            for selection in source.selections {
                for coding in selection.codings {
                    read.append("\(source.name),\(coding.user),\(coding.codePath.joined(separator: "/")),\(selection.start),\(selection.end)")
                }
            }
        }
        let expected = try String(contentsOf: fixtures.appendingPathComponent("QualCoderPilot/expected-coding.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map(String.init)
        #expect(expected.count == 25)
        #expect(read.sorted() == expected.sorted())

        let document = try projectDocument(fixtures.appendingPathComponent("QualCoderPilot/pilot.qdpx"))
        let names = document.matches(of: /<PlainTextSelection [^>]* name="([^"]*)"/).map { String($0.output.1) }
        let excerpts = project.textSources.flatMap { $0.selections.map(\.excerpt) }
        #expect(excerpts.count == 25)
        #expect(excerpts == names.map(unescaped))
        let withEmoji = try #require(project.textSources.first?.selections.first)
        #expect((withEmoji.start, withEmoji.end) == (18, 64))
        #expect(withEmoji.excerpt == "Я рабо\u{301}таю до семи 🙂 и не успеваю на собрания.")
        #expect(project.textSources[4].text.contains("\r"))  // Leeds interview 1, CRLF counted as two
    }

    /// The NVivo-shaped project (built from the specification): GUIDs in braces and upper case resolve, whole-source
    /// codings and PDF sources are left out with a note.
    @Test func nvivoShapedQuirksAreTolerated() throws {
        let project = try QDPXProjectReader.read(path: fixtures.appendingPathComponent("NVivoShapedPilot/pilot.qdpx").path)
        #expect(project.cases.first?.sources.count == 2)
        #expect(project.cases.first?.values.map { "\($0.variable)=\($0.value ?? "")" } == ["Country=KZ", "Role=mother", "Interview year=2026"])
        #expect(project.textSources.flatMap(\.selections).flatMap(\.codings).count == 22)
        #expect(project.notes == [
            "9 coded texts have Windows line ends (\\r\\n), whose offsets were read with \\r\\n as two characters (REFI-QDA's code points);"
                + " if excerpts look shifted by a character per line, set line_ends: crlf_as_one",
            "1 coding of whole sources left out (only coded text selections become segments)",
            "1 PDFSource element with 1 coding left out (only text sources are read)",
        ])
    }

    @Test func aFileThatIsNoZipIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-zip-\(UUID().uuidString).qdpx").path
        try Data("<Project/>".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: InputProblems.self) { try QDPXProjectReader.read(path: path) }
        #expect(error?.description == "\(path): not a zip archive, so not a REFI-QDA project (.qdpx)")
    }
}

/// The project document inside a `.qdpx`, read with Python's zipfile rather than the reader under test.
private func projectDocument(_ archive: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "python3", "-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('project.qde'))",
        archive.path,
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

private func unescaped(_ attribute: String) -> String {
    attribute.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#x27;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}

import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The CSV and YAML conformance corpus (`Conformance/`, made by `scripts/make-conformance-corpus.py`):
/// each file replaces one input of the fixture, and ingest must accept it exactly as `.expected` says
/// (records stored) or reject it with exactly its problems (file, line, column, reason). A case with a
/// `.dialect` file is ingested with that `dialect:` declared on its source in `study.yml`.
@Suite struct ConformanceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Conformance")

    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !$0.hasSuffix(".expected") && !$0.hasSuffix(".dialect") }.sorted()

    /// What ingest makes of the fixture with `file` in the place its name gives.
    static func outcome(_ file: String) throws -> String {
        let fixture = try StudyFixture()
        let target = String(file.split(separator: "--")[0])
        try fixture.write(bytes: Array(try Data(contentsOf: folder.appendingPathComponent(file))), to: target)
        if let dialect = try? String(contentsOf: folder.appendingPathComponent(file + ".dialect"), encoding: .utf8) {
            let manifest = try String(contentsOfFile: fixture.path("study.yml"), encoding: .utf8)
            let declared = manifest.replacingOccurrences(
                of: "{file: \(target), ", with: "{file: \(target), dialect: \(dialect.trimmingCharacters(in: .newlines)), ")
            #expect(declared != manifest, "\(file): no source \(target) in the fixture's manifest")
            try fixture.write(declared, to: "study.yml")
        }
        do {
            let summary = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
            return "accepted: \(summary.participants) participants, \(summary.segmentRows) code applications, "
                + summary.respondents.map { "\($0.count) respondents of \($0.instrument)" }.joined(separator: ", ") + "\n"
        } catch let error as InputProblems {
            return "\(error)".replacingOccurrences(of: fixture.directory + "/", with: "") + "\n"
        } catch let error as InputProblem {
            return "\(error)".replacingOccurrences(of: fixture.directory + "/", with: "") + "\n"
        }
    }

    @Test func theCorpusHasSixtyFilesOrMore() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func eachFileIsAcceptedOrRejectedExactlyAsExpected(_ file: String) throws {
        let expectedURL = Self.folder.appendingPathComponent(file + ".expected")
        let outcome = try Self.outcome(file)
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["RECORD_CONFORMANCE"] == "1" {
                try outcome.write(to: expectedURL, atomically: true, encoding: .utf8)
            }
            Issue.record("\(file): no .expected (RECORD_CONFORMANCE=1 writes it, to be reviewed)")
            return
        }
        #expect(outcome == expected, "\(file)")
    }
}

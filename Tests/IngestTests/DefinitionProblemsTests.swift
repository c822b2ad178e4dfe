import Foundation
import Testing
import TestSupport

/// The codebook and the instruments are read at once (the instruments on a thread of their own): their
/// problems still come in the order the manifest names the files, the codebook first.
@Suite struct DefinitionProblemsTests {
    @Test func problemsOfTheCodebookAndEachInstrumentComeInManifestOrder() throws {
        let fixture = try StudyFixture()
        let manifest = try String(contentsOfFile: fixture.path("study.yml"), encoding: .utf8)
            .replacingOccurrences(
                of: "  - {file: survey.csv, kind: survey, instrument: mini.yml}\n",
                with: "  - {file: survey.csv, kind: survey, instrument: absent.yml}\n  - {file: survey2.csv, kind: survey, instrument: mini.yml}\n")
        try fixture.write(manifest, to: "study.yml")
        try fixture.write(try String(contentsOfFile: fixture.path("survey.csv"), encoding: .utf8), to: "survey2.csv")
        try fixture.write("codes: [unclosed\n", to: "codebook.yml")
        try fixture.write("id: mini\nitems: {\n", to: "mini.yml")
        let found = try problems(of: fixture)
        #expect(found.count == 3)
        #expect(found.first?.hasPrefix("codebook.yml:") == true)
        #expect(found.dropFirst().first == "absent.yml: cannot read file (missing, or not UTF-8)")
        #expect(found.last?.hasPrefix("mini.yml:") == true)
    }
}

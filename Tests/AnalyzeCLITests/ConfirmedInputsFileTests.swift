import Foundation
import Ingest
import StudyModel
import Testing
import TestSupport

@testable import AnalyzeCLI

/// The confirmed input stats beside the store are the tool's own file: read and replaced when they are,
/// left alone when a file of that name is not.
@Suite struct ConfirmedInputsFileTests {
    private let stats = ConfirmedInputStats(entries: [
        "segments.csv": .init(
            sha256: String(repeating: "e", count: 64),
            stat: SourceFileStat(device: 1, inode: 2, byteCount: 3, modified: 4, changed: 5))
    ])

    @Test func theToolsOwnFileIsWrittenReadAndReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(ConfirmedInputsFile.read(besideStore: store) == stats)
        ConfirmedInputsFile.keep(ConfirmedInputStats(), besideStore: store)
        #expect(try String(contentsOfFile: store + ".confirmed-inputs", encoding: .utf8) == "analyze confirmed input stats 1\n")
    }

    @Test func aFileOfThatNameThatIsNotTheToolsIsNeitherTrustedNorReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        let foreign = "notes of the researcher\n" + stats.text
        try fixture.write(foreign, to: "study.sqlite.confirmed-inputs")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(try String(contentsOfFile: store + ".confirmed-inputs", encoding: .utf8) == foreign)
    }

    @Test func aDamagedFileIsNotTrustedButIsReplaced() throws {
        let fixture = try StudyFixture()
        let store = fixture.path("study.sqlite")
        try fixture.write(String(stats.text.dropLast(3)), to: "study.sqlite.confirmed-inputs")
        #expect(ConfirmedInputsFile.read(besideStore: store) == ConfirmedInputStats())
        ConfirmedInputsFile.keep(stats, besideStore: store)
        #expect(ConfirmedInputsFile.read(besideStore: store) == stats)
    }
}

import Foundation
import StudyModel
import Testing
import TestSupport

@Suite struct ManifestKeysTests {
    @Test func aMisspeltSettingIsAnErrorWithItsLineAndTheKeyMeant() throws {
        let fixture = try StudyFixture(manifestTail: "disclosure: {minimun_count: 10}\nquote:\n  consent_attribute: ok\n")
        #expect {
            _ = try StudyManifest(directory: fixture.directory)
        } throws: { error in
            let text = "\(error)"
            let manifest = fixture.path("study.yml")
            return text.contains("\(manifest):28:14: disclosure.minimun_count: unknown setting (did you mean 'minimum_count'?); known: minimum_count, full_cells")
                && text.contains("\(manifest):29:1: quote: unknown setting (did you mean 'quotes'?)")
        }
    }

    @Test func theShippedSampleHasNoUnknownSetting() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let manifest = try StudyManifest(directory: root.appendingPathComponent("data/sample").path)
        #expect(manifest.minimumCount == 5)
    }
}

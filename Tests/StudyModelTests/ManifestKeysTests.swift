import Foundation
import Testing
import TestSupport
import Yams

@testable import StudyModel

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

    /// The keys are checked on the tree `YAMLFile` parsed, not a second `compose`: the same problems, in
    /// the same order, with the same lines and columns; a tree with a complex key is composed again.
    @Test(arguments: [
        "name: a\nversoin: 1\nlevels: {country: [KZ], rol: [x]}\nsources:\n  - {file: a.csv, kind: participants, dialekt: x}\n",
        "name: a\nanalysis:\n  tables:\n    - {id: t, rows: barriers, colums: country}\n    - crosstab\npublication: {labels: {KZ: {en: K}}, untested: {role: [teacher]}, grups: {}}\n",
        "base: &b {minimum_count: 5}\ndisclosure: {<<: *b, full_cell: hide}\n",
        "name: a\n? {=: x}\n: y\n? [1, 2]\n: z\nquotes: {consent: yes}\n",
        "'name': a\n\"vers\\x69on\": 1\ntrue: x\n1: y\nnull: z\n",
    ])
    func keysOfTheParsedTreeAreThoseOfCompose(_ text: String) throws {
        let parser = try Parser(yaml: text, resolver: YAMLFile.resolver(for: text), encoding: .default)
        let tree = try parser.singleRoot() ?? ""
        let reused = ManifestKeys.problems(in: text, tree: tree, path: "study.yml")
        #expect(reused == ManifestKeys.problems(in: text, path: "study.yml"))
        #expect(!reused.isEmpty)
        #expect(ManifestKeys.holdsComplexKey(tree) == text.contains("? "))
    }
}

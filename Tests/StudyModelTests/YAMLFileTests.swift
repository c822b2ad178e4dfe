import Foundation
import Testing
import Yams

@testable import StudyModel

/// What `YAMLFile` decides before it decodes: a file of comments only is an empty file.
@Suite struct YAMLFileTests {
    /// The rule as it was written: every line of `text.split(separator: "\n")` starts with `#` once its
    /// spaces and tabs are trimmed.
    static func splitRule(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
    }

    @Test(arguments: [
        "", "\n", "# a\n", "# a\n\n  # b\n\t# c", "# a\nversion: 1\n", "version: 1\n# a", "  \n# a\n  x",
        "# a\r\n# b\r\n", "# a\r\nversion: 1\r\n", "\r\n", "#\u{301} accent", "\u{00A0}# no-break space",
        "# a\n\u{2003}# em space\n", "\t#", "#", "x", "\n\n\nx\n",
    ])
    func commentsOnlyIsTheSplitRule(_ text: String) {
        #expect(YAMLFile.holdsOnlyComments(text) == Self.splitRule(text))
    }

    @Test func commentsOnlyReadsLineByLine() {
        #expect(YAMLFile.holdsOnlyComments("# a\n  # b\n\n"))
        #expect(!YAMLFile.holdsOnlyComments("# a\ncodes: []\n"))
        #expect(!YAMLFile.holdsOnlyComments("#\u{301} accent"))
    }

    /// A text without `<<` is parsed without the merge rule and its names are resolved with it: the value
    /// Yams's decoder gives, or an error where it fails (a key that is `<<` once its escapes are read is
    /// not found under that name, as in Yams).
    @Test(arguments: [
        "entries: [{name: a, count: 1, labels: {en: x, kk: y}}]",
        "entries: [{name: a, count: 1, labels: {\"\\x3C\\x3C\": x}}]",
        "entries: [{name: a, count: 1, labels: {'<<': x}}]",
        "entries: [{<<: {name: a}, count: 1}]",
        "base: &b {count: 2}\nentries: [{<<: *b, name: '<<'}]",
        "entries: [{name: a, count: 1, flag: yes, share: .5, level: child, tags: [x]}]",
    ])
    func decodesAsYams(_ text: String) throws {
        let folder = try FileManager.default.url(
            for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: NSTemporaryDirectory()), create: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("file.yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let ours = try? YAMLFile.decode(YAMLNodeDecoderTests.Document.self, path: path)
        let yams = try? YAMLDecoder().decode(YAMLNodeDecoderTests.Document.self, from: text)
        #expect(ours == yams)
        #expect(YAMLFile.resolver(for: text) === (text.contains("<<") ? YAMLFile.mergeResolver : Resolver.basic))
    }

    @Test func escapedMergeKeyIsNotFoundAsInYams() throws {
        let text = "entries: [{name: a, count: 1, labels: {\"\\x3C\\x3C\": x}}]"
        #expect(!YAMLFile.mayMatchMergeRule(text))
        #expect((try? YAMLDecoder().decode(YAMLNodeDecoderTests.Document.self, from: text)) == nil)
    }

    /// `--lang` lists the catalog files' languages without decoding them: those the decoded catalogs give.
    @Test func theCatalogFilesAreTheAvailableLanguages() {
        #expect(Catalog.fileLanguages == Language.available)
        #expect(Catalog.fileLanguages.map(\.rawValue) == ["en", "kk", "ru"])
    }
}

import Foundation
import StudyModel
import Testing

@testable import Reporting

@Suite struct PhrasebookTests {
    /// The named slots of a template (`{n}`, `{InPlace}` counts as `inPlace`).
    static func slots(_ template: String) -> Set<String> {
        var names = Set<String>()
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            names.insert(name.prefix(1).lowercased() + name.dropFirst())
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    @Test func everyPhraseHasItsThreeLanguagesAndNoUnknownSlot() {
        #expect(Phrasebook.phrases.count == Phrasebook.Key.allCases.count)
        for key in Phrasebook.Key.allCases {
            guard let phrase = Phrasebook.phrases[key] else {
                Issue.record("no phrase for \(key)")
                continue
            }
            #expect(!phrase.en.isEmpty && !phrase.ru.isEmpty && !phrase.kk.isEmpty, "\(key)")
            // A language may leave a value out (Russian needs no plural of "barriers" after a dash), but
            // never names a slot English does not fill: that would print as `{name}`.
            #expect(Self.slots(phrase.ru).isSubset(of: Self.slots(phrase.en)), "\(key): ru slots")
            #expect(Self.slots(phrase.kk).isSubset(of: Self.slots(phrase.en)), "\(key): kk slots")
        }
    }

    @Test(arguments: Language.allCases)
    func noReportLeavesASlotUnfilledOrEnglishWordsInRussianAndKazakh(_ language: Language) throws {
        let files = try ReportBuilder(results: try fixtureResults(), language: language).files()
        let slot = try Regex("\\{[A-Za-z][A-Za-z0-9]*\\}")
        for (path, contents) in files where path.hasSuffix(".txt") || path.hasSuffix(".md") || path.hasSuffix(".html") {
            #expect(contents.firstMatch(of: slot) == nil, "\(language) \(path)")
        }
        guard language != .en else { return }
        let text = try #require(files.first { $0.path == "tables.txt" }?.contents)
        for english in ["withheld", "95% CI", " seg ", "# Tables", "Pooled (CMH)", "code rows of"] {
            #expect(!text.contains(english), "\(language): '\(english)' in tables.txt")
        }
    }
}

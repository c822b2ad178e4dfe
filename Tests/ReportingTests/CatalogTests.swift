import Analysis
import Publication
import Foundation
import StudyModel
import Testing

@testable import Reporting

@Suite struct CatalogTests {
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

    static let catalogFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/StudyModel/Catalogs")

    @Test func everyCatalogFileLoadsAndEnglishHasExactlyThePhrasesReportsUse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.catalogFolder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["en.json", "kk.json", "ru.json"])
        for file in files { _ = try Catalog.load(Self.catalogFolder.appendingPathComponent(file)) }
        #expect(Language.available.map(\.rawValue) == ["en", "kk", "ru"])
        let english = Catalog.of(.en)
        #expect(Set(english.phrases.keys) == Set(Phrase.allCases.map(\.rawValue)))
    }

    @Test(arguments: Catalog.all.filter { $0.language != .en }.map(\.language))
    func everyCatalogHasEnglishsKeysAndNoSlotEnglishDoesNotFill(_ language: Language) {
        let english = Catalog.of(.en), catalog = Catalog.of(language)
        #expect(Set(catalog.phrases.keys) == Set(english.phrases.keys), "\(language): phrases")
        #expect(Set(catalog.words.keys) == Set(english.words.keys), "\(language): words")
        for (key, template) in catalog.phrases.merging(catalog.words, uniquingKeysWith: { a, _ in a }) {
            let reference = english.phrases[key] ?? english.words[key] ?? ""
            #expect(!template.isEmpty, "\(language) \(key)")
            // A language may leave a value out (Russian needs no plural of "barriers" after a dash), but
            // never names a slot English does not fill: that would print as `{name}`.
            #expect(Self.slots(template).isSubset(of: Self.slots(reference).union(["name", "rowsLower"])), "\(language) \(key): slots")
        }
    }

    /// A new language is a catalog file: a copy of English's with every text marked renders a whole
    /// report in it, with no slot left and no English sentence.
    @Test func aLanguageIsACatalogFileAndNoSwiftCode() throws {
        let english = try String(contentsOf: Self.catalogFolder.appendingPathComponent("en.json"), encoding: .utf8)
        var lines: [String] = []
        for line in english.split(separator: "\n", omittingEmptySubsequences: false) {
            // `"key" : "text",` → `"key" : "¤text",`; the header lines are renamed.
            if line.hasPrefix("    \""), let colon = line.range(of: "\" : \"") {
                lines.append(String(line[..<colon.upperBound]) + "¤" + line[colon.upperBound...])
            } else {
                lines.append(String(line))
            }
        }
        let text = lines.joined(separator: "\n")
            .replacingOccurrences(of: "\"language\" : \"en\"", with: "\"language\" : \"xx\"")
            .replacingOccurrences(of: "\"decimal_comma\" : false", with: "\"decimal_comma\" : true")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("xx.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let catalog = try Catalog.load(url)
        #expect(catalog.language.rawValue == "xx")
        let results = try fixtureResults()
        var builder = ReportBuilder(results: results, suppression: false)
        builder.vocabulary = Vocabulary(catalog: catalog, labels: results.levelLabels)
        let files = try builder.files()
        let tables = try #require(file("tables.txt", in: files))
        #expect(tables.contains("barriers-by-country: ¤¤Barriers by ¤country"))
        #expect(tables.contains("¤Base (participants)"))
        #expect(tables.contains("66,7  20,8–93,9"))
        let summary = try #require(file("summary.txt", in: files))
        #expect(summary.hasPrefix("¤NO DISCLOSURE CONTROL"))
        let slot = try Regex("\\{[A-Za-z][A-Za-z0-9]*\\}")
        for (path, contents) in files where path.hasSuffix(".txt") || path.hasSuffix(".html") {
            #expect(contents.firstMatch(of: slot) == nil, "\(path)")
        }
    }

    @Test(arguments: Language.available)
    func noReportLeavesASlotUnfilledOrEnglishWordsInRussianAndKazakh(_ language: Language) throws {
        let files = try ReportBuilder(results: try fixtureResults(), language: language).files()
        let slot = try Regex("\\{[A-Za-z][A-Za-z0-9]*\\}")
        for (path, contents) in files where path.hasSuffix(".txt") || path.hasSuffix(".md") || path.hasSuffix(".html") {
            #expect(contents.firstMatch(of: slot) == nil, "\(language) \(path)")
        }
        guard language != .en else { return }
        let text = try #require(files.first { $0.path == "tables.txt" }?.contents)
        for english in ["withheld", "95% CI", " seg ", "# Tables", "Pooled (CMH)", "code rows of", "adj. p", "Fisher p", "RD"] {
            #expect(!text.contains(english), "\(language): '\(english)' in tables.txt")
        }
    }
}

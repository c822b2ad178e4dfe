import Foundation
import Publication
@testable import Reporting
@testable import StudyModel
import Testing

/// A template cut once (``PhraseTemplate``) fills as ``Catalog/fill(_:_:)`` does with every value
/// formatted first (what ``TextFormatter`` did before): on every phrase of every catalog and on random
/// templates, with values missing, present, capitalised and not.
@Suite struct PhraseTemplateTests {
    static let say = TextFormatter(vocabulary: Vocabulary(language: .en))

    /// Fills `template` both ways.
    static func both(_ template: String, _ values: [String: Text]) -> (cut: String, whole: String) {
        (PhraseTemplate(template).filled(values) { say($0) }, Catalog.fill(template, values.mapValues { say($0) }))
    }

    static func slotNames(_ template: String) -> [String] {
        template.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}", omittingEmptySubsequences: false).first.map(String.init) }
    }

    @Test func everyPhraseOfEveryCatalogFillsAsCatalogFill() throws {
        var generator = SystemRandomNumberGenerator()
        let values: [Text] = [.plain("x"), .plain("été"), .plain(""), .count(12), .number("3.5"), .plain("қала"), .plain("e\u{301}")]
        var compared = 0
        for catalog in Catalog.all {
            for template in catalog.phrases.values {
                let names = Self.slotNames(template)
                for _ in 0..<8 {
                    var given: [String: Text] = [:]
                    for name in names where Bool.random(using: &generator) {
                        let key = Bool.random(using: &generator) ? name : name.prefix(1).lowercased() + name.dropFirst()
                        given[key] = values.randomElement(using: &generator)!
                    }
                    if Bool.random(using: &generator) { given["unused"] = .plain("u") }
                    let (cut, whole) = Self.both(template, given)
                    #expect(cut.utf8.elementsEqual(whole.utf8), "\(template)")
                    compared += 1
                }
            }
        }
        #expect(compared > 1000)
    }

    @Test func randomTemplatesFillAsCatalogFill() {
        var generator = SystemRandomNumberGenerator()
        let parts = ["{", "}", "a", "A", "ab", "Ab", " ", "é", "Ж", "ж", "\u{301}", "\r", "\n", "{a}", "{A}", "{ab}", "{Ab}", "{}", "{ß}", "{Éa}", "{Жа}", "x"]
        let values: [Text] = [.plain("v"), .plain("ünï"), .plain(""), .plain("ǆa"), .count(7), .plain("\u{301}z")]
        var beside = 0
        for _ in 0..<8_000 {
            let template = (0..<Int.random(in: 0...8, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            var given: [String: Text] = [:]
            for key in ["a", "A", "ab", "Ab", "", "ß", "éa", "Éa", "жа", "Жа"] where Int.random(in: 0..<3, using: &generator) == 0 {
                given[key] = values.randomElement(using: &generator)!
            }
            let (filled, whole) = Self.both(template, given)
            #expect(filled.utf8.elementsEqual(whole.utf8), "\(template.debugDescription) \(given)")
            // Templates whose braces join a neighbouring character (a combining accent after `}`) are
            // among them: there the slots are found on characters, not bytes.
            if !PlainScalars.hasOnlyPlainScalars(template) && Catalog.asciiSlots(template) == nil { beside += 1 }
        }
        #expect(beside > 500)
    }

    @Test func aSlotTakesItsValueOrTheCapitalisedOneOrStays() throws {
        let template = PhraseTemplate("{n} of {Group} in {place}; {none}")
        let say = TextFormatter(vocabulary: Vocabulary(language: .en))
        #expect(template.filled(["n": .count(3), "group": .plain("fathers"), "place": .plain("Almaty")]) { say($0) }
            == "3 of Fathers in Almaty; {none}")
        #expect(template.filled(["Group": .plain("mothers")]) { say($0) } == "{n} of mothers in {place}; {none}")
        #expect(PhraseTemplate("e\u{301}{n}").filled(["n": .count(2)]) { say($0) } == "e\u{301}2")
        #expect(PhraseTemplate("é{n}").filled(["n": .count(2)]) { say($0) } == "é2")
        // A combining accent after a slot's `}` joins it: `Catalog.fill` finds no slot there, nor does the cut.
        #expect(PhraseTemplate("{n}\u{301}").filled(["n": .count(2)]) { say($0) } == "{n}\u{301}")
    }
}

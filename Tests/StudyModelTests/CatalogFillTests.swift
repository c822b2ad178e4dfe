import Testing

@testable import StudyModel

/// `Catalog.fill` finds slots in the template's bytes when its braces have ASCII neighbours, and walks
/// characters otherwise; both give the same text.
@Suite struct CatalogFillTests {
    @Test func fillsSlots() {
        let values = ["name": "әке", "count": "12"]
        #expect(Catalog.fill("{Name} ({count}) — {missing}", values) == "Әке (12) — {missing}")
        #expect(Catalog.fill("Барлығы {count} {name}.", values) == "Барлығы 12 әке.")
        #expect(Catalog.fill("open { without close", values) == "open { without close")
        #expect(Catalog.fill("{a{name}}", ["a{name": "x"]) == "x}")
        #expect(Catalog.asciiSlots("Барлығы {count} {name}.") != nil)
        // A brace with a combining mark is no `{` character: the byte path is not taken.
        #expect(Catalog.asciiSlots("{name\u{301}}") == nil)
        #expect(Catalog.fill("x {\u{301}name} y", values) == "x {\u{301}name} y")
        #expect(Catalog.fill("x{\u{301}{name}", values) == "x{\u{301}әке")
    }

    @Test func bytePathEqualsCharacterWalk() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["{", "}", "name", "Name", "count", "Count", "a", " ", "Ә", "ж", "\u{301}", "\r\n", "{name}", "{Count}", "x{", "}y", "é", "🙂"]
        let values = ["name": "әке", "count": "12", "x": "", "a": "ы"]
        for _ in 0..<5_000 {
            let template = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Catalog.fill(template, values) == Catalog.characterFill(template, values), "\(template.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())")
        }
    }
}

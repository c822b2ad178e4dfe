import StudyModel
import Testing

@Suite struct UncategorisedCodeIDTests {
    /// The documented rule (docs/formats.md, "Code map"); the hashes by Python:
    /// FNV-1a 32-bit of the key's UTF-8 bytes, `h = ((h ^ b) * 0x01000193) & 0xffffffff` from 0x811c9dc5.
    @Test(arguments: [
        ("Follow up", "follow_up"),
        ("Barriers\\Other", "barriers_other"),
        ("Barrier / Low-confidence", "barrier_low_confidence"),
        ("Мероприятия/Другое", "meropriyatiya_drugoe"),
        ("Объём работы", "obem_raboty"),
        ("Қазақ тілі", "qazaq_tili"),
        ("Ұйым / өнер", "uiym_oner"),
        ("Éducation spéciale", "education_speciale"),
        ("2nd contact", "2nd_contact"),
        ("家庭", "code_01c3a7a2"),
        ("🙂", "code_57a37a4b"),
    ])
    func idOfAName(_ name: String, _ id: String) {
        #expect(UncategorisedCode.id(for: name) == id)
    }

    @Test func aKeptCodeIsUncategorisedWithItsNameAsItsEnglishLabel() throws {
        let code = UncategorisedCode.code(named: "Мероприятия/Другое")
        #expect(code.category == .uncategorised)
        #expect(code.label.texts == ["en": "Мероприятия/Другое"])
        // It passes the codebook's rules beside any code.
        let codebook = try Codebook(version: "1", codes: [code])
        #expect(codebook.codes(in: .uncategorised).map(\.id) == ["meropriyatiya_drugoe"])
    }
}

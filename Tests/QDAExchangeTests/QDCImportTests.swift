import Foundation
import QDAExchange
import StudyModel
import Testing

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct QDCImportTests {
    /// Taguette 1.5.2's own export (Tests/Fixtures/TaguettePilot): flat path names, an empty `<Sets/>`.
    @Test func taguettesFlatCodebookIsRead() throws {
        let path = repository.appendingPathComponent("Tests/Fixtures/TaguettePilot/codebook.qdc").path
        let codebook = try QDCCodebookReader.read(path: path)
        #expect(codebook.origin == "Taguette 1.5.2")
        let entries = codebook.codableEntries
        #expect(entries.map(\.path) == [
            ["interesting"], ["barrier", "busy-job"], ["Barrier", "Low confidence"], ["barrier", "язык обучения"],
            ["role", "communicator"], ["role", "home teacher"], ["activity", "parent meetings"], ["activity", "open day"],
            ["follow up"],
        ])
        #expect(entries[1].code.guid == "45B604F6-BF5E-5061-858A-BB8A94B61C5A")
        #expect(entries.allSatisfy { $0.code.description == nil && $0.code.children.isEmpty })
    }

    @Test func aTreeFromAnotherToolBecomesCodesWithTheirHierarchy() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo">
              <Codes>
                <Code guid="{11111111-1111-1111-1111-111111111111}" name="Barriers" isCodable="false" color="#f00">
                  <Code guid="22222222-2222-2222-2222-222222222222" name="Parent" isCodable="false">
                    <Code guid="33333333-3333-3333-3333-333333333333" name="Busy job" isCodable="true">
                      <Description>No time.</Description>
                      <Code guid="44444444-4444-4444-4444-444444444444" name="Night shifts" isCodable="true"><Description>Shifts.</Description></Code>
                    </Code>
                  </Code>
                </Code>
                <Code guid="55555555-5555-5555-5555-555555555555" name="Activities" isCodable="false">
                  <Code guid="66666666-6666-6666-6666-666666666666" name="Formal" isCodable="false">
                    <Code guid="77777777-7777-7777-7777-777777777777" name="Собрания" isCodable="true">
                      <Description>Meetings.

            id: act_parent_meetings
            label.ru: Собрания</Description>
                    </Code>
                  </Code>
                </Code>
              </Codes>
              <Sets/>
            </CodeBook>
            """
        let codebook = try QDCCodebookImport.codebook(
            from: try QDCCodebookReader.read(data: Data(xml.utf8), file: "nvivo.qdc"), file: "nvivo.qdc")
        #expect(codebook.version == "unversioned")
        #expect(codebook.codes.map(\.id) == ["busy_job", "night_shifts", "act_parent_meetings"])
        #expect(codebook["night_shifts"]?.parent == "busy_job")
        #expect(codebook["night_shifts"]?.factor == .parent)
        #expect(codebook["act_parent_meetings"]?.type == .formal)
        #expect(codebook["act_parent_meetings"]?.label.texts == ["en": "Собрания", "ru": "Собрания"])
        #expect(codebook["busy_job"]?.description == "No time.")
    }

    @Test func problemsNameTheFileLineAndXMLPath() throws {
        let unnamed = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
              <Codes>
                <Code guid="33333333-3333-3333-3333-333333333333" name="barrier" isCodable="false"/>
                <Code guid="33333333-3333-3333-3333-333333333334" isCodable="true"/>
              </Codes>
            </CodeBook>
            """
        let error = #expect(throws: InputProblems.self) { try QDCCodebookReader.read(data: Data(unnamed.utf8), file: "c.qdc") }
        #expect(error?.description == "c.qdc:4: /CodeBook/Codes/Code[2]: the code has no name")

        let broken = "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n</CodeBook>"
        let brokenError = #expect(throws: InputProblems.self) { try QDCCodebookReader.read(data: Data(broken.utf8), file: "b.qdc") }
        #expect(brokenError?.problems.first?.line == 3)
        #expect(brokenError?.description.hasPrefix("b.qdc:3:") == true)

        let outside = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
            <Code guid="33333333-3333-3333-3333-333333333333" name="Themes" isCodable="false">
            <Code guid="33333333-3333-3333-3333-333333333334" name="Busy" isCodable="true"><Description>x</Description></Code>
            </Code></Codes></CodeBook>
            """
        let outsideError = #expect(throws: InputProblems.self) {
            try QDCCodebookImport.codebook(from: try QDCCodebookReader.read(data: Data(outside.utf8), file: "o.qdc"), file: "o.qdc")
        }
        #expect(outsideError?.description == "o.qdc:2: /CodeBook/Codes/Code[1]: group 'Themes' is not a category (barrier, involvement_role, activity), a barrier's factor or an activity's type")
    }
}

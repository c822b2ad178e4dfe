import Foundation
import QDAExchange
import StudyModel
import Testing
import TestSupport

/// The repository's root, found from this file.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let schema = repository.appendingPathComponent("Tests/QDAExchangeTests/Schema/Codebook.xsd").path

@Suite struct QDCExportTests {
    let articleCodebook: Codebook

    init() throws {
        articleCodebook = try Codebook(path: repository.appendingPathComponent("data/codebook.yml").path)
    }

    /// Reference values: Python 3, `uuid.uuid5(uuid.NAMESPACE_URL, name)`.
    @Test(arguments: [
        ("urn:analyze:code:bar_low_efficacy", "2e51fa7f-c77b-5d66-b4c1-3a6018597c62"),
        ("urn:analyze:group:barrier", "6f059f84-d53f-55bf-8ae7-fce1903b9515"),
        ("urn:analyze:group:barrier/parent", "f7d780e6-c9ae-5a15-b21d-b1e89a0e62ea"),
    ])
    func nameBasedUUIDsAreThoseOfPython(name: String, expected: String) {
        #expect(NameBasedUUID.make(name: name) == expected)
    }

    @Test func aSmallCodebookIsWrittenExactly() throws {
        let codebook = try Codebook(version: "t-1", codes: [
            Code(id: "bar_busy", category: .barrier, factor: .parent, label: LocalizedText(en: "Busy & tired", ru: "Занят", kk: "Бос емес"),
                 description: "No time \"at all\".", source: "Pilot", aliases: ["barrier/busy-job"]),
            Code(id: "bar_busy_shifts", category: .barrier, factor: .parent, parent: "bar_busy",
                 label: LocalizedText(["en": "Shifts"]), description: ""),
            Code(id: "role_communicator", category: .involvementRole, label: LocalizedText(["en": "Communicator"]), description: "Keeps in touch."),
        ])
        let expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="analyze (codebook t-1)">
              <Codes>
                <Code guid="6f059f84-d53f-55bf-8ae7-fce1903b9515" name="barrier" isCodable="false">
                  <Code guid="\(NameBasedUUID.make(name: "urn:analyze:code:bar_busy"))" name="Busy &amp; tired" isCodable="true">
                    <Description>No time "at all".

            id: bar_busy
            factor: parent
            label.kk: Бос емес
            label.ru: Занят
            source: Pilot
            alias: barrier/busy-job</Description>
                    <Code guid="\(NameBasedUUID.make(name: "urn:analyze:code:bar_busy_shifts"))" name="Shifts" isCodable="true">
                      <Description>id: bar_busy_shifts
            factor: parent</Description>
                    </Code>
                  </Code>
                </Code>
                <Code guid="\(NameBasedUUID.make(name: "urn:analyze:group:involvement_role"))" name="involvement_role" isCodable="false">
                  <Code guid="\(NameBasedUUID.make(name: "urn:analyze:code:role_communicator"))" name="Communicator" isCodable="true">
                    <Description>Keeps in touch.

            id: role_communicator</Description>
                  </Code>
                </Code>
              </Codes>
            </CodeBook>

            """
        #expect(QDCCodebookWriter.document(for: codebook) == expected)
    }

    @Test func codesAreWrittenFlatWhenNestingWouldChangeTheirOrder() throws {
        let codebook = try Codebook(version: "t-2", codes: [
            Code(id: "role_a", category: .involvementRole, label: LocalizedText(["en": "A"]), description: ""),
            Code(id: "role_b", category: .involvementRole, label: LocalizedText(["en": "B"]), description: ""),
            Code(id: "role_a1", category: .involvementRole, parent: "role_a", label: LocalizedText(["en": "A1"]), description: ""),
            Code(id: "act_x", category: .activity, type: .formal, label: LocalizedText(["en": "X"]), description: ""),
            Code(id: "role_c", category: .involvementRole, label: LocalizedText(["en": "C"]), description: ""),
        ])
        let document = QDCCodebookWriter.document(for: codebook)
        #expect(document.contains("<Description>id: role_a1\nparent: role_a</Description>"))
        #expect(document.contains(NameBasedUUID.make(name: "urn:analyze:group:involvement_role#2")))
        let back = try QDCCodebookImport.codebook(
            from: try QDCCodebookReader.read(data: Data(document.utf8), file: "t.qdc"), file: "t.qdc")
        #expect(back == codebook)
    }

    @Test func theArticleCodebookRoundTrips() throws {
        let document = QDCCodebookWriter.document(for: articleCodebook)
        let read = try QDCCodebookReader.read(data: Data(document.utf8), file: "article.qdc")
        #expect(read.codableEntries.count == 52)
        let back = try QDCCodebookImport.codebook(from: read, file: "article.qdc")
        #expect(back.version == "2025.1")
        #expect(back.codes.count == articleCodebook.codes.count)
        for (original, imported) in zip(articleCodebook.codes, back.codes) {
            #expect(original == imported)
        }
        #expect(back == articleCodebook)
        // Written again from what was read: the same bytes.
        #expect(QDCCodebookWriter.document(for: back) == document)
    }

    @Test(.enabled(if: xmllint != nil, "xmllint (libxml2-utils) is not installed"))
    func theArticleCodebookValidatesAgainstTheREFIQDASchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qdc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("article.qdc")
        try Data(QDCCodebookWriter.document(for: articleCodebook).utf8).write(to: file)
        let (status, _, output) = try runTool(xmllint!, ["--noout", "--schema", schema, file.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("validates"))
        // The schema is strict enough to fail a file: Taguette's empty <Sets/> does not validate.
        let taguette = repository.appendingPathComponent("Tests/Fixtures/TaguettePilot/codebook.qdc").path
        let (taguetteStatus, _, taguetteOutput) = try runTool(xmllint!, ["--noout", "--schema", schema, taguette])
        #expect(taguetteStatus != 0)
        #expect(taguetteOutput.contains("Missing child element(s). Expected is ( {urn:QDA-XML:codebook:1.0}Set )"))
    }
}

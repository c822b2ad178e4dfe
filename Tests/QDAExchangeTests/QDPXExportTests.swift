import Foundation
import QDAExchange
import StudyModel
import Testing
import TestSupport

private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let schema = repository.appendingPathComponent("Tests/QDAExchangeTests/Schema/Project.xsd").path

@Suite struct QDPXExportTests {
    /// Two excerpts of one document: an emoji outside the Basic Multilingual Plane (one code point, two UTF-16
    /// units, four UTF-8 bytes) and Kazakh letters (two bytes each) before the second, which two coders coded.
    let project: QDPXProject

    init() throws {
        let codebook = try Codebook(version: "t-1", codes: [
            Code(id: "bar_busy", category: .barrier, factor: .parent, label: LocalizedText(["en": "Busy"]), description: ""),
            Code(id: "role_helper", category: .involvementRole, label: LocalizedText(["en": "Helper"]), description: ""),
        ])
        project = QDPXProject(
            name: "Pilot <KZ & UK>", studyVersion: "0.1", codebook: codebook, variables: ["country", "role", "setting"],
            cases: [
                QDPXProject.Case(
                    name: "P-001", values: ["KZ", "mother", nil],
                    sources: [
                        QDPXProject.TextSource(name: "P-001 document 1", excerpts: [
                            QDPXProject.Excerpt(text: "Жұмыс 👍", codings: [QDPXProject.Coding(code: "bar_busy", coder: "C1")]),
                            QDPXProject.Excerpt(text: nil, codings: [
                                QDPXProject.Coding(code: "bar_busy", coder: "C2"),
                                QDPXProject.Coding(code: "role_helper", coder: "C1"),
                                QDPXProject.Coding(code: "bar_busy", coder: "C1"),
                            ]),
                        ])
                    ]),
                QDPXProject.Case(name: "P-002", values: ["UK", "teacher", "urban"], sources: []),
            ])
    }

    @Test func selectionsCountCodePointsAndEachCoderHasOne() throws {
        let (document, sources) = QDPXProjectWriter.contents(of: project)
        let source = NameBasedUUID.make(name: "urn:analyze:source:P-001/P-001 document 1")
        #expect(sources.map(\.path) == ["sources/\(source).txt"])
        // "Жұмыс 👍" is 7 code points; then the separator (2) and the stand-in for the missing excerpt (12).
        #expect(sources.map(\.text) == ["Жұмыс 👍\n\n[no excerpt]"])
        func selection(_ number: Int, _ coder: String, _ start: Int, _ end: Int) -> String {
            let guid = NameBasedUUID.make(name: "urn:analyze:selection:P-001/P-001 document 1#\(number)/\(coder)")
            let user = NameBasedUUID.make(name: "urn:analyze:coder:\(coder)")
            return "<PlainTextSelection guid=\"\(guid)\" startPosition=\"\(start)\" endPosition=\"\(end)\" creatingUser=\"\(user)\">"
        }
        #expect(document.contains(selection(1, "C1", 0, 7)))
        #expect(document.contains(selection(2, "C1", 9, 21)))
        #expect(document.contains(selection(2, "C2", 9, 21)))
        #expect(document.components(separatedBy: "<PlainTextSelection ").count - 1 == 3)
        #expect(document.components(separatedBy: "<Coding ").count - 1 == 4)
        // C1's codings of the second excerpt in the order given, under C1's selection.
        let busy = NameBasedUUID.make(name: "urn:analyze:code:bar_busy")
        let helper = NameBasedUUID.make(name: "urn:analyze:code:role_helper")
        let c1 = document.components(separatedBy: selection(2, "C1", 9, 21))[1].components(separatedBy: "</PlainTextSelection>")[0]
        #expect(c1.components(separatedBy: "<CodeRef targetGUID=\"").dropFirst().map { String($0.prefix(36)) } == [helper, busy])
        #expect(document.contains("<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Pilot &lt;KZ &amp; UK&gt;\" origin=\"analyze (study 0.1, codebook t-1)\">"))
        #expect(document.contains("<User guid=\"\(NameBasedUUID.make(name: "urn:analyze:coder:C1"))\" name=\"C1\" id=\"C1\"/>\n    <User guid=\"\(NameBasedUUID.make(name: "urn:analyze:coder:C2"))\" name=\"C2\" id=\"C2\"/>"))
        // P-001 has no setting: no value is written for it.
        #expect(document.components(separatedBy: "<TextValue>").count - 1 == 5)
    }

    @Test func theArchiveIsTheSameEveryTimeAndRecognisedAsAnalyzes() throws {
        let archive = try QDPXProjectWriter.archive(of: project)
        #expect(try QDPXProjectWriter.archive(of: project) == archive)
        #expect(archive.prefix(4) == Data([0x50, 0x4b, 0x03, 0x04]))
        #expect(QDPXProjectWriter.isWrittenByAnalyze(archive))
        #expect(!QDPXProjectWriter.isWrittenByAnalyze(Data(QDCCodebookWriter.document(for: project.codebook).utf8)))
        #expect(!QDPXProjectWriter.isWrittenByAnalyze(Data()))
    }

    @Test(.enabled(if: xmllint != nil, "xmllint (libxml2-utils) is not installed"))
    func theProjectValidatesAgainstTheREFIQDASchemaAndABrokenOneDoesNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("qdpx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("project.qde")
        let document = QDPXProjectWriter.contents(of: project).document
        try Data(document.utf8).write(to: file)
        let valid = try runTool(xmllint!, ["--noout", "--schema", schema, file.path])
        #expect(valid.status == 0, "\(valid.error)")
        #expect(valid.error.contains("validates"))
        // The schema is strict enough to fail a file: Variables after Cases is out of order.
        let variables = document.components(separatedBy: "  <Variables>")[1].components(separatedBy: "  </Variables>\n")[0]
        let reordered = document.replacingOccurrences(of: "  <Variables>" + variables + "  </Variables>\n", with: "")
            .replacingOccurrences(of: "  </Cases>\n", with: "  </Cases>\n  <Variables>" + variables + "  </Variables>\n")
        try Data(reordered.utf8).write(to: file)
        let invalid = try runTool(xmllint!, ["--noout", "--schema", schema, file.path])
        #expect(invalid.status != 0)
        #expect(invalid.error.contains("Element '{urn:QDA-XML:project:1.0}Variables': This element is not expected."))
    }
}

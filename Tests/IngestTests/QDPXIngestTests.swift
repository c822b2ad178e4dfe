import Foundation
import Ingest
import QDAExchange
import Storage
import StudyModel
import Testing
import TestSupport

/// The problems of ingesting a copy, with its folder left out of the paths.
private func problems(_ study: QDPXStudyCopy) throws -> [String] {
    do {
        try StudyIngester(studyDirectory: study.directory).ingest(into: try StudyStore.inMemory())
        return []
    } catch let error as InputProblems {
        return error.problems.map { $0.description.replacingOccurrences(of: study.directory + "/", with: "") }
    }
}

/// `text` with the first match of `pattern` replaced by `template` (`$1` names a group).
private func replacingFirst(_ pattern: String, with template: String, in text: String) -> String {
    let expression = try! NSRegularExpression(pattern: pattern)
    guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        let range = Range(match.range, in: text)
    else { return text }
    return text.replacingCharacters(in: range, with: expression.replacementString(for: match, in: text, offset: 0, template: template))
}

@Suite struct QDPXIngestTests {
    /// QualCoder's export: the cases are the participants, `documents:` links each source to its case (QualCoder
    /// writes no SourceRef for a file linked to a case), every stored excerpt is QualCoder's own `seltext` (the
    /// selection's `name`) of that participant, coder and code.
    @Test func qualCodersPilotIngests() throws {
        let study = try QDPXStudyCopy("QualCoderPilot")
        defer { study.remove() }
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: store)
        #expect(summary.participants == 8)
        #expect(summary.segmentRows == 24)
        #expect(summary.notices == [
            "pilot.qdpx: 8 plain text files start with a byte-order mark (as QualCoder writes them); it is not counted in offsets",
            "pilot.qdpx: 1 coded text has Windows line ends (\\r\\n), whose offsets were read with \\r\\n as two characters (REFI-QDA's code points);"
                + " if excerpts look shifted by a character per line, set line_ends: crlf_as_one",
            "pilot.qdpx: 8 sources held by no case's SourceRef (QualCoder exports none) given their participants by documents: in study.yml",
            "pilot.qdpx: code 'Follow up' is mapped to no code; its 1 coding left out (unmapped: ignore)",
        ])
        #expect(summary.files.map(\.path) == ["code-map.yml", "codebook.yml", "pilot.qdpx", "study.yml"])
        #expect(summary.files.first { $0.path == "pilot.qdpx" }?.recordCount == 25)
        let participants = try store.read { try $0.participants() }
        #expect(participants.map { "\($0.id) \($0.country) \($0.role)" } == [
            "KZ01 KZ mother", "KZ02 KZ father", "KZ03 KZ teacher", "KZ04 KZ grandparent",
            "UK01 UK mother", "UK02 UK father", "UK03 UK teacher", "UK04 UK mother",
        ])

        // What QualCoder wrote as each selection's text, by participant, coder and codebook id.
        let document = try study.projectDocument()
        let codeMap = ["Time": "bar_busy_job", "Language of instruction": "bar_instruction_language", "Low confidence": "bar_low_efficacy",
                       "Maths homework": "bar_low_efficacy", "Communicator": "role_communicator", "Home teacher": "role_home_teacher",
                       "Родительские собрания": "act_parent_meetings", "День открытых дверей": "act_open_day"]
        let codeNames = Dictionary(uniqueKeysWithValues: document.matches(of: /<Code guid="([^"]+)" name="([^"]+)"/).map { (String($0.output.1), String($0.output.2)) })
        let userNames = Dictionary(uniqueKeysWithValues: document.matches(of: /<User guid="([^"]+)" name="([^"]+)"/).map { (String($0.output.1), String($0.output.2)) })
        let caseOfDocument = ["Almaty interview 1.txt": "KZ01", "Almaty interview 2.txt": "KZ02", "Astana interview 3.txt": "KZ03",
                              "Shymkent interview 4.txt": "KZ04", "Leeds interview 1.txt": "UK01", "Leeds interview 2.txt": "UK02",
                              "Leeds interview 3.txt": "UK03", "York interview 4.txt": "UK04"]
        var expected: [String] = []
        var participant = ""
        for line in document.split(separator: "\n") {
            if let source = line.firstMatch(of: /<TextSource .* name="([^"]+)">/) { participant = caseOfDocument[String(source.output.1)]! }
            if let selection = line.firstMatch(of: /name="([^"]*)" creatingUser="([^"]+)"/), line.hasPrefix("<PlainTextSelection") {
                let words = selection.output.1.replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                expected.append("\(participant)|\(userNames[String(selection.output.2)]!)|\(words)")
            }
            if let code = line.firstMatch(of: /<CodeRef targetGUID="([^"]+)"/), let id = codeMap[codeNames[String(code.output.1)]!] {
                expected[expected.count - 1] = id + "|" + expected[expected.count - 1]
            }
        }
        let stored = try store.read { reader in
            try Set(codeMap.values).sorted().flatMap { code in
                try reader.excerpts(code: code).map { "\(code)|\($0.participantID)|\($0.coder)|\($0.excerpt)" }
            }
        }
        #expect(stored.count == 24)
        #expect(stored.sorted() == expected.filter { $0.hasPrefix("bar_") || $0.hasPrefix("role_") || $0.hasPrefix("act_") }.sorted())
    }

    /// The NVivo-shaped project: named cases with SourceRefs (KZ-P01 has two interviews), variables named
    /// `Country` and `Role`, other variables kept as attributes.
    @Test func nvivoShapedPilotIngests() throws {
        let study = try QDPXStudyCopy("NVivoShapedPilot")
        defer { study.remove() }
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: store)
        #expect(summary.participants == 8)
        #expect(summary.segmentRows == 21)
        #expect(summary.notices == [
            "pilot.qdpx: 9 coded texts have Windows line ends (\\r\\n), whose offsets were read with \\r\\n as two characters (REFI-QDA's code points);"
                + " if excerpts look shifted by a character per line, set line_ends: crlf_as_one",
            "pilot.qdpx: 1 coding of whole sources left out (only coded text selections become segments)",
            "pilot.qdpx: 1 PDFSource element with 1 coding left out (only text sources are read)",
            "pilot.qdpx: code 'Memos to self' is mapped to no code; its 1 coding left out (unmapped: ignore)",
        ])
        let participants = try store.read { try $0.participants() }
        #expect(participants.first == Participant(id: "KZ-P01", country: "KZ", role: "mother", attributes: ["Interview year": "2026"]))
        let excerpts = try store.read { try $0.excerpts(code: "bar_low_efficacy") }
        #expect(excerpts.map { "\($0.participantID) \($0.coder): \($0.excerpt)" } == [
            "KZ-P01 Aigerim Bekova: I still doubt I can help with physics.",
            "UK-P01 Tom Hughes: I am not confident with the new maths.",
        ])
    }

    /// The MAXQDA-shaped project: nameless cases, each holding one document; the participant is the id
    /// `documents:` gives the document, or else its name.
    @Test func maxqdaShapedNamelessCasesBecomeParticipants() throws {
        let study = try QDPXStudyCopy("MAXQDAShapedPilot")
        defer { study.remove() }
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: store)
        #expect(summary.segmentRows == 12)
        #expect(summary.notices == [
            "pilot.qdpx: the project document is named 'MAXQDA pilot.qde', not project.qde",
            "pilot.qdpx: the project's namespace is 'urn:QDA-XML:project:1.5', not urn:QDA-XML:project:1.0; read as 1.0",
            "pilot.qdpx: 6 cases without a name, each holding one source (MAXQDA's and Quirkos' document variables), read as the participant of that source",
        ])
        let participants = try store.read { try $0.participants() }
        #expect(participants.map { "\($0.id) \($0.country) \($0.role)" } == [
            "KZ01 KZ mother", "Interview Almaty 02 KZ father", "Interview Astana 03 KZ teacher", "UK01 UK mother",
            "Interview Leeds 02 UK father", "Interview Leeds 03 UK teacher",
        ])
    }

    /// A project without cases: the participants come from the participants file, each document's from `documents:`.
    @Test func aProjectWithoutCasesTakesItsParticipantsFromTheParticipantsFile() throws {
        let study = try QDPXStudyCopy(
            "MAXQDAShapedPilot",
            editManifest: {
                $0.replacingOccurrences(of: "sources:\n", with: "sources:\n  - {file: participants.csv, kind: participants}\n")
                    .replacingOccurrences(
                        of: "      Interview Leeds 01: UK01\n",
                        with: "      Interview Leeds 01: UK01\n      Interview Almaty 02: KZ02\n      Interview Astana 03: KZ03\n"
                            + "      Interview Leeds 02: UK02\n      Interview Leeds 03: UK03\n")
            },
            editProject: { replacingFirst("<Cases>(.|\n)*</Cases>\n", with: "", in: $0) })
        defer { study.remove() }
        try "participant_id,country,role\nKZ01,KZ,mother\nKZ02,KZ,father\nKZ03,KZ,teacher\nUK01,UK,mother\nUK02,UK,father\nUK03,UK,teacher\nUK04,UK,mother\n"
            .write(toFile: study.path("participants.csv"), atomically: true, encoding: .utf8)
        #expect(!(try study.projectDocument()).contains("<Case"))
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: try StudyStore.inMemory())
        #expect(summary.participants == 7)
        #expect(summary.segmentRows == 12)
    }

    /// With a participants file, the participants are its rows; the cases only say whose sources are whose, and a
    /// case that is not one of its ids is an error at the case's SourceRef.
    @Test func aParticipantsFileTakesPrecedenceOverTheCases() throws {
        let study = try QDPXStudyCopy(
            "NVivoShapedPilot",
            editManifest: { $0.replacingOccurrences(of: "sources:\n", with: "sources:\n  - {file: participants.csv, kind: participants}\n") })
        defer { study.remove() }
        let rows = ["KZ-P01,KZ,father", "KZ-P02,KZ,father", "KZ-P03,KZ,grandparent", "KZ-T01,KZ,teacher", "UK-P01,UK,mother",
                    "UK-P02,UK,father", "UK-P03,UK,mother", "UK-T01,UK,teacher", "UK-P04,UK,mother"]
        try (["participant_id,country,role"] + rows).joined(separator: "\n").appending("\n")
            .write(toFile: study.path("participants.csv"), atomically: true, encoding: .utf8)
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: store)
        #expect(summary.participants == 9)
        #expect(summary.segmentRows == 21)
        #expect(summary.notices.contains("pilot.qdpx: the cases' variables are not read: the participants are those of the study's participants file"))
        #expect(try store.read { try $0.participants() }.first == Participant(id: "KZ-P01", country: "KZ", role: "father"))

        try (["participant_id,country,role"] + rows.filter { !$0.hasPrefix("UK-T01") }).joined(separator: "\n").appending("\n")
            .write(toFile: study.path("participants.csv"), atomically: true, encoding: .utf8)
        let found = try problems(study)
        #expect(found == ["pilot.qdpx:project.qde:150: /Project/Cases/Case[8]/SourceRef[1]: the case's participant 'UK-T01' is not in the participants file"])
    }

    /// Offsets that count `\r\n` as one character (as some tools write them) give the same excerpts with
    /// `line_ends: crlf_as_one` as code points give without it; without the setting they are shifted.
    @Test func offsetsCountingCRLFAsOneAreReadWithTheSetting() throws {
        let original = try QDPXStudyCopy("NVivoShapedPilot")
        defer { original.remove() }
        let project = try QDPXProjectReader.read(path: original.path("pilot.qdpx"))
        var collapsed: [String: (start: Int, end: Int)] = [:]
        for source in project.textSources {
            for selection in source.selections {
                func count(_ offset: Int) -> Int {
                    offset - zip(source.text[..<offset], source.text[..<offset].dropFirst()).filter { $0 == "\r" && $1 == "\n" }.count
                }
                collapsed[selection.guid] = (count(selection.start), count(selection.end))
            }
        }
        #expect(collapsed.values.contains { $0.start != $0.end && $0.start > 0 })
        func rewritten(_ document: String) -> String {
            var text = document
            for (guid, offsets) in collapsed {
                text = replacingFirst(
                    #"guid=""# + guid + #"" (name="[^"]*") startPosition="\d+" endPosition="\d+""#,
                    with: #"guid=""# + guid + #"" $1 startPosition=""# + "\(offsets.start)" + #"" endPosition=""# + "\(offsets.end)\"", in: text)
            }
            return text
        }
        func excerpts(_ study: QDPXStudyCopy) throws -> [String] {
            let store = try StudyStore.inMemory()
            try StudyIngester(studyDirectory: study.directory).ingest(into: store)
            let codes = ["bar_busy_job", "bar_instruction_language", "bar_low_efficacy", "role_communicator", "role_home_teacher", "act_parent_meetings", "act_open_day"]
            return try store.read { reader in try codes.flatMap { try reader.excerpts(code: $0).map(\.excerpt) } }
        }
        let withSetting = try QDPXStudyCopy(
            "NVivoShapedPilot", editManifest: { $0.replacingOccurrences(of: "unmapped: ignore}", with: "unmapped: ignore, line_ends: crlf_as_one}") },
            editProject: rewritten)
        defer { withSetting.remove() }
        #expect(try withSetting.projectDocument() != (try original.projectDocument()))
        #expect(try excerpts(withSetting) == (try excerpts(original)))
        let without = try QDPXStudyCopy("NVivoShapedPilot", editProject: rewritten)
        defer { without.remove() }
        #expect(try excerpts(without) != (try excerpts(original)))
    }

    @Test func aDocumentsEntryNamingNoSourceIsANote() throws {
        let study = try QDPXStudyCopy(
            "QualCoderPilot",
            editManifest: { $0.replacingOccurrences(of: "      York interview 4.txt: UK04\n", with: "      York interview 4.txt: UK04\n      Hull interview 5.txt: UK05\n") })
        defer { study.remove() }
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: try StudyStore.inMemory())
        #expect(summary.notices.contains("pilot.qdpx: documents: in study.yml names a document the project has no text source of: 'Hull interview 5.txt'"))
        #expect(summary.segmentRows == 24)
    }

    /// A project none of whose codings becomes a segment is an error, never a report of zeros.
    @Test func aProjectThatGivesNoSegmentIsAnError() throws {
        let study = try QDPXStudyCopy("MAXQDAShapedPilot", editManifest: { $0.replacingOccurrences(of: "code_map: code-map.yml", with: "unmapped: ignore") })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == ["pilot.qdpx:MAXQDA pilot.qde: /Project: no coded text selection became a segment (12 codings of text selections in the project, 12 of them of codes mapped to no codebook id)"])
    }

    @Test func aProjectWithoutCasesAndNoParticipantsFileIsAnError() throws {
        let study = try QDPXStudyCopy("MAXQDAShapedPilot", editProject: { replacingFirst("<Cases>(.|\n)*</Cases>\n", with: "", in: $0) })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:MAXQDA pilot.qde: /Project: the project has no cases, so no participants: list a participants file (kind: participants)"
                + " and give each document's participant id with documents: in study.yml",
        ])
    }

    @Test func aCodeRefToAnUnknownGUIDNamesItsPlace() throws {
        let study = try QDPXStudyCopy(
            "NVivoShapedPilot",
            editProject: { replacingFirst(#"<CodeRef targetGUID="[^"]+""#, with: #"<CodeRef targetGUID="{0000AAAA-0000-0000-0000-000000000000}""#, in: $0) })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:project.qde:156: /Project/Sources/TextSource[1]/PlainTextSelection[1]/Coding[1]/CodeRef: targetGUID: unknown GUID"
                + " 0000aaaa-0000-0000-0000-000000000000 (not a Code of the project's CodeBook)",
        ])
    }

    @Test func aSelectionBeyondItsTextIsAnError() throws {
        let study = try QDPXStudyCopy("NVivoShapedPilot", editProject: { replacingFirst(#"endPosition="90""#, with: #"endPosition="900""#, in: $0) })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:project.qde:155: /Project/Sources/TextSource[1]/PlainTextSelection[1]: the selection 53–900 is out of the text's range:"
                + " 'KZ-P01 interview' has 179 characters",
        ])
    }

    @Test func aCodingByAnUnknownUserIsAnError() throws {
        let study = try QDPXStudyCopy(
            "NVivoShapedPilot", editProject: { replacingFirst(#"<Coding guid="([^"]+)" creatingUser="[^"]+""#, with: #"<Coding guid="$1" creatingUser="nobody""#, in: $0) })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:project.qde:156: /Project/Sources/TextSource[1]/PlainTextSelection[1]/Coding[1]: creatingUser: unknown GUID nobody (not a User of the project)",
        ])
    }

    /// `unmapped: keep`: QualCoder's memo code 'Follow up' becomes the study's uncategorised code 'follow_up', stored
    /// after the codebook's codes with its codings (one: the project's CodeRefs to it, counted from the document).
    @Test func anUnmappedCodeIsKeptAsAnUncategorisedCode() throws {
        let study = try QDPXStudyCopy("QualCoderPilot", editManifest: { $0.replacingOccurrences(of: "unmapped: ignore", with: "unmapped: keep") })
        defer { study.remove() }
        let store = try StudyStore.inMemory()
        let summary = try StudyIngester(studyDirectory: study.directory).ingest(into: store)
        #expect(summary.segmentRows == 25)
        #expect(summary.notices.last == "pilot.qdpx: code 'Follow up' is mapped to no code; kept as uncategorised code 'follow_up' with its 1 coding (unmapped: keep)")
        let codebook = try store.read { try $0.codebook() }
        #expect(codebook.codes.last == UncategorisedCode.code(named: "Follow up"))
        #expect(codebook.codes(in: .uncategorised).map(\.id) == ["follow_up"])
        var applications: [String] = []
        try store.read { reader in
            try reader.forEachCodeApplication { if $0.code == "follow_up" { applications.append("\($0.participantID) \($0.coder) \($0.segments)") } }
        }
        let document = try study.projectDocument()
        let followUp = try #require(document.firstMatch(of: /<Code guid="([^"]+)" name="Follow up"/)).output.1
        #expect(document.matches(of: try Regex("<CodeRef targetGUID=\"\(followUp)\"")).count == 1)
        #expect(applications.count == 1)
    }

    @Test func anUnmappedCodeFailsByDefaultAtItsPlaceInTheCodeTree() throws {
        let study = try QDPXStudyCopy("NVivoShapedPilot", editManifest: { $0.replacingOccurrences(of: ", unmapped: ignore", with: "") })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:project.qde:22: /Project/CodeBook/Codes/Code[4]: code 'Memos to self' (on 1 coding) is mapped to no code of codebook"
                + " pilot-1; map it in code-map.yml or as an alias in the codebook, or set unmapped: ignore or keep",
        ])
    }

    @Test func anAnalysedCoderWhoIsNoUserIsAnError() throws {
        let study = try QDPXStudyCopy("NVivoShapedPilot", editManifest: { $0.replacingOccurrences(of: "[Aigerim Bekova, Tom Hughes]", with: "[Aigerim Bekova, tom hughes]") })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "study.yml:11:3: coding.analysed_coders: 'tom hughes' is no user who coded in pilot.qdpx (did you mean 'Tom Hughes'?);"
                + " its coding users: Aigerim Bekova, Tom Hughes",
        ])
    }

    @Test func aCaseMissingRoleOrWithAnUndeclaredLevelIsAnError() throws {
        let study = try QDPXStudyCopy(
            "NVivoShapedPilot", editManifest: { $0.replacingOccurrences(of: "[mother, father, grandparent, teacher]", with: "[mother, father, teacher]") },
            editProject: { replacingFirst(#"<VariableValue>\s*<VariableRef [^>]+>\s*<TextValue>mother</TextValue>\s*</VariableValue>"#, with: "", in: $0) })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found == [
            "pilot.qdpx:project.qde:31: /Project/Cases/Case[1]: missing variable: the case 'KZ-P01' has no value of 'role' (its variables: Country, Interview year)",
            "pilot.qdpx:project.qde:59: /Project/Cases/Case[3]: case 'KZ-P03': role: 'grandparent' is not a declared role (study.yml declares mother, father, teacher)",
        ])
    }

    @Test func aCodedSourceOfNoParticipantIsAnError() throws {
        let study = try QDPXStudyCopy("QualCoderPilot", editManifest: { $0.replacingOccurrences(of: "      York interview 4.txt: UK04\n", with: "") })
        defer { study.remove() }
        let found = try problems(study)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix(": the text source 'York interview 4.txt' belongs to no case and is not in the source's documents in study.yml,"
            + " so its 2 coded selections have no participant") == true)
        #expect(found.first?.hasPrefix("pilot.qdpx:project.qde:") == true)
        #expect(found.first?.contains(" /Project/Sources/TextSource[8]: ") == true)
    }

    /// A failed ingest of a project leaves the store file as it was, byte for byte.
    @Test func aFailedIngestLeavesTheStoreAsItWas() throws {
        let study = try QDPXStudyCopy("NVivoShapedPilot")
        defer { study.remove() }
        let storePath = study.path("store.sqlite")
        try StudyIngester(studyDirectory: study.directory).ingest(intoStoreAt: storePath)
        let before = try Data(contentsOf: URL(fileURLWithPath: storePath))
        let broken = try QDPXStudyCopy("NVivoShapedPilot", editProject: { replacingFirst(#"endPosition="90""#, with: #"endPosition="900""#, in: $0) })
        defer { broken.remove() }
        try FileManager.default.removeItem(atPath: study.path("pilot.qdpx"))
        try FileManager.default.copyItem(atPath: broken.path("pilot.qdpx"), toPath: study.path("pilot.qdpx"))
        #expect(throws: InputProblems.self) { try StudyIngester(studyDirectory: study.directory).ingest(intoStoreAt: storePath) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: storePath)) == before)
    }
}

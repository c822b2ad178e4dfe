import Foundation
import StudyModel
import Testing
import TestSupport

/// `study.yml` and codebook mistakes give the file, the line where it can be found, and plain words.
@Suite struct ManifestMessagesTests {
    /// The manifest's problems, paths relative to the fixture.
    func problems(_ manifest: String, codebook: String = StudyFixture.codebook) throws -> String {
        let fixture = try StudyFixture(codebook: codebook)
        try fixture.write(manifest, to: "study.yml")
        do {
            _ = try StudyManifest(directory: fixture.directory)
            _ = try Codebook(path: fixture.path("codebook.yml"))
            return ""
        } catch {
            return "\(error)".replacingOccurrences(of: fixture.directory + "/", with: "")
        }
    }

    static let valid = """
        name: Fixture
        version: "1"
        codebook: codebook.yml
        levels:
          country: [KZ, UK]
          role: [mother, father]
        sources:
          - {file: participants.csv, kind: participants}
          - {file: segments.csv, kind: segments}
        coding:
          analysed_coders: [C1]

        """

    @Test func yamlMistakesHaveTheirLineAndPlainWords() throws {
        #expect(try problems("") == "study.yml:1: the file is empty: it needs the settings of docs/formats.md")
        #expect(try problems(Self.valid.replacingOccurrences(of: "version: \"1\"", with: "version: \"1\"\nversion: \"2\""))
            == "study.yml:3:1: a key is given twice in one mapping: 'version'")
        #expect(try problems(Self.valid.replacingOccurrences(of: "[KZ, UK]", with: "[KZ, UK"))
            == "study.yml:6:7: invalid YAML: did not find expected ',' or ']'")
        #expect(try problems(Self.valid.replacingOccurrences(of: "[KZ, UK]", with: "KZ"))
            == "study.yml:5:3: levels.country: expected a list ([a, b] or lines starting with '- '); found something else")
        #expect(try problems(Self.valid + "analysis: {minimum_base: ten}\n")
            == "study.yml:12:12: analysis.minimum_base: expected a whole number; found something else")
        #expect(try problems("- a\n- b\n") == "study.yml: top level: expected a mapping (key: value); found something else")
    }

    @Test func settingsOutOfRangeOrNamingNoLevelAreErrors() throws {
        let manifest = Self.valid.replacingOccurrences(of: "analysed_coders: [C1]", with: "analysed_coders: [C1, C1]\n  agreement_threshold: 7")
            + """
            analysis:
              minimum_base: -1
              tables:
                - {id: t1, rows: barriers, columns: [country], where: {role: [fathr]}}
                - {id: t2, rows: barriers, compare: {variable: role, groups: [father, mum], within: country}}
                - {id: t3, rows: barriers, compare: {variable: role, groups: [father, father], within: role}}

            """
        #expect(try problems(manifest).split(separator: "\n") == [
            "study.yml:11:3: coding.analysed_coders: a coder is named twice",
            "study.yml:12:3: coding.agreement_threshold: 7.0 is not a value of κ (from -1 to 1; 0.6 is usual)",
            "study.yml:14:3: analysis.minimum_base: must be 0 or more",
            "study.yml:16:8: analysis.tables 't1': where role: 'fathr' is not a level of role (mother, father)",
            "study.yml:17:8: analysis.tables 't2': compare: 'mum' is not a level of role (mother, father)",
            "study.yml:18:8: analysis.tables 't3': compare two different groups",
            "study.yml:18:8: analysis.tables 't3': compare within another variable than role",
        ])
    }

    @Test func aCodeThatIsItsOwnAncestorIsAnError() throws {
        let codebook = """
            version: "c"
            codes:
              - {id: bar_a, category: barrier, factor: parent, parent: bar_a, label: {en: A}, description: d}
              - {id: bar_b, category: barrier, factor: parent, parent: bar_c, label: {en: B}, description: d}
              - {id: bar_c, category: barrier, factor: parent, parent: bar_b, label: {en: C}, description: d}
            """
        #expect(try problems(Self.valid, codebook: codebook).split(separator: "\n") == [
            "codebook.yml: codes[0] 'bar_a': a code cannot be its own parent",
            "codebook.yml: codes[1] 'bar_b': parents form a cycle: bar_b → bar_c → bar_b",
            "codebook.yml: codes[2] 'bar_c': parents form a cycle: bar_c → bar_b → bar_c",
        ])
    }

    @Test func aMisspeltKeyOfATableOrSourceEntryIsAnError() throws {
        let manifest = Self.valid.replacingOccurrences(of: "kind: segments}", with: "kind: segments, instrumnet: x.yml}")
            + "analysis:\n  tables:\n    - sample-by-country-role\n    - {id: t1, rows: barriers, colums: [country]}\n"
        #expect(try problems(manifest).split(separator: "\n") == [
            "study.yml:9:42: sources[].instrumnet: unknown setting (did you mean 'instrument'?); known: file, kind, instrument, codebook, code_map, coder, documents, unmapped, dialect, line_ends",
            "study.yml:15:32: analysis.tables[].colums: unknown setting (did you mean 'columns'?); known: id, rows, columns, where, compare, charts, findings, ordered, of",
        ])
    }
}

/// A REFI-QDA project source (`kind: qdpx`) may stand without a participants file (its cases are the participants),
/// takes no coder or codebook of its own, and is the one segments source.
@Suite struct QDPXManifestTests {
    func problems(_ sources: String) throws -> String {
        try ManifestMessagesTests().problems(ManifestMessagesTests.valid.replacingOccurrences(
            of: "  - {file: participants.csv, kind: participants}\n  - {file: segments.csv, kind: segments}\n", with: sources))
    }

    @Test func aProjectNeedsNoParticipantsFile() throws {
        #expect(try problems("  - {file: pilot.qdpx, kind: qdpx, code_map: map.yml, unmapped: ignore, documents: {a.txt: KZ01}}\n") == "")
        #expect(try problems("  - {file: participants.csv, kind: participants}\n  - {file: pilot.qdpx, kind: qdpx}\n") == "")
    }

    @Test func aProjectsCoderAndCodebookAreItsOwn() throws {
        #expect(try problems("  - {file: pilot.qdpx, kind: qdpx, coder: C1}\n")
            == "study.yml:7:1: sources: qdpx 'pilot.qdpx': coder and codebook are not settings of a REFI-QDA project"
            + " (its users are the coders, its code tree is in it)")
        #expect(try problems("  - {file: pilot.qdpx, kind: qdpx}\n  - {file: segments.csv, kind: segments}\n")
            == "study.yml:7:1: sources: exactly one file of kind 'segments' (or 'taguette' or 'qdpx', a coding tool's export) is required")
        #expect(try problems("  - {file: participants.csv, kind: participants, line_ends: crlf_as_one}\n  - {file: pilot.qdpx, kind: qdpx}\n")
            == "study.yml:7:1: sources: 'participants.csv': line_ends is a setting of a REFI-QDA project (kind: qdpx)")
        #expect(try problems("  - {file: segments.csv, kind: segments}\n")
            == "study.yml:7:1: sources: exactly one file of kind 'participants' is required")
    }
}

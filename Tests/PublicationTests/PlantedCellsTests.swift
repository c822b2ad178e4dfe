import Analysis
import Foundation
import Ingest
@testable import Publication
import Reporting
import SampleGeneration
import Statistics
import Storage
import StudyModel
import TestSupport
import Testing

/// Generated studies with small cells planted where the issue found leaks: a fathers' count hidden in
/// one table and recoverable from two others, a Mann–Whitney W over a hidden answer count, a hidden
/// "no answer", a cell equal to its group.
@Suite struct PlantedCellsTests {
    /// Participants per (country, role), and per code the participants of each group who mention it.
    struct Plan {
        var groups: [(country: String, role: String, size: Int)]
        var mentions: [String: [Int]]
    }

    static let instrument = """
        id: mini
        version: "1"
        title: {en: Mini survey, ru: Мини-анкета, kk: Шағын сауалнама}
        respondents: parent
        scales:
          - id: often
            level: ordinal
            values:
              - {value: 1, label: {en: "Never", ru: "Никогда", kk: "Ешқашан"}}
              - {value: 2, label: {en: "Sometimes", ru: "Иногда", kk: "Кейде"}}
              - {value: 3, label: {en: "Often", ru: "Часто", kk: "Жиі"}}
        items:
          - {id: q1, text: {en: Q1, ru: В1, kk: С1}, scale: often}
          - {id: q2, text: {en: Q2, ru: В2, kk: С2}, scale: often}
        """

    /// Writes, ingests and analyses a study; `answers[country]` lists per item the answers (nil: none).
    static func publish(
        _ plan: Plan, answers: [String: [[Int?]]], labels: String = StudyFixture.publication, publication: String = ""
    ) throws -> (AnalysisResults, [(path: String, contents: String)]) {
        var participants = "participant_id,country,role\n"
        var segments = "segment_id,participant_id,code,coder,document,start,end,excerpt,language\n"
        var segment = 0
        for (group, (country, role, size)) in plan.groups.enumerated() {
            for index in 0..<size {
                let id = "\(country)-\(role)-\(index)"
                participants += "\(id),\(country),\(role)\n"
                for code in plan.mentions.keys.sorted() where index < plan.mentions[code]![group] {
                    segment += 1
                    segments += "S\(segment),\(id),\(code),C1,D-\(id),0,10,text,en\n"
                }
            }
        }
        var survey = "respondent_id,country,role,q1,q2\n"
        var respondent = 0
        for country in answers.keys.sorted() {
            for row in answers[country]! {
                respondent += 1
                survey += "R\(respondent),\(country),mother," + row.map { $0.map(String.init) ?? "" }.joined(separator: ",") + "\n"
            }
        }
        let fixture = try StudyFixture(
            participants: participants, segments: segments, survey: survey, analysedCoders: ["C1"],
            publication: labels + publication)
        try fixture.write(instrument, to: "mini.yml")
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()
        return (results, try ReportBuilder(results: results).files())
    }

    static func rows(_ files: [(path: String, contents: String)], _ path: String) -> [[String: String]] {
        tidyRows(files, path)
    }

    static let groups: [(country: String, role: String, size: Int)] = [
        ("KZ", "mother", 24), ("KZ", "father", 12), ("KZ", "grandparent", 6),
        ("UK", "mother", 24), ("UK", "father", 12), ("UK", "grandparent", 6),
    ]

    /// Survey answers: 40 per country, every answer count ≥ 5 except where planted.
    static func answers(ukNever q1: Int, ukMissing q2: Int) -> [String: [[Int?]]] {
        func column(_ counts: [Int], missing: Int) -> [Int?] {
            counts.enumerated().flatMap { Array(repeating: Int?($0.offset + 1), count: $0.element) } + Array(repeating: nil, count: missing)
        }
        let kzQ1 = column([10, 15, 15], missing: 0), kzQ2 = column([12, 14, 14], missing: 0)
        let ukQ1 = column([q1, 20, 20 - q1], missing: 0), ukQ2 = column([8, 16, 16 - q2], missing: q2)
        return ["KZ": zip(kzQ1, kzQ2).map { [$0, $1] }, "UK": zip(ukQ1, ukQ2).map { [$0, $1] }]
    }

    @Test func theFathersCountOfOneCountryStaysHiddenAcrossTables() throws {
        // Busy job: KZ fathers 4 (small), UK fathers 6, mothers 10 and 9, grandparents 0 and 6 (all of them).
        let plan = Plan(groups: Self.groups, mentions: [
            "bar_busy_job": [10, 4, 0, 9, 6, 6], "bar_fundraising": [12, 6, 5, 11, 7, 5],
        ])
        let (results, files) = try Self.publish(plan, answers: Self.answers(ukNever: 10, ukMissing: 0))
        let byRole = Self.rows(files, "tables/barriers-by-role-within-country.csv")
        let comparison = Self.rows(files, "tables/barriers-fathers-vs-mothers.csv")
        func suppressed(_ rows: [[String: String]], _ country: String, _ role: String) -> Bool? {
            rows.first { $0["row"] == "bar_busy_job" && $0["country"] == country && $0["role"] == role }.map { $0["suppressed"] == "yes" }
        }
        #expect(suppressed(byRole, "KZ", "father") == true)
        #expect(suppressed(comparison, "KZ", "father") == true)
        // 6 UK fathers and 10 fathers in all would give the 4 away: one of them is hidden.
        #expect(suppressed(byRole, "UK", "father") == true || suppressed(comparison, "all", "father") == true)
        // All 6 UK grandparents mention it: a cell equal to its group is hidden.
        #expect(suppressed(byRole, "UK", "grandparent") == true)
        let attack = PublishedFilesAttack(files: files, minimumCount: 5).run()
        #expect(attack.hidden >= 4)
        #expect(attack.findings.map(\.description) == [])
        // The pass tests busy job on the groups it publishes, never on a hidden one.
        guard case .crosstab(let table) = try #require(
            try DisclosurePass(minimumCount: 5).publish(results).results.tables.first { $0.id == "barriers-by-role-within-country" })
        else { Issue.record("not a crosstab"); return }
        let row = try #require(table.rows.firstIndex { $0.id == "bar_busy_job" })
        let tested = try #require(table.tests[row].testedColumns)
        #expect(tested.allSatisfy { !table.cells[row][$0].suppressed })
    }

    @Test func mannWhitneyOverAHiddenAnswerCountIsWithheld() throws {
        let plan = Plan(groups: Self.groups, mentions: ["bar_busy_job": [10, 6, 5, 9, 6, 5]])
        let (_, files) = try Self.publish(plan, answers: Self.answers(ukNever: 2, ukMissing: 0))
        let tests = Self.rows(files, "tables/survey-items-by-country.tests.csv")
        // q1: UK "Never" = 2 is hidden, so W (which with the margins would give it away) is withheld.
        #expect(!tests.contains { $0["row"] == "mini.q1" && $0["test"] == "mann_whitney_u" })
        // q2: every count published: W is published and equals R's wilcox.test on the same answers.
        let q2 = try #require(tests.first { $0["row"] == "mini.q2" && $0["test"] == "mann_whitney_u" })
        let kz = [Double](repeating: 1, count: 12) + [Double](repeating: 2, count: 14) + [Double](repeating: 3, count: 14)
        let uk = [Double](repeating: 1, count: 8) + [Double](repeating: 2, count: 16) + [Double](repeating: 3, count: 16)
        let expected = try #require(try MannWhitneyUTest(kz, uk))
        // scipy.stats.mannwhitneyu(kz, uk, use_continuity=True, method="asymptotic") (R's wilcox.test with
        // ties): U = 720, p = 0.41454324488054883.
        #expect(expected.w == 720)
        #expect(abs(expected.p - 0.41454324488054883) < 1e-12)
        #expect(q2["statistic"] == "720.0")
        #expect(abs((Double(q2["p"] ?? "") ?? 0) - expected.p) < 1e-12)
        let cells = Self.rows(files, "tables/survey-items-by-country.csv").filter { $0["item"] == "q1" && $0["country"] == "UK" }
        #expect(cells.first { $0["response"] == "1" }?["suppressed"] == "yes")
    }

    @Test func aSmallNoAnswerCountIsHiddenAndTheAnswersStayTested() throws {
        let plan = Plan(groups: Self.groups, mentions: ["bar_busy_job": [10, 6, 5, 9, 6, 5]])
        let (_, files) = try Self.publish(plan, answers: Self.answers(ukNever: 10, ukMissing: 3))
        let cells = Self.rows(files, "tables/survey-items-by-country.csv")
        let missing = try #require(cells.first { $0["item"] == "q2" && $0["country"] == "UK" && $0["response"] == "missing" })
        #expect(missing["suppressed"] == "yes")
        // The UK respondents (40) are hidden instead of an answer: the answers, the number who
        // answered (37) and the test stay published.
        let answered = cells.filter { $0["item"] == "q2" && $0["country"] == "UK" && $0["response"] != "missing" }
        #expect(answered.allSatisfy { $0["suppressed"] == "no" && $0["base"] == "37" })
        #expect(missing["base"] == "" && missing["respondents"] == "")
        let text = try #require(files.first { $0.path == "tables.txt" }?.contents)
        #expect(text.contains("United Kingdom (N = *)"))
        #expect(Self.rows(files, "tables/survey-items-by-country.tests.csv").contains { $0["row"] == "mini.q2" && $0["test"] == "mann_whitney_u" })
        #expect(PublishedFilesAttack(files: files, minimumCount: 5).run().findings.map(\.description) == [])
    }

    @Test func theAuditRefusesAReportThatPinsAHiddenCount() throws {
        // Two atoms (KZ, UK) with a published total and a published UK count: KZ is pinned.
        let basis = DisclosureBasis(
            variables: ["country", "role"], profiles: [["KZ", "father"], ["UK", "father"]], participants: [12, 12],
            rows: [BasisRow(kind: .code, id: "c", counts: [3, 6])], surveys: [])
        var ledger = DisclosureLedger(basis: basis)
        let place = DisclosureLedger.Place(table: "t", row: "code:c", column: "x")
        try ledger.register(.participants(atoms: [0]), value: 12, at: place)
        try ledger.register(.participants(atoms: [1]), value: 12, at: place)
        try ledger.register(.row(kind: .code, id: "c", atoms: [0]), value: 3, at: place)
        try ledger.register(.row(kind: .code, id: "c", atoms: [1]), value: 6, at: place)
        try ledger.register(.row(kind: .code, id: "c", atoms: [0, 1]), value: 9, at: place)
        ledger.hide(.row(kind: .code, id: "c", atoms: [0]), .primary)
        #expect(throws: PublicationError.self) { try DisclosureAudit(ledger: ledger, minimumCount: 5) }
        // Hiding the UK count as well leaves KZ anywhere in 0…9 (10 values): the audit passes.
        ledger.hide(.row(kind: .code, id: "c", atoms: [1]), .complementary)
        let audit = try DisclosureAudit(ledger: ledger, minimumCount: 5)
        #expect(audit.narrowest == 10)
        // A count that does not add up to the basis is refused before anything is hidden.
        #expect(throws: PublicationError.self) {
            try ledger.register(.row(kind: .code, id: "c", atoms: [1]), value: 7, at: place)
        }
    }

    @Test func levelsPublishedAsOneGroupAreOneColumnEverywhere() throws {
        var groups = Self.groups
        groups.insert(("KZ", "guardian", 3), at: 3)
        groups.append(("UK", "guardian", 2))
        let plan = Plan(groups: groups, mentions: ["bar_busy_job": [10, 6, 3, 2, 9, 6, 4, 1], "bar_fundraising": [12, 6, 5, 2, 11, 7, 5, 2]])
        let publication = """
              groups:
                role: {carers: [grandparent, guardian]}

            """
        let labels = StudyFixture.publication.replacingOccurrences(
            of: "    other: {", with: "    carers: {en: Other carers, ru: Другие, kk: Басқалар}\n    other: {")
        let (results, files) = try Self.publish(plan, answers: Self.answers(ukNever: 10, ukMissing: 0), labels: labels, publication: publication)
        let byRole = Self.rows(files, "tables/barriers-by-role-within-country.csv")
        #expect(Set(byRole.compactMap { $0["role"] }) == ["mother", "father", "carers", "teacher", "other"])
        // KZ carers: 6 grandparents and 3 guardians, of whom 5 + 2 mention fundraising.
        let carers = try #require(byRole.first { $0["row"] == "bar_fundraising" && $0["country"] == "KZ" && $0["role"] == "carers" })
        #expect(carers["participants"] == "7" && carers["base"] == "9")
        let text = try #require(files.first { $0.path == "tables.txt" }?.contents)
        #expect(text.contains("Kazakhstan / Other carers"))
        #expect(results.publicationGroups == ["role": ["carers": ["grandparent", "guardian"]]])
        #expect(PublishedFilesAttack(files: files, minimumCount: 5).run().findings.map(\.description) == [])
    }

    @Test func aPublicationGroupOfUndeclaredOrSharedLevelsIsRefused() throws {
        let publication = """
              groups:
                role: {carers: [grandparent, aunt], kin: [grandparent, guardian]}

            """
        let fixture = try StudyFixture(publication: StudyFixture.publication + publication)
        #expect {
            _ = try StudyManifest(directory: fixture.directory)
        } throws: { error in
            let text = "\(error)"
            return text.contains("publication.groups.role.carers: 'aunt' is not a declared level")
                && text.contains("publication.groups.role: 'grandparent' is in two groups")
        }
    }
}

/// A generated study of the benchmark's shape (625 participants, 10,000 segment rows, 3,000 survey
/// respondents): the outside attack found a "no answer" count pinned through another item's published
/// respondents before items shared their respondents in the audit.
@Suite struct GeneratedStudyDisclosureTests {
    @Test func aGeneratedStudyPublishesNothingAnAttackCanPin() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let codebook = root.appendingPathComponent("data/codebook.yml").path
        let instruments = ["teacher-checklist.yml", "parent-involvement.yml"].map { root.appendingPathComponent("data/instruments/\($0)").path }
        _ = try writeStudy(
            configuration: SampleStudy(participants: 625, segmentTarget: 10_000, secondCoderShare: 0.15, surveyRespondents: 3_000, seed: 20_251_129),
            codebook: try Codebook(path: codebook), codebookPath: codebook,
            instruments: try instruments.map { InstrumentFile(instrument: try Instrument(path: $0), path: $0) }, to: folder)
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: folder)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()
        let files = try ReportBuilder(results: results).files()
        let attack = PublishedFilesAttack(files: files, minimumCount: 5).run()
        #expect(attack.hidden > 20)
        #expect(attack.findings.map(\.description) == [])
        // The case the outside attack found: in a survey column, an item whose number who answered and
        // "no answer" are both published gives the column's respondents away, and with them every other
        // item's "no answer" whose number who answered is published. So none such may be hidden.
        for (table, variable) in [("survey-items-by-country", "country"), ("survey-items-by-role", "role")] {
            let lines = PlantedCellsTests.rows(files, "tables/\(table).csv")
            let columns = Set(lines.map { "\($0["instrument"]!)|\($0[variable]!)" })
            for column in columns.sorted() {
                let here = lines.filter { "\($0["instrument"]!)|\($0[variable]!)" == column }
                let items = Set(here.map { $0["item"]! })
                func missing(_ item: String) -> [String: String]? { here.first { $0["item"] == item && $0["response"] == "missing" } }
                func answeredPublished(_ item: String) -> Bool {
                    here.contains { $0["item"] == item && $0["response"] != "missing" && $0["base"] != "" }
                }
                let fixesRespondents = items.contains { answeredPublished($0) && missing($0)?["suppressed"] == "no" }
                guard fixesRespondents else { continue }
                for item in items.sorted() where missing(item)?["suppressed"] == "yes" {
                    #expect(!answeredPublished(item), "\(table) \(column) \(item): its no-answer follows from another item")
                }
            }
        }
    }
}

import Analysis
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel
import Testing
import TestSupport

/// A coding tool's codes kept as uncategorised codes (`unmapped: keep`), on the pilot Taguette 1.5.2 exported
/// (Tests/Fixtures/TaguettePilot), with `activity/open day` taken out of its code map so two tags are unmapped.
@Suite struct UncategorisedCodeTests {
    static let plan = """
        analysis:
          tables:
            - barriers-by-country
            - activities-by-country
            - {id: uncategorised-codes-by-country, rows: uncategorised-codes, columns: [country]}
            - intercoder-agreement

        """

    /// The pilot with `unmapped: keep`, `activity/open day` unmapped and the plan above.
    static func keepingPilot() throws -> QDPXStudyCopy {
        let pilot = try QDPXStudyCopy("TaguettePilot") { $0.replacingOccurrences(of: "unmapped: ignore", with: "unmapped: keep") + plan }
        let map = URL(fileURLWithPath: pilot.path("code-map.yml"))
        let text = try String(contentsOf: map, encoding: .utf8).replacingOccurrences(of: "activity/open day: act_open_day\n", with: "")
        try Data(text.utf8).write(to: map)
        return pilot
    }

    @Test func keptTagsAreCountedInATableOfTheirOwnOnly() throws {
        let pilot = try Self.keepingPilot()
        defer { pilot.remove() }
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: pilot.directory)
        let summary = try ingester.ingest(into: store)
        #expect(summary.notices == [
            "highlights.csv: tag 'activity/open day' is mapped to no code; kept as uncategorised code 'activity_open_day' with its 2 rows (unmapped: keep)",
            "highlights.csv: tag 'follow up' is mapped to no code; kept as uncategorised code 'follow_up' with its 1 row (unmapped: keep)",
        ])
        // 17 code applications of mapped tags before, 2 of them open days, and the one 'follow up': 18.
        #expect(summary.segmentRows == 18)
        let analysis = try StudyAnalysis(manifest: ingester.manifest, store: store)
        let results = try analysis.run()

        guard case .crosstab(let kept) = results.tables[2] else {
            Issue.record("not a crosstab")
            return
        }
        // By hand from highlights.csv and study.yml: 'activity/open day' on highlights 5 (Almaty interview 2: KZP02,
        // KZ) and 14 (Leeds interview 2: UKP02, UK); 'follow up' on highlight 7 (Astana interview 3: KZT01, KZ).
        // Three participants per country in participants.csv.
        #expect(kept.rows.map(\.id) == ["activity_open_day", "follow_up"])
        #expect(kept.rows.map { $0.label[.en] } == ["activity/open day", "follow up"])
        #expect(kept.columns.map(\.values) == [["KZ"], ["UK"]])
        #expect(kept.cells.map { $0.map { "\($0.participants)/\($0.base)" } } == [["1/3", "1/3"], ["1/3", "0/3"]])

        // Never among barriers or activities: the open day's codebook code counts nobody now.
        for index in [0, 1] {
            guard case .crosstab(let table) = results.tables[index] else { continue }
            #expect(!table.rows.contains { ["activity_open_day", "follow_up"].contains($0.id) })
        }
        guard case .crosstab(let activities) = results.tables[1] else { return }
        let openDay = try #require(activities.rows.firstIndex { $0.id == "act_open_day" })
        #expect(activities.cells[openDay].map(\.participants) == [0, 0])

        // In intercoder agreement (one coder here: no units) and in the participant × code matrix.
        guard case .agreement(let agreement) = results.tables[3] else { return }
        #expect(agreement.codes.suffix(2).map(\.code) == ["activity_open_day", "follow_up"])
        #expect(agreement.codes.suffix(2).map(\.category) == [.uncategorised, .uncategorised])
        let matrix = ParticipantCodeMatrix(analysis: analysis, ids: true)
        #expect(matrix.header.suffix(2) == ["activity_open_day", "follow_up"])
        let kzt01 = try #require(matrix.rows.first { $0[0] == "KZT01" })
        #expect(kzt01.suffix(2) == ["0", "1"])

        // Disclosure control sees them as any code row: their counts per atom are in the basis.
        let basis = try #require(results.basis)
        #expect(basis.counts(kind: .code, id: "follow_up").map { $0.reduce(0, +) } == 1)
        #expect(basis.counts(kind: .code, id: "activity_open_day").map { $0.reduce(0, +) } == 2)
    }

    @Test func keptCodesArePublishedUnderDisclosureControl() throws {
        let pilot = try Self.keepingPilot()
        defer { pilot.remove() }
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: pilot.directory)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()

        let open = try ReportBuilder(results: results, suppression: false).files()
        let csv = try #require(file("tables/uncategorised-codes-by-country.csv", in: open))
        // 1 of 3: R prop.test(1, 3, correct = FALSE)$conf.int = 0.0615–0.7923.
        #expect(csv.contains("\nuncategorised-codes-by-country,code,follow_up,KZ,1,3,33.3,6.1,79.2,1,no\n"))
        #expect(try #require(file("tables.txt", in: open)).contains("Uncategorised codes by country"))

        // Published: every count of 1 to 4 hidden, as in any code row.
        let published = try ReportBuilder(results: results).files()
        let hidden = try #require(file("tables/uncategorised-codes-by-country.csv", in: published))
        #expect(hidden.contains("\nuncategorised-codes-by-country,code,follow_up,KZ,,,,,,,yes\n"))  // the base of 3 too
        let audit = try #require(file("disclosure-audit.csv", in: published))
        #expect(audit.contains("uncategorised-codes-by-country"))

        // Their labels are the tags, in English only: a Russian report shows them and says so (the codebook's
        // codes all have Russian labels).
        let russian = try ReportBuilder(results: results, language: Language(rawValue: "ru")).files()
        let tables = try #require(file("tables.txt", in: russian))
        #expect(tables.contains("\nНазвания кодов, которых нет на русском языке (показаны по-английски): 2.\n\n"))
        #expect(tables.contains("follow up"))
        #expect(tables.contains("Коды без категории"))
        #expect(!(try #require(file("tables.txt", in: published))).contains("Code labels not given"))
    }
}

import Foundation
import StudyModel
import Testing

/// The repository's `data/` folder, found from this file's path.
let dataDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("data").path

@Suite struct ShippedDataTests {
    @Test func shippedCodebookHoldsTheArticlesCodes() throws {
        let codebook = try Codebook(path: dataDirectory + "/codebook.yml")
        #expect(codebook.version == "2025.1")
        let barriers = codebook.codes(in: .barrier)
        // Fifteen numbered barriers plus the further factors the article discusses.
        let numbered = barriers.filter { code in (1...15).contains { code.source?.hasPrefix("Article, barrier \($0)") ?? false } }
        #expect(numbered.count == 15)
        #expect(barriers.count == 22)
        for factor in FactorCategory.allCases {
            #expect(barriers.filter { $0.factor == factor }.count >= 3, "factor \(factor.rawValue)")
        }
        #expect(codebook.codes(in: .involvementRole).count == 13)  // the rows of Table 1
        let activities = codebook.codes(in: .activity)
        #expect(activities.filter { $0.type == .informal }.count == 8)
        #expect(activities.filter { $0.type == .formal }.count == 9)
        #expect(codebook["bar_busy_job"]?.factor == .parent)
        #expect(codebook["bar_instruction_language"]?.factor == .parentTeacher)
    }

    @Test func shippedInstrumentsLoad() throws {
        let teachers = try Instrument(path: dataDirectory + "/instruments/teacher-checklist.yml")
        #expect(teachers.id == "teacher_checklist")
        #expect(teachers.items.count == 20)  // the article's twenty questions
        let parents = try Instrument(path: dataDirectory + "/instruments/parent-involvement.yml")
        #expect(parents.id == "parent_involvement")
        #expect(parents.items.allSatisfy { parents.scale(of: $0) != nil })
        #expect(Set(parents.items.compactMap(\.subscale)) == ["involvement", "barriers"])
    }

    @Test func defaultPlanIdsAreStable() {
        #expect(TableSpec.defaultPlan.map(\.id) == [
            "sample-by-country-role", "barriers-by-factor-category", "barriers-by-country",
            "barriers-by-role-within-country", "factor-categories-by-country-role",
            "involvement-roles-by-country-role", "activities-by-country", "survey-items-by-country",
            "survey-items-by-role", "joint-display-by-country", "joint-display-by-role", "barrier-co-occurrence-by-country", "barriers-fathers-vs-mothers", "intercoder-agreement",
        ])
    }
}

import Analysis
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Ingests the fixture and runs its plan.
func analysed(_ fixture: StudyFixture) throws -> AnalysisResults {
    let store = try StudyStore.inMemory()
    let ingester = try StudyIngester(studyDirectory: fixture.directory)
    try ingester.ingest(into: store)
    return try StudyAnalysis(manifest: ingester.manifest, store: store).run()
}

extension AnalysisResults {
    func crosstab(_ id: String) throws -> CrosstabResult {
        for case .crosstab(let table) in tables where table.id == id { return table }
        throw AnalysisError.emptyStore
    }

    func survey(_ id: String) throws -> SurveyTableResult {
        for case .survey(let table) in tables where table.id == id { return table }
        throw AnalysisError.emptyStore
    }
}

extension CrosstabResult {
    /// (participants, base, segments) of the cell at a row id and column values.
    func cell(_ row: String, _ column: [String]) -> [Int]? {
        guard let rowIndex = rows.firstIndex(where: { $0.id == row }),
            let columnIndex = columns.firstIndex(where: { $0.values == column })
        else { return nil }
        let cell = cells[rowIndex][columnIndex]
        return [cell.participants, cell.base, cell.segments ?? -1]
    }
}

@Suite struct CrosstabTests {
    @Test func defaultPlanTablesInOrder() throws {
        let results = try analysed(try StudyFixture())
        #expect(results.tables.map(\.id) == TableSpec.defaultPlan.map(\.id))
        #expect(results.participants == 6)
    }

    @Test func barriersByCountryCountParticipantsOnceOverAllParticipants() throws {
        let table = try analysed(try StudyFixture()).crosstab("barriers-by-country")
        #expect(table.columns.map(\.values) == [["KZ"], ["UK"]])
        #expect(table.columns.map(\.base) == [3, 3])  // participants with no segment are in the base
        // KZ-2 has three segments of bar_busy_job: one participant, three segments.
        #expect(table.cell("bar_busy_job", ["KZ"]) == [2, 3, 4])
        #expect(table.cell("parent", ["KZ"]) == [2, 3, 4])
        #expect(table.cell("societal", ["KZ"]) == [1, 3, 1])
        #expect(table.cell("parent_teacher", ["UK"]) == [1, 3, 1])
        // UK-1's child reluctance was coded by C2 only; C1 coded UK-1, so C1's coding is analysed.
        #expect(table.cell("child", ["UK"]) == [0, 3, 0])
        #expect(table.cells[0][0].percent == 200.0 / 3.0)
        #expect(table.rows.map(\.id) == [
            "parent", "bar_busy_job", "bar_low_efficacy", "child", "bar_child_reluctance",
            "parent_teacher", "bar_instruction_language", "societal", "bar_fundraising",
        ])
    }

    @Test func coderPreferenceDecidesTheAnalysedCoding() throws {
        let table = try analysed(try StudyFixture(analysedCoders: ["C2", "C1"])).crosstab("barriers-by-country")
        #expect(table.cell("child", ["UK"]) == [1, 3, 1])
        #expect(table.cell("parent_teacher", ["UK"]) == [1, 3, 1])
        // Only C1 coded the KZ participants: they fall back to C1.
        #expect(table.cell("bar_busy_job", ["KZ"]) == [2, 3, 4])
    }

    @Test func aCoderOutsideThePolicyIsNeverAnalysed() throws {
        let table = try analysed(try StudyFixture(analysedCoders: ["C1"])).crosstab("activities-by-country")
        #expect(table.cell("act_open_day", ["UK"]) == [0, 3, 0])
        let withC2 = try analysed(try StudyFixture()).crosstab("activities-by-country")
        #expect(withC2.cell("act_open_day", ["UK"]) == [1, 3, 1])
        #expect(withC2.cell("informal", ["UK"]) == [1, 3, 1])
        #expect(withC2.cell("formal", ["UK"]) == [0, 3, 0])
    }

    @Test func rolesWithinCountryPutFathersBesideMothers() throws {
        let table = try analysed(try StudyFixture()).crosstab("barriers-by-role-within-country")
        #expect(table.columns.count == 12)
        #expect(table.columns.prefix(2).map(\.values) == [["KZ", "mother"], ["KZ", "father"]])
        #expect(table.cell("bar_busy_job", ["KZ", "father"]) == [1, 2, 3])
        #expect(table.cell("bar_busy_job", ["KZ", "mother"]) == [1, 1, 1])
        #expect(table.cell("bar_busy_job", ["KZ", "guardian"]) == [0, 0, 0])
        #expect(table.cells[1][table.columns.firstIndex { $0.values == ["KZ", "guardian"] }!].percent == nil)
    }

    @Test func sampleTable() throws {
        let table = try analysed(try StudyFixture()).crosstab("sample-by-country-role")
        #expect(table.cell("mother", ["KZ"]) == [1, 3, 2])
        #expect(table.cell("mother", ["UK"]) == [2, 3, 2])
        #expect(table.cell("father", ["KZ"]) == [2, 3, 4])
        #expect(table.cell("teacher", ["UK"]) == [1, 3, 0])
    }

    @Test func factorCategoriesAndSingleColumnTables() throws {
        let results = try analysed(try StudyFixture())
        let categories = try results.crosstab("factor-categories-by-country-role")
        #expect(categories.rows.map(\.id) == ["parent", "child", "parent_teacher", "societal"])
        let overall = try results.crosstab("barriers-by-factor-category")
        #expect(overall.columns.map(\.base) == [6])
        #expect(overall.cell("parent", []) == [2, 6, 4])
        let roles = try results.crosstab("involvement-roles-by-country-role")
        #expect(roles.cell("role_communicator", ["KZ", "mother"]) == [1, 1, 1])
    }

    @Test func customTableGroupsByAnAttributeWithAFilter() throws {
        let fixture = try StudyFixture(manifestTail: """
            analysis:
              tables:
                - barriers-by-country
                - id: barriers-by-setting
                  rows: barriers
                  columns: [setting]
                  where: {role: [mother, father]}

            """)
        let results = try analysed(fixture)
        #expect(results.tables.map(\.id) == ["barriers-by-country", "barriers-by-setting"])
        let table = try results.crosstab("barriers-by-setting")
        #expect(table.columns.map(\.values) == [["rural"], ["urban"], [""]])
        #expect(table.columns.map(\.base) == [1, 3, 1])
        #expect(table.cell("bar_busy_job", ["rural"]) == [1, 1, 3])
        #expect(table.cell("bar_busy_job", ["urban"]) == [1, 3, 1])
        #expect(table.cell("bar_busy_job", [""]) == [0, 1, 0])
    }

    @Test func unknownColumnVariableIsAnError() throws {
        let fixture = try StudyFixture(manifestTail: """
            analysis:
              tables:
                - {id: by-shoe-size, rows: barriers, columns: [shoe_size]}

            """)
        // Ingest refuses it, naming the setting and the columns there are.
        #expect {
            try analysed(fixture)
        } throws: { error in
            "\(error)" == "\(fixture.path("study.yml")):30:8: analysis.tables 'by-shoe-size': 'shoe_size' is not a column of participants.csv"
                + " (its columns: participant_id, country, role, setting)"
        }
    }

    @Test func surveyDistributionsByCountry() throws {
        let table = try analysed(try StudyFixture()).survey("survey-items-by-country")
        let mini = try #require(table.instruments.first)
        #expect(mini.columns.map(\.base) == [2, 1])
        #expect(mini.items.map(\.itemID) == ["q1", "q2"])
        #expect(mini.items[0].counts == [[2, 0], [0, 1]])
        #expect(mini.items[0].missing == [0, 0])
        #expect(mini.items[1].counts == [[0, 1], [0, 1]])
        #expect(mini.items[1].missing == [1, 0])
    }
}

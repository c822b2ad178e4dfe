import Analysis
import Publication
import Statistics
import StudyModel
import Testing

/// Every text of a document, depth first.
func texts(in text: Text) -> [Text] {
    switch text {
    case .phrase(_, let values): [text] + values.keys.sorted().flatMap { texts(in: values[$0]!) }
    case .list(let items), .joined(let items, _), .sortedJoined(let items, _): [text] + items.flatMap(texts)
    case .lowercased(let inner), .capitalized(let inner): [text] + texts(in: inner)
    default: [text]
    }
}

func texts(in block: DocumentBlock) -> [Text] {
    switch block {
    case .title(_, let text), .heading(let text), .note(let text): texts(in: text)
    case .grid(let header, let rows, _): (header + rows).joined().flatMap(texts)
    }
}

@Suite struct PublishedDocumentTests {
    let sample: SampleReport

    init() throws { sample = try SampleReport.shared.get() }

    var document: PublishedDocument {
        PublishedDocument(results: sample.published.results, audit: sample.published.audit, suppression: true)
    }

    @Test func theDocumentHoldsThePlansTablesWithTheirRecordsAndChartsInPlanOrder() {
        let document = document
        #expect(document.tables.map(\.id) == sample.results.plan.map(\.id))
        for (table, spec) in zip(document.tables, sample.results.plan) {
            guard case .title(let id, _) = table.blocks.first else {
                Issue.record("\(table.id): no title block")
                continue
            }
            #expect(id == spec.id)
            #expect(table.charts.map(\.kind) == spec.charts, "\(table.id)")
        }
        // The cells of the fathers-vs-mothers table: 22 barriers and 4 categories, two strata and the
        // pooled cells, each of two groups.
        let comparison = document.tables.first { $0.id == "barriers-fathers-vs-mothers" }
        #expect(comparison?.cells.rows.count == 26 * 3 * 2)
    }

    /// Hidden counts and numbers are typed: no grid shows a hidden count as text, and the number of
    /// hidden cells of each crosstab's grid equals that of its records.
    @Test func hiddenCountsAreTypedAndMatchTheRecords() {
        for table in document.tables {
            let all = table.blocks.flatMap(texts)
            #expect(!all.contains(.plain("*")), "\(table.id)")
            guard case .crosstab(let crosstab) = table.result, let grid = table.blocks.first(where: {
                if case .grid = $0 { true } else { false }
            }), case .grid(_, let rows, _) = grid else { continue }
            let perCell = crosstab.columns.count <= 4 ? 3 : 2
            let hiddenInGrid = rows.dropLast().joined().filter { $0 == .hidden }.count / perCell
            let suppressedColumn = table.cells.header.firstIndex(of: "suppressed")!
            #expect(hiddenInGrid == table.cells.rows.filter { $0[suppressedColumn] == "yes" }.count, "\(table.id)")
        }
    }

    /// The summary is findings, not sentences: its paragraphs are catalog phrases, so one summary
    /// is written in every language; the factor categories come right after the sample.
    @Test func theSummaryIsPhrasesWithTheFactorCategoriesFirst() {
        let summary = document.summary
        guard case .phrase(.summaryTitle, _) = summary.first else {
            Issue.record("no title")
            return
        }
        guard case .joined(let parts, _) = summary[2], case .phrase(.groupRowsLead, _) = parts.first else {
            Issue.record("the third paragraph is not the factor categories: \(summary[2])")
            return
        }
        // No words but ids and the coders' names: the study's name stands in the title only.
        for paragraph in summary.dropFirst() {
            for case .plain(let text) in texts(in: paragraph) where text.contains(where: \.isLetter) {
                #expect(text.count < 12, "words in the summary outside the catalog: \(text)")
            }
        }
    }
}

/// The summary calls a pooled difference of fathers and mothers only where the countries agree on it.
@Suite struct PooledDifferenceTests {
    let sample: SampleReport

    init() throws { sample = try SampleReport.shared.get() }

    /// The codebook ids of the rows that `phrase` names anywhere in the summary.
    func rows(of phrase: Phrase, in paragraphs: [Text], table: GroupComparisonResult) -> [String] {
        paragraphs.flatMap { texts(in: $0) }.compactMap { text -> String? in
            guard case .phrase(phrase, let values) = text, let label = values["label"] else { return nil }
            return table.rows.first { Text.row($0.row).lowercased() == label }?.row.id
        }
    }

    @Test func aPooledDifferenceIsClaimedOnlyWhereTheStrataAgree() throws {
        // As published, "busy job" differs between fathers and mothers (exact conditional p = 0.0009,
        // adjusted 0.0059), and the countries agree (Breslow–Day p = 0.166).
        let published = sample.published.results
        let index = try #require(published.tables.firstIndex { $0.id == "barriers-fathers-vs-mothers" })
        guard case .comparison(var table) = published.tables[index] else { throw CancellationError() }
        let agreeing = SummaryComposer(results: published).paragraphs()
        #expect(rows(of: .comparisonItemExact, in: agreeing, table: table).contains("bar_busy_job"))
        #expect(rows(of: .comparisonItemHeterogeneous, in: agreeing, table: table).isEmpty)

        // Where the countries' odds ratios point opposite ways (9/12 against 8/24 in one, 2/12 against 16/24
        // in the other: statsmodels' test_equal_odds(adjust=True) gives p = 0.00024), the same pooled p is
        // not called a difference: the summary says the strata disagree.
        var disagreeing = published
        let row = try #require(table.rows.firstIndex { $0.row.id == "bar_busy_job" })
        table.rows[row].breslowDay = BreslowDayTest(strata: [
            ContingencyTable([[9, 3], [8, 16]]), ContingencyTable([[2, 10], [16, 8]]),
        ])
        #expect(try #require(table.rows[row].breslowDay).p < 0.001)
        disagreeing.tables[index] = .comparison(table)
        let paragraphs = SummaryComposer(results: disagreeing).paragraphs()
        #expect(!rows(of: .comparisonItemExact, in: paragraphs, table: table).contains("bar_busy_job"))
        #expect(rows(of: .comparisonItemHeterogeneous, in: paragraphs, table: table) == ["bar_busy_job"])
    }
}

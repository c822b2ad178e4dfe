import Analysis
import Publication
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

import Analysis
import Foundation
import Publication
import StudyModel

/// Builds every file of a report from analysis results, and writes them.
///
/// The files, relative to the report folder:
/// - `tables.txt`, `tables.md`: every table of the plan, in plan order;
/// - `tables/<id>.csv`, `tables/<id>.json`: each table as tidy CSV and as JSON;
/// - `tables/<id>.tests.csv`: the table's tests, one line per test;
/// - `summary.txt`: the plain-text summary in the report's language, and `summary.en.txt`,
///   `summary.kk.txt`, `summary.ru.txt`: one in each language with a catalog;
/// - `report.html`: one self-contained page with the summary, SVG charts and every table;
/// - `notebooks/<name>.md` (and their charts as SVG): each notebook with its blocks answered;
/// - `disclosure-audit.csv`: with disclosure control, every hidden count's interval of possible values;
/// - `provenance.json`: input and output SHA-256s, codebook and tool versions.
///
/// Every file is made from the published results: ``DisclosurePass`` runs once over the plan's tables
/// and the tables the notebooks ask for together, before anything is rendered.
///
/// The same results give byte-identical files: no clock, no locale, no unordered iteration.
public struct ReportBuilder {
    /// The analysis results, unpublished.
    public var results: AnalysisResults
    public var vocabulary: Vocabulary
    /// The value of `SOURCE_DATE_EPOCH`, if set: the only time a report may carry.
    public var sourceDateEpoch: String?
    /// Whether small counts are suppressed (the default; `--no-suppression` is for internal work).
    public var suppression: Bool
    /// Notebooks to render into `notebooks/`.
    public var notebooks: [Notebook] = []
    /// Computes a table a notebook asks for that the plan does not hold (unpublished: the builder
    /// publishes it with the plan's tables); `nil` when there is no store to compute from.
    public var computeTable: ((TableSpec) throws -> TableResult)? = nil
    /// Computes the disclosure basis of the plan and further tables (a notebook's crosstabs may group
    /// by variables the plan does not); `nil` without a store.
    public var computeBasis: (([TableSpec]) throws -> DisclosureBasis)? = nil
    /// Chooses quotable excerpts of a code for notebooks (see `StudyAnalysis.quotes`); `nil` without a store.
    public var quotes: ((String, Int) throws -> [Quote])? = nil

    /// - Parameters:
    ///   - results: the analysis results, unsuppressed.
    ///   - suppression: publish through disclosure control (``DisclosurePass``) before anything is rendered.
    public init(
        results: AnalysisResults, language: Language = .en, sourceDateEpoch: String? = nil, suppression: Bool = true
    ) {
        self.results = results
        vocabulary = Vocabulary(language: language, labels: results.levelLabels)
        self.sourceDateEpoch = sourceDateEpoch
        self.suppression = suppression
    }

    /// Every file of the report, path and contents, in a fixed order.
    /// - Throws: ``ReportError`` for an invalid `SOURCE_DATE_EPOCH`; encoding errors.
    public func files() throws -> [(path: String, contents: String)] {
        // The notebooks' crosstabs are published with the plan's tables: one disclosure pass over both.
        let requests = try notebooks.flatMap(NotebookRenderer.crosstabRequests)
        let computed = try requests.map { spec -> TableResult in
            guard let computeTable else {
                throw InputProblem(file: spec.id, message: "the store cannot be read: run 'analyze ingest' first")
            }
            return try computeTable(spec)
        }
        var results: AnalysisResults
        let extra: [TableResult]
        var audit: DisclosureAudit?
        if suppression {
            var basis = self.results.basis
            if !requests.isEmpty, let computeBasis { basis = try computeBasis(requests) }
            let published = try DisclosurePass(minimumCount: self.results.minimumCount, suppressFullCells: self.results.suppressFullCells)
                .publish(self.results, extraTables: computed, basis: basis)
            results = published.results
            extra = published.extraTables
            audit = published.audit
        } else {
            results = self.results
            results.basis = nil
            extra = computed
        }
        return try files(results: results, notebookTables: extra, audit: audit)
    }

    private func files(
        results: AnalysisResults, notebookTables: [TableResult], audit: DisclosureAudit?
    ) throws -> [(path: String, contents: String)] {
        let renderer = TableFormatter(vocabulary: vocabulary)
        let say = Phrasebook(vocabulary)
        var disclosure = disclosureStatement(in: vocabulary, results: results)
        if let audit, let narrowest = audit.narrowest {
            disclosure += say(.auditLine, ["n": String(audit.hiddenCounts), "w": String(narrowest)])
        }
        let header = "\(results.study.name). " + say(.version, [
            "version": results.study.version, "codebook": results.study.codebookVersion, "tool": results.toolVersion,
        ]) + "\n" + disclosure
        var files: [(path: String, contents: String)] = []
        files.append(("tables.txt", header + "\n\n" + results.tables.map { renderer.render($0, style: .text) }.joined(separator: "\n\n")))
        files.append(("tables.md", "# \(say(.tables))\n\n" + header + "\n\n" + results.tables.map { renderer.render($0, style: .markdown) }.joined(separator: "\n")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for table in results.tables {
            files.append(("tables/\(table.id).csv", CSVFieldEscaping.csv(TidyCells.records(for: table))))
            if let tests = TidyTests.records(for: table) { files.append(("tables/\(table.id).tests.csv", CSVFieldEscaping.csv(tests))) }
            files.append(("tables/\(table.id).json", String(decoding: try encoder.encode(table), as: UTF8.self) + "\n"))
        }
        let paragraphs = SummaryComposer(results: results).paragraphs()
        let summary = SummaryWriter(paragraphs: paragraphs, vocabulary: vocabulary).summary()
        files.append(("summary.txt", disclosure + "\n\n" + summary))
        // The summary in every language, for co-authors who write in another.
        for language in Language.available {
            let words = language == vocabulary.language ? vocabulary : Vocabulary(language: language, labels: results.levelLabels)
            let text = SummaryWriter(paragraphs: paragraphs, vocabulary: words).summary()
            files.append(("summary.\(language.rawValue).txt", disclosureStatement(in: words, results: results) + "\n\n" + text))
        }
        files.append(("report.html", HTMLReportWriter(results: results, vocabulary: vocabulary, disclosure: disclosure, summary: summary).html()))
        let notebookRenderer = NotebookRenderer(
            results: results, vocabulary: vocabulary, summary: disclosure + "\n\n" + summary,
            computeTable: { spec in notebookTables.first { $0.id == spec.id } },
            quotes: { code, limit in try quotes?(code, limit) })
        for notebook in notebooks {
            files += try notebookRenderer.render(notebook).map { ("notebooks/" + $0.path, $0.contents) }
        }
        if let audit { files.append(("disclosure-audit.csv", audit.csv())) }
        files.append(("provenance.json", try ProvenanceWriter.json(results: results, outputs: files, sourceDateEpoch: sourceDateEpoch)))
        return files
    }

    private func disclosureStatement(in vocabulary: Vocabulary, results: AnalysisResults) -> String {
        let say = Phrasebook(vocabulary)
        guard suppression else { return say(.disclosureOff) }
        return say(.disclosureOn, [
            "max": String(results.minimumCount - 1), "k": String(results.minimumCount),
            "full": results.suppressFullCells ? say(.fullCellsHidden, ["g": String(2 * results.minimumCount)]) : "",
        ])
    }

    /// Writes the report into `directory`: a new folder, an empty one, or one an earlier report of
    /// `analyze` wrote (its `provenance.json` lists what it wrote). Only the files of the earlier report
    /// that this one no longer writes are removed; a file the tool did not write is never touched.
    /// - Returns: the paths written, relative to `directory`.
    /// - Throws: ``ReportError/notAReportFolder(_:)`` for a folder with other files and no report.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        let files = try files()
        let manager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        let previous = ProvenanceWriter.previousOutputs(in: root)
        if previous == nil, let entries = try? manager.contentsOfDirectory(atPath: root.path), !entries.isEmpty {
            throw ReportError.notAReportFolder(directory)
        }
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url, options: .atomic)
        }
        let written = Set(files.map(\.path))
        for path in (previous ?? []).sorted() where !written.contains(path) && !path.contains("..") {
            try? manager.removeItem(at: root.appendingPathComponent(path))
        }
        return files.map(\.path)
    }
}

import Analysis
import Foundation
import JSONOutput
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
/// - `notebooks/<name>.md` (and their charts as SVG) and `notebooks/<name>.html` (self-contained): each
///   notebook with its blocks and inline values answered;
/// - `reproduce.R`: every published test rerun in base R from the published counts (``ReproductionScript``);
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

    /// Files every report of these results has, whatever the disclosure pass hides: the texts, the
    /// summaries, the HTML page, the script, the audit (with suppression), each table's CSV and JSON, and
    /// the provenance (``ReportDraft/reserve(_:)``; the tests' CSVs and the notebooks' files are not known
    /// before the pass).
    public var plannedFiles: [String] {
        ["tables.txt", "tables.md", "summary.txt"] + Language.available.map { "summary.\($0.rawValue).txt" }
            + ["report.html", "reproduce.R"] + (suppression ? ["disclosure-audit.csv"] : []) + ["provenance.json"]
            + results.tables.flatMap { ["tables/\($0.id).csv", "tables/\($0.id).json"] }
    }

    /// Every file of the report, path and contents, in a fixed order.
    /// - Parameter draft: where to write each file as soon as it is made (``ReportDraft/add(_:)``), all
    ///   but `provenance.json`, which hashes them all; the caller finishes or discards it.
    /// - Throws: ``ReportError`` for an invalid `SOURCE_DATE_EPOCH`; encoding errors.
    public func files(writingInto draft: ReportDraft? = nil) throws -> [(path: String, contents: String)] {
        // The summaries' vocabularies in the other languages, made on another core while the disclosure
        // pass runs (they depend on the study's labels alone).
        let language = vocabulary.language, labels = results.levelLabels
        let others = BackgroundValue<[(Language, Vocabulary)], Never> {
            Language.available.filter { $0 != language }.map { ($0, Vocabulary(language: $0, labels: labels)) }
        }
        // The notebooks' crosstabs are published with the plan's tables: one disclosure pass over both.
        let requests = try notebooks.flatMap(NotebookRenderer.crosstabRequests)
        let computed = try requests.map { spec -> TableResult in
            guard let computeTable else {
                throw InputProblem(file: spec.id, message: "the store cannot be read: run 'analyze ingest' first")
            }
            return try computeTable(spec)
        }
        let (results, extra, audit) = try published(computed, requests: requests)
        let document = PublishedDocument(results: results, notebookTables: extra, audit: audit, suppression: suppression)
        let made = try files(document, results: results, audit: audit, draft: draft, others: others.value())
        // The document and the published results freed on another core while the files are written.
        ReleasedElsewhere.drop((consume document, consume results, consume audit))
        return made
    }

    /// The results and the notebooks' tables (`computed`, for `requests`) as published: through the
    /// disclosure pass, with its audit, or without suppression as they are (less the basis).
    private func published(
        _ computed: [TableResult], requests: [TableSpec]
    ) throws -> (results: AnalysisResults, extra: [TableResult], audit: DisclosureAudit?) {
        guard suppression else {
            var results = self.results
            results.basis = nil
            return (results, computed, nil)
        }
        var basis = self.results.basis
        if !requests.isEmpty, let computeBasis { basis = try computeBasis(requests) }
        let published = try DisclosurePass(minimumCount: self.results.minimumCount, suppressFullCells: self.results.suppressFullCells)
            .publish(self.results, extraTables: computed, basis: basis)
        return (published.results, published.extraTables, published.audit)
    }

    /// Formats the document into every file; `results` (published) give the JSON of the inputs'
    /// provenance only; `others` are the vocabularies of the other languages of ``Language/available``,
    /// with the study's labels, for the summaries in every language.
    ///
    /// The files are independent of each other but for `provenance.json`, which hashes them all: they
    /// are made on all cores (``ConcurrentMap``), the notebooks (which may read the store) on this
    /// thread, and put in a fixed order whatever the scheduling.
    private func files(
        _ document: PublishedDocument, results: AnalysisResults, audit: DisclosureAudit?, draft: ReportDraft?,
        others: [(Language, Vocabulary)]
    ) throws -> [(path: String, contents: String)] {
        typealias Files = [(path: String, contents: String)]
        let vocabulary = vocabulary
        let formatter = TableFormatter(vocabulary: vocabulary)
        let say = TextFormatter(vocabulary: vocabulary)
        // The disclosure statement, and after it the note on labels shown in another language (if any).
        @Sendable func opening(_ say: TextFormatter) -> String {
            let note = say(document.labelNote)
            return say(document.disclosure) + (note.isEmpty ? "" : "\n" + note)
        }
        let disclosure = opening(say)
        let header = "\(document.studyName). " + say(document.version) + "\n" + disclosure
        let summary = SummaryWriter(paragraphs: document.summary, vocabulary: vocabulary).summary()
        // Each table's blocks in the report's language, made once for the HTML, text and Markdown files.
        let blocks = ConcurrentMap.map(document.tables) { formatter.blocks($0) }
        // Each job makes files that follow each other in the report's order; the largest come first,
        // so that the cores finish together.
        let jobs: [@Sendable () throws -> Files] = [
            { [("report.html", HTMLReportWriter(document: document, vocabulary: vocabulary, summary: summary, tables: blocks).html())] },
            {
                let encoder = SortedJSONEncoder()
                var files: Files = []
                for table in document.tables {
                    files.append(("tables/\(table.id).csv", CSVFieldEscaping.csv(table.cells)))
                    if let tests = table.tests { files.append(("tables/\(table.id).tests.csv", CSVFieldEscaping.csv(tests))) }
                    files.append(("tables/\(table.id).json", String(decoding: try encoder.encode(table.result), as: UTF8.self) + "\n"))
                }
                return files
            },
            { [("tables.txt", header + "\n\n" + blocks.map { ReportBlock.rendered($0, style: .text) }.joined(separator: "\n\n"))] },
            {
                let title = "# \(say(.phrase(.tables, [:])))\n\n"
                return [("tables.md", title + header + "\n\n" + blocks.map { ReportBlock.rendered($0, style: .markdown) }.joined(separator: "\n"))]
            },
            {
                // The summary in every language, for co-authors who write in another.
                [("summary.txt", disclosure + "\n\n" + summary)] + Language.available.map { language in
                    let words = language == vocabulary.language ? vocabulary : others.first { $0.0 == language }!.1
                    let text = language == vocabulary.language ? summary : SummaryWriter(paragraphs: document.summary, vocabulary: words).summary()
                    return ("summary.\(language.rawValue).txt", opening(TextFormatter(vocabulary: words)) + "\n\n" + text)
                }
            },
            { [("reproduce.R", ReproductionScript.r(tables: document.tables.map(\.result), study: document.studyName))] },
            { audit.map { [("disclosure-audit.csv", $0.csv())] } ?? [] },
        ]
        // Each job's files written as it ends, while the others are still being made.
        let made = ConcurrentMap.map(jobs.indices) { index in
            Result {
                let files = try jobs[index]()
                draft?.add(files)
                return files
            }
        }
        ReleasedElsewhere.drop((consume jobs, consume blocks))
        let (html, tableFiles, text, markdown, summaries, script, auditFile) = (
            try made[0].get(), try made[1].get(), try made[2].get(), try made[3].get(), try made[4].get(), try made[5].get(),
            try made[6].get()
        )
        let notebookRenderer = NotebookRenderer(
            document: document, vocabulary: vocabulary, summary: disclosure + "\n\n" + summary,
            quotes: { code, limit in try quotes?(code, limit) })
        var notebookFiles: Files = []
        for notebook in notebooks {
            notebookFiles += try notebookRenderer.render(notebook).map { ("notebooks/" + $0.path, $0.contents) }
        }
        draft?.add(notebookFiles)
        let files = text + markdown + tableFiles + summaries + html + notebookFiles + script + auditFile
        return files + [("provenance.json", try ProvenanceWriter.json(results: results, outputs: files, sourceDateEpoch: sourceDateEpoch))]
    }

    /// Writes the report into `directory`: a new folder, an empty one, or one an earlier report of
    /// `analyze` wrote (its `provenance.json` lists what it wrote). The whole report replaces the earlier
    /// one at once (``ReportFolder``); a file the tool did not write is never touched.
    /// - Returns: the paths written, relative to `directory`.
    /// - Throws: ``ReportError/notAReportFolder(_:)`` for a folder with other files and no report.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try write(try files(), to: directory)
    }

    /// Writes `files` (``files()``, made beforehand) into `directory`, as ``write(to:)`` does.
    @discardableResult
    public func write(_ files: [(path: String, contents: String)], to directory: String) throws -> [String] {
        try ReportDraft(directory).finish(files)
    }
}

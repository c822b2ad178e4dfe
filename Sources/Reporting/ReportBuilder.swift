import Analysis
import Storage
import Foundation
import StudyModel

/// Builds every file of a report from analysis results, and writes them.
///
/// The files, relative to the report folder:
/// - `tables.txt`, `tables.md`: every table of the plan, in plan order;
/// - `tables/<id>.csv`, `tables/<id>.json`: each table as tidy CSV and as JSON;
/// - `tables/<id>.tests.csv`: the table's tests, one line per test;
/// - `summary.txt`: the plain-text summary in the report's language, and `summary.en.txt`,
///   `summary.ru.txt`, `summary.kk.txt` in each of the three;
/// - `report.html`: one self-contained page with the summary, SVG charts and every table;
/// - `notebooks/<name>.md` (and their charts as SVG): each notebook with its blocks answered;
/// - `provenance.json`: input and output SHA-256s, codebook and tool versions.
///
/// The same results give byte-identical files: no clock, no locale, no unordered iteration.
public struct ReportBuilder {
    public var results: AnalysisResults
    public var vocabulary: Vocabulary
    /// The value of `SOURCE_DATE_EPOCH`, if set: the only time a report may carry.
    public var sourceDateEpoch: String?
    /// Whether small counts are suppressed (the default; `--no-suppression` is for internal work).
    public var suppression: Bool
    /// Notebooks to render into `notebooks/`.
    public var notebooks: [Notebook] = []
    /// Computes a table a notebook asks for that the plan does not hold (unsuppressed; the builder
    /// suppresses it); `nil` when there is no store to compute from.
    public var computeTable: ((TableSpec) throws -> TableResult)? = nil
    /// Chooses quotable excerpts of a code for notebooks (see `StudyAnalysis.quotes`); `nil` without a store.
    public var quotes: ((String, Int) throws -> [Quote])? = nil

    /// - Parameters:
    ///   - results: the analysis results, unsuppressed.
    ///   - suppression: apply disclosure control (``DisclosureControl``) before anything is rendered.
    public init(
        results: AnalysisResults, language: Language = .en, sourceDateEpoch: String? = nil, suppression: Bool = true
    ) {
        self.results = suppression ? DisclosureControl(minimumCount: results.minimumCount).apply(to: results) : results
        vocabulary = Vocabulary(language: language)
        self.sourceDateEpoch = sourceDateEpoch
        self.suppression = suppression
    }

    /// Every file of the report, path and contents, in a fixed order.
    /// - Throws: ``ReportError`` for an invalid `SOURCE_DATE_EPOCH`; encoding errors.
    public func files() throws -> [(path: String, contents: String)] {
        let renderer = TableRenderer(vocabulary: vocabulary)
        let say = Phrasebook(language: vocabulary.language)
        let disclosure = disclosureStatement(in: vocabulary.language)
        let header = "\(results.study.name). " + say(.version, [
            "version": results.study.version, "codebook": results.study.codebookVersion, "tool": results.toolVersion,
        ]) + "\n" + disclosure
        var files: [(path: String, contents: String)] = []
        files.append(("tables.txt", header + "\n\n" + results.tables.map { renderer.render($0, style: .text) }.joined(separator: "\n\n")))
        files.append(("tables.md", "# Tables\n\n" + header + "\n\n" + results.tables.map { renderer.render($0, style: .markdown) }.joined(separator: "\n")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for table in results.tables {
            files.append(("tables/\(table.id).csv", TidyCSVWriter.csv(for: table)))
            if let tests = TestsCSVWriter.csv(for: table) { files.append(("tables/\(table.id).tests.csv", tests)) }
            files.append(("tables/\(table.id).json", String(decoding: try encoder.encode(table), as: UTF8.self) + "\n"))
        }
        let summary = SummaryWriter(results: results, vocabulary: vocabulary).summary()
        files.append(("summary.txt", disclosure + "\n\n" + summary))
        // The summary in every language, for co-authors who write in another.
        for language in Language.allCases {
            let text = SummaryWriter(results: results, vocabulary: Vocabulary(language: language)).summary()
            files.append(("summary.\(language.rawValue).txt", disclosureStatement(in: language) + "\n\n" + text))
        }
        files.append(("report.html", HTMLReportWriter(results: results, vocabulary: vocabulary, disclosure: disclosure, summary: summary).html()))
        let control = suppression ? DisclosureControl(minimumCount: results.minimumCount) : nil
        let notebookRenderer = NotebookRenderer(
            results: results, vocabulary: vocabulary, summary: disclosure + "\n\n" + summary,
            computeTable: { spec in
                guard let computeTable else { return nil }
                var single = results
                single.tables = [try computeTable(spec)]
                return (control?.apply(to: single) ?? single).tables[0]
            },
            quotes: { code, limit in try quotes?(code, limit) })
        for notebook in notebooks {
            files += try notebookRenderer.render(notebook).map { ("notebooks/" + $0.path, $0.contents) }
        }
        files.append(("provenance.json", try ProvenanceWriter.json(results: results, outputs: files, sourceDateEpoch: sourceDateEpoch)))
        return files
    }

    private func disclosureStatement(in language: Language) -> String {
        let say = Phrasebook(language: language)
        return suppression ? say(.disclosureOn, ["max": String(results.minimumCount - 1)]) : say(.disclosureOff)
    }

    /// Writes the report into `directory`, replacing the files of an earlier report there
    /// (`tables/` and `notebooks/` are emptied first, so nothing dropped from the plan lingers).
    /// - Returns: the paths written, relative to `directory`.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        let files = try files()
        let manager = FileManager.default
        let root = URL(fileURLWithPath: directory)
        for folder in ["tables", "notebooks"] {
            let url = root.appendingPathComponent(folder)
            if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
            try manager.createDirectory(at: url, withIntermediateDirectories: true)
        }
        for (path, contents) in files {
            try Data(contents.utf8).write(to: root.appendingPathComponent(path), options: .atomic)
        }
        return files.map(\.path)
    }
}

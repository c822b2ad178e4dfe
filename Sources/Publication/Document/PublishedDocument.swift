import Analysis
import StudyModel

/// Everything a report publishes, free of language and format, built once from the published results:
/// the study's header and disclosure statement, the plan's tables (with their records and charts), the
/// tables the notebooks ask for, and the summary's findings. The formatters of `Reporting` write it as
/// text, Markdown, CSV, JSON, HTML and notebooks, in any language; none of them decides what is shown.
public struct PublishedDocument: Sendable {
    /// The study's name, as `study.yml` gives it.
    public var studyName: String
    /// "Version 1.0.0; codebook 2.1; analyze 0.1.0."
    public var version: Text
    /// What disclosure control did (or that it was off), with the audit's line.
    public var disclosure: Text
    /// The note on code labels that fall back to another language (empty in a language every label has): it
    /// follows the disclosure statement wherever that opens a file.
    public var labelNote: Text
    /// The tables of the plan, in plan order.
    public var tables: [PublishedTable]
    /// Tables the notebooks ask for that the plan does not hold, published with the plan's.
    public var notebookTables: [PublishedTable]
    /// The summary's paragraphs (the first is its title).
    public var summary: [Text]
    /// The input files, for the report's provenance section.
    public var sourceFiles: [SourceFileRecord]
    /// The study's participants (published in every report's header).
    public var participants: Int

    /// The document of published results.
    /// - Parameters:
    ///   - results: the results as ``DisclosurePass`` published them (or unsuppressed, with
    ///     `suppression` off).
    ///   - notebookTables: the notebooks' extra tables, published with the plan's.
    ///   - audit: the disclosure audit, whose line the statement carries.
    public init(results: AnalysisResults, notebookTables: [TableResult] = [], audit: DisclosureAudit?, suppression: Bool) {
        studyName = results.study.name
        version = .phrase(.version, [
            "version": .plain(results.study.version), "codebook": .plain(results.study.codebookVersion),
            "tool": .plain(results.toolVersion),
        ])
        disclosure = Self.statement(results: results, audit: audit, suppression: suppression)
        tables = zip(results.plan, results.tables).map { PublishedTable($1, charts: $0.charts) }
        // A plan without specs (results of an older version) still lays out its tables.
        if results.plan.count < results.tables.count {
            tables += results.tables.dropFirst(results.plan.count).map { PublishedTable($0) }
        }
        self.notebookTables = notebookTables.map { PublishedTable($0) }
        labelNote = .labelFallback(Self.codeLabels(of: results.tables + notebookTables))
        summary = SummaryComposer(results: results).paragraphs()
        sourceFiles = results.sourceFiles
        participants = results.participants
    }

    /// The statement of disclosure control every summary and table file opens with. Only the report's
    /// own file (``disclosure``) adds the audit's line; ``statement(results:audit:suppression:)`` with no
    /// audit gives the statement alone.
    public static func statement(results: AnalysisResults, audit: DisclosureAudit?, suppression: Bool) -> Text {
        guard suppression else { return .phrase(.disclosureOff, [:]) }
        var text: Text = .phrase(.disclosureOn, [
            "max": "\(results.minimumCount - 1)", "k": "\(results.minimumCount)",
            "full": results.suppressFullCells ? .phrase(.fullCellsHidden, ["g": "\(2 * results.minimumCount)"]) : .empty,
        ])
        if let audit, let narrowest = audit.narrowest {
            text += .phrase(.auditLine, ["n": "\(audit.hiddenCounts)", "w": "\(narrowest)"])
        }
        return text
    }

    /// The label of every code the tables show, once each (by id), in the order first shown.
    static func codeLabels(of tables: [TableResult]) -> [LocalizedText] {
        var codes: [(id: String, label: LocalizedText)] = []
        func add(_ rows: [TableRow]) { codes += rows.filter { $0.kind == .code }.map { ($0.id, $0.label) } }
        for table in tables {
            switch table {
            case .crosstab(let crosstab): add(crosstab.rows)
            case .comparison(let comparison): add(comparison.rows.map(\.row))
            case .agreement(let agreement): codes += agreement.codes.map { ($0.code, $0.label) }
            case .jointDisplay(let display): add(display.rows.map(\.row))
            case .cooccurrence(let table): add(table.codes.map(\.row))
            case .survey: break
            }
        }
        var seen: Set<String> = []
        return codes.filter { seen.insert($0.id).inserted }.map(\.label)
    }

    /// The table of the plan or of a notebook with this id.
    public func table(_ id: String) -> PublishedTable? {
        tables.first { $0.id == id } ?? notebookTables.first { $0.id == id }
    }
}

import Analysis
import Foundation
import Publication
import StudyModel

/// An analysis notebook: Markdown prose with fenced `analyze` blocks that ask for a table, a chart or
/// the summary (format: `docs/formats.md`).
public struct Notebook: Sendable {
    /// The file name (`01-barriers.md`), which the rendered notebook keeps.
    public var name: String
    /// The path shown in problems.
    public var path: String
    public var text: String

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }

    /// The `.md` notebooks of a folder, in file-name order.
    /// - Throws: ``InputProblem`` when the folder or a notebook cannot be read.
    public static func load(from directory: String) throws(InputProblem) -> [Notebook] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw InputProblem(file: directory, message: "notebook folder not found")
        }
        var notebooks: [Notebook] = []
        for name in entries.filter({ $0.hasSuffix(".md") }).sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputProblem(file: path, message: "cannot read notebook (not UTF-8?)")
            }
            notebooks.append(Notebook(name: name, path: path, text: text))
        }
        return notebooks
    }
}

/// Renders notebooks: each fenced `analyze` block is replaced by what it asks for, so the narrative
/// and the numbers are rebuilt together. A block that asks for something unknown fails the build with
/// the notebook's file and line.
///
/// Blocks (one request per block):
/// - `table ID`: a table of the analysis plan, in Markdown, with its tests;
/// - `crosstab rows=ROWS columns=VAR[,VAR] [where VAR=LEVEL[,LEVEL]]`: a crosstab computed for the
///   notebook (ROWS: barriers, factor-categories, involvement-roles, activities);
/// - `chart ID`: the chart of a table (`barriers-by-country`, `barriers-fathers-vs-mothers`,
///   `barriers-by-role-within-country`, `intercoder-agreement`), written beside the notebook as SVG;
/// - `quotes CODE [N]`: up to N (3) excerpts of a code, only from participants who consented to be
///   quoted, each signed with a pseudonym, role and country, never the participant's id;
/// - `summary`: the plain-text summary.
struct NotebookRenderer {
    /// The published document; a notebook's crosstabs are among its ``PublishedDocument/notebookTables``
    /// (see ``crosstabRequests(in:)``).
    let document: PublishedDocument
    let vocabulary: Vocabulary
    let summary: String
    /// Chooses quotable excerpts of a code (consent, pseudonyms), or `nil` when the store cannot be read.
    let quotes: (String, Int) throws -> [Quote]?

    /// A notebook as it is read: prose lines and fenced `analyze` blocks, in order.
    enum Part {
        case prose(String)
        /// The block's request lines and the line its fence opens on.
        case block([String], line: Int)
    }

    /// The parts of a notebook.
    /// - Throws: ``InputProblem`` for a block that is never closed.
    static func parts(of notebook: Notebook) throws -> [Part] {
        var parts: [Part] = []
        var block: [String]?
        var blockLine = 0
        for (index, line) in notebook.text.components(separatedBy: "\n").enumerated() {
            if var lines = block {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    parts.append(.block(lines, line: blockLine))
                    block = nil
                } else {
                    lines.append(line)
                    block = lines
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```analyze" {
                block = []
                blockLine = index + 1
            } else {
                parts.append(.prose(line))
            }
        }
        if block != nil {
            throw InputProblem(file: notebook.path, line: blockLine, message: "analyze block is never closed with ```")
        }
        return parts
    }

    /// The crosstabs a notebook asks for, with the ids ``render(_:)`` looks them up by.
    /// - Throws: ``InputProblem`` for a crosstab request that cannot be read.
    static func crosstabRequests(in notebook: Notebook) throws -> [TableSpec] {
        let stem = String(notebook.name.dropLast(3))
        return try parts(of: notebook).compactMap { part -> TableSpec? in
            guard case .block(let lines, let line) = part else { return nil }
            let words = words(of: lines)
            guard words.first == "crosstab" else { return nil }
            let problem = { (message: String) in InputProblem(file: notebook.path, line: line, message: message) }
            return try crosstabSpec(words.dropFirst(), id: "\(stem)-\(line)", fail: problem)
        }
    }

    private static func words(of lines: [String]) -> [String] {
        let request = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return request.split(separator: " ").map(String.init)
    }

    /// The rendered notebook and the chart files it refers to, paths relative to `notebooks/`.
    func render(_ notebook: Notebook) throws -> [(path: String, contents: String)] {
        var output: [String] = []
        var files: [(path: String, contents: String)] = []
        let stem = String(notebook.name.dropLast(3))
        for part in try Self.parts(of: notebook) {
            switch part {
            case .prose(let line):
                output.append(line)
            case .block(let lines, let line):
                let (markdown, attachment) = try answer(lines, notebook: notebook, line: line, stem: stem, number: files.count + 1)
                output.append(markdown)
                if let attachment { files.append(attachment) }
            }
        }
        return [(notebook.name, output.joined(separator: "\n"))] + files
    }

    private func answer(
        _ lines: [String], notebook: Notebook, line: Int, stem: String, number: Int
    ) throws -> (String, (path: String, contents: String)?) {
        let words = Self.words(of: lines)
        let request = words.joined(separator: " ")
        func fail(_ message: String) -> InputProblem { InputProblem(file: notebook.path, line: line, message: message) }
        let renderer = TableFormatter(vocabulary: vocabulary)
        switch words.first {
        case "table" where words.count == 2:
            guard let table = document.tables.first(where: { $0.id == words[1] }) else {
                throw fail("unknown table '\(words[1])' (tables: \(document.tables.map(\.id).joined(separator: ", ")))")
            }
            return (renderer.render(table, style: .markdown), nil)
        case "crosstab":
            let spec = try Self.crosstabSpec(words.dropFirst(), id: "\(stem)-\(line)", fail: fail)
            guard let table = document.notebookTables.first(where: { $0.id == spec.id }) else {
                throw fail("the store cannot be read: run 'analyze ingest' first")
            }
            return (renderer.render(table, style: .markdown), nil)
        case "chart" where words.count == 2:
            // The chart its spec declares, so a renamed or added table keeps its chart.
            let charted = document.tables.filter { !$0.charts.isEmpty }
            guard let chart = charted.first(where: { $0.id == words[1] })?.charts.first else {
                throw fail("no chart for '\(words[1])' (charts: \(charted.map(\.id).joined(separator: ", ")))")
            }
            let svg = HTMLReportWriter.draw(chart, vocabulary: vocabulary)
            let file = "\(stem)-chart-\(number).svg"
            return ("![\(svg.caption)](\(file))\n\n*\(svg.caption)*", (file, svg.svg + "\n"))
        case "quotes" where words.count == 2 || words.count == 3:
            // The codes the plan's tables know.
            let codes = document.tables.flatMap { table -> [String] in
                guard case .crosstab(let crosstab) = table.result else { return [] }
                return crosstab.rows.filter { $0.kind == .code }.map(\.id)
            }
            guard codes.contains(words[1]) else { throw fail("unknown code '\(words[1])'") }
            let limit = words.count == 3 ? Int(words[2]) : 3
            guard let limit, limit > 0 else { throw fail("quotes: the number of quotes must be a positive whole number") }
            guard let chosen = try quotes(words[1], limit) else { throw fail("the store cannot be read: run 'analyze ingest' first") }
            guard !chosen.isEmpty else { return ("*No quotable excerpt (consent given) for this code.*", nil) }
            return (chosen.map { quote in
                let text = quote.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
                return text + "\n>\n> — \(quote.pseudonym), \(vocabulary.level(quote.role)), \(vocabulary.level(quote.country))"
                    + (quote.language.map { " (\($0))" } ?? "")
            }.joined(separator: "\n\n"), nil)
        case "summary" where words.count == 1:
            return ("```text\n" + summary.trimmingCharacters(in: .newlines) + "\n```", nil)
        default:
            throw fail("unknown request '\(request)' (use: table ID, crosstab rows=… columns=… [where …], chart ID, quotes CODE [N], summary)")
        }
    }

    private static func crosstabSpec(_ words: ArraySlice<String>, id: String, fail: (String) -> InputProblem) throws -> TableSpec {
        var rows: RowSet?
        var columns: [String] = []
        var filter: [String: [String]] = [:]
        var inWhere = false
        for word in words {
            if word == "where" {
                inWhere = true
                continue
            }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw fail("cannot read '\(word)': write key=value") }
            let values = parts[1].split(separator: ",").map(String.init)
            if inWhere {
                filter[parts[0]] = values
            } else if parts[0] == "rows" {
                guard let set = RowSet(rawValue: parts[1]), [.barriers, .factorCategories, .involvementRoles, .activities].contains(set) else {
                    throw fail("unknown rows '\(parts[1])' (barriers, factor-categories, involvement-roles, activities)")
                }
                rows = set
            } else if parts[0] == "columns" {
                columns = values
            } else {
                throw fail("unknown key '\(parts[0])' (rows, columns, where)")
            }
        }
        guard let rows else { throw fail("a crosstab needs rows=…") }
        return TableSpec(id: id, rows: rows, columns: columns, filter: filter.isEmpty ? nil : filter)
    }
}

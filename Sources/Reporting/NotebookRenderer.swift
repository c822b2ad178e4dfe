import Analysis
import Crypto
import Foundation
import Publication
import StudyModel

/// Renders notebooks: each fenced `analyze` block is replaced by what it asks for, and each inline
/// value in the prose by its published value, so the narrative and the numbers are rebuilt together.
/// A request that names nothing fails the build with the notebook's file and line.
///
/// Blocks (one request per block; any may carry `name=NAME`, which prose cites as
/// `` `analyze: ref NAME` `` and which names a crosstab's table):
/// - `table ID`: a table of the analysis plan, in Markdown, with its tests, numbered "Table N";
/// - `crosstab rows=ROWS columns=VAR[,VAR] [where VAR=LEVEL[,LEVEL]]`: a crosstab computed for the
///   notebook (ROWS: barriers, factor-categories, involvement-roles, activities), numbered "Table N"; its
///   table id is `NOTEBOOK-NAME`, or `NOTEBOOK-` and a hash of the request, so editing the prose around it
///   changes no id;
/// - `chart ID`: the chart of a table (`barriers-by-country`, `barriers-fathers-vs-mothers`,
///   `barriers-by-role-within-country`, `intercoder-agreement`), written beside the notebook as SVG,
///   numbered "Figure N"; `chart ID kind=grouped-bars|heat-map` draws any crosstab of the plan, or a
///   crosstab block of the notebook by its name, titled by its table;
/// - `quotes CODE [N]`: up to N (3) excerpts of a code, only from participants who consented to be
///   quoted, each signed with a pseudonym, role and country, never the participant's id;
/// - `summary`: the plain-text summary.
///
/// Inline values: `` `analyze: REQUEST` `` anywhere in the prose (``InlineValue``: `count`, `percent`,
/// `ci`, `base`, `p`, `rows`, `participants`, `coded-twice`), and `ref NAME` for a block's number.
struct NotebookRenderer {
    /// The published document; a notebook's crosstabs are among its ``PublishedDocument/notebookTables``
    /// (see ``crosstabRequests(in:)``).
    let document: PublishedDocument
    let vocabulary: Vocabulary
    let summary: String
    /// Chooses quotable excerpts of a code (consent, pseudonyms), or `nil` when the store cannot be read.
    let quotes: (String, Int) throws -> [Quote]?

    /// A notebook as it is read: prose lines and fenced `analyze` blocks, in order, with their lines.
    enum Part {
        case prose(String, line: Int)
        /// The block's request words (its `name=` taken out), its name, and the line its fence opens on.
        case block([String], name: String?, line: Int)
    }

    /// The parts of a notebook.
    /// - Throws: ``InputProblem`` for a block that is never closed, or a name given twice.
    static func parts(of notebook: Notebook) throws -> [Part] {
        var parts: [Part] = []
        var block: [String]?
        var blockLine = 0
        var names: Set<String> = []
        for (index, line) in notebook.text.components(separatedBy: "\n").enumerated() {
            if var lines = block {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    var words = words(of: lines)
                    let name = words.first { $0.hasPrefix("name=") }.map { String($0.dropFirst(5)) }
                    words.removeAll { $0.hasPrefix("name=") }
                    if let name {
                        guard name.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
                            throw InputProblem(file: notebook.path, line: blockLine, message: "name=\(name): a name is lower-case letters, digits and '-'")
                        }
                        guard names.insert(name).inserted else {
                            throw InputProblem(file: notebook.path, line: blockLine, message: "name=\(name): the notebook names another block so")
                        }
                    }
                    parts.append(.block(words, name: name, line: blockLine))
                    block = nil
                } else {
                    lines.append(line)
                    block = lines
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```analyze" {
                block = []
                blockLine = index + 1
            } else {
                parts.append(.prose(line, line: index + 1))
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
        var specs: [TableSpec] = []
        for part in try parts(of: notebook) {
            guard case .block(let words, let name, let line) = part, words.first == "crosstab" else { continue }
            let problem = { (message: String) in InputProblem(file: notebook.path, line: line, message: message) }
            let spec = try crosstabSpec(words.dropFirst(), id: crosstabID(words, name: name, stem: stem), fail: problem)
            // The same request twice is one table.
            if !specs.contains(where: { $0.id == spec.id }) { specs.append(spec) }
        }
        return specs
    }

    /// A crosstab's table id: the notebook's stem and the block's name, or a hash of its request, so
    /// that it does not depend on where in the notebook the block stands.
    static func crosstabID(_ words: [String], name: String?, stem: String) -> String {
        if let name { return "\(stem)-\(name)" }
        let digest = SHA256.hash(data: Data(words.joined(separator: " ").utf8))
        return "\(stem)-" + digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    private static func words(of lines: [String]) -> [String] {
        let request = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return request.split(separator: " ").map(String.init)
    }

    /// The number of each numbered block, tables and figures apart ("Table 2", "Figure 1"), by its name
    /// (unnamed blocks are numbered too, so the numbers follow the notebook's order).
    private func numbers(_ parts: [Part]) -> (byLine: [Int: Text], byName: [String: Text]) {
        var tables = 0, figures = 0
        var byLine: [Int: Text] = [:], byName: [String: Text] = [:]
        for case .block(let words, let name, let line) in parts {
            let number: Text
            switch words.first {
            case "table", "crosstab":
                tables += 1
                number = .phrase(.tableNumber, ["n": "\(tables)"])
            case "chart":
                figures += 1
                number = .phrase(.figureNumber, ["n": "\(figures)"])
            default: continue
            }
            byLine[line] = number
            if let name { byName[name] = number }
        }
        return (byLine, byName)
    }

    /// The rendered notebook and the chart files it refers to, paths relative to `notebooks/`.
    func render(_ notebook: Notebook) throws -> [(path: String, contents: String)] {
        var output: [String] = []
        var files: [(path: String, contents: String)] = []
        let stem = String(notebook.name.dropLast(3))
        let parts = try Self.parts(of: notebook)
        let numbers = numbers(parts)
        let say = TextFormatter(vocabulary: vocabulary)
        var page: [NotebookPage.Part] = []
        for part in parts {
            switch part {
            case .prose(let text, let line):
                let filled = try inlineValues(text, notebook: notebook, line: line, references: numbers.byName)
                output.append(filled)
                page.append(.prose(filled))
            case .block(let words, let name, let line):
                let number = numbers.byLine[line].map { say($0) }
                let (markdown, html, attachment) = try answer(
                    words, name: name, notebook: notebook, line: line, stem: stem, number: files.count + 1,
                    figureNumber: words.first == "chart" ? number : nil)
                // Tables are numbered above, figures in their caption.
                let numbered = words.first == "chart" ? nil : number
                output.append((numbered.map { "**\($0).**\n\n" } ?? "") + markdown)
                page.append(.html((numbered.map { "<p><strong>\(HTMLEscaping.escape($0)).</strong></p>\n" } ?? "")
                    + (html ?? NotebookPage.markdown(markdown.components(separatedBy: "\n")))))
                if let attachment { files.append(attachment) }
            }
        }
        let title = parts.lazy.compactMap { part -> String? in
            guard case .prose(let text, _) = part, text.hasPrefix("# ") else { return nil }
            return String(text.dropFirst(2))
        }.first ?? stem
        let html = NotebookPage(title: title, language: vocabulary.language.rawValue, parts: page).html()
        return [(notebook.name, output.joined(separator: "\n")), (stem + ".html", html)] + files
    }

    /// A prose line with every `` `analyze: REQUEST` `` replaced by its value.
    private func inlineValues(_ text: String, notebook: Notebook, line: Int, references: [String: Text]) throws -> String {
        let say = TextFormatter(vocabulary: vocabulary)
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "`analyze:") {
            guard let end = rest[start.upperBound...].firstIndex(of: "`") else {
                throw InputProblem(file: notebook.path, line: line, message: "inline value is never closed with `")
            }
            result += rest[..<start.lowerBound]
            let words = rest[start.upperBound..<end].split(separator: " ").map(String.init)
            if words.first == "ref" {
                guard words.count == 2, let number = references[words[1]] else {
                    let known = references.keys.sorted().joined(separator: ", ")
                    throw InputProblem(file: notebook.path, line: line, message: "ref \(words.dropFirst().joined(separator: " ")): no block has that name (names: \(known))")
                }
                result += say(number)
            } else {
                do {
                    result += say(try InlineValue.text(words, in: document))
                } catch {
                    throw InputProblem(file: notebook.path, line: line, message: "analyze: \(words.joined(separator: " ")): \(error.message)")
                }
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    private func answer(
        _ words: [String], name: String?, notebook: Notebook, line: Int, stem: String, number: Int, figureNumber: String?
    ) throws -> (markdown: String, html: String?, attachment: (path: String, contents: String)?) {
        let request = words.joined(separator: " ")
        func fail(_ message: String) -> InputProblem { InputProblem(file: notebook.path, line: line, message: message) }
        let renderer = TableFormatter(vocabulary: vocabulary)
        switch words.first {
        case "table" where words.count == 2:
            guard let table = document.tables.first(where: { $0.id == words[1] }) else {
                throw fail("unknown table '\(words[1])' (tables: \(document.tables.map(\.id).joined(separator: ", ")))")
            }
            return (renderer.render(table, style: .markdown), renderer.render(table, style: .html), nil)
        case "crosstab":
            let spec = try Self.crosstabSpec(words.dropFirst(), id: Self.crosstabID(words, name: name, stem: stem), fail: fail)
            guard let table = document.notebookTables.first(where: { $0.id == spec.id }) else {
                throw fail("the store cannot be read: run 'analyze ingest' first")
            }
            return (renderer.render(table, style: .markdown), renderer.render(table, style: .html), nil)
        case "chart" where words.count == 2 || (words.count == 3 && words[2].hasPrefix("kind=")):
            let chart: ChartFigure
            if words.count == 3 {
                // Any table of the plan, or a crosstab this notebook names, drawn as the kind asked for.
                let kinds = [ChartKind.groupedBars, .heatMap, .pairedBars, .agreementBars]
                guard let kind = ChartKind(rawValue: String(words[2].dropFirst(5))), kinds.contains(kind) else {
                    throw fail("unknown chart kind '\(words[2].dropFirst(5))' (\(kinds.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let table = document.table(words[1]) ?? document.table("\(stem)-\(words[1])") else {
                    throw fail("unknown table '\(words[1])' (a table of the plan, or the name= of a crosstab block of this notebook)")
                }
                guard var figure = ChartLayout.figure(kind, of: table.result) else {
                    throw fail("'\(words[1])' cannot be drawn as \(kind.rawValue) (grouped-bars and heat-map draw crosstabs, paired-bars comparisons, agreement-bars agreement)")
                }
                // Titled by its table, whatever its rows and columns; a chart of shares (a crosstab's or a
                // comparison's) says so, another (co-occurrence, agreement) keeps its own caption.
                figure.title = table.title
                switch table.result {
                case .crosstab, .comparison: figure.caption = .phrase(.captionOfTable, ["title": table.title])
                default: break
                }
                chart = figure
            } else {
                // The chart its spec declares, so a renamed or added table keeps its chart.
                let charted = document.tables.filter { !$0.charts.isEmpty }
                guard let declared = charted.first(where: { $0.id == words[1] })?.charts.first else {
                    throw fail("no chart for '\(words[1])' (charts: \(charted.map(\.id).joined(separator: ", ")); any crosstab: chart ID kind=grouped-bars|heat-map)")
                }
                chart = declared
            }
            let svg = HTMLReportWriter.draw(chart, vocabulary: vocabulary)
            let file = "\(stem)-chart-\(number).svg"
            let number = figureNumber.map { $0 + ". " } ?? ""
            let html = "<figure>\n\(svg.svg)\n<figcaption>\(HTMLEscaping.escape(number + svg.caption))</figcaption>\n</figure>"
            return ("![\(svg.caption)](\(file))\n\n*\(number)\(svg.caption)*", html, (file, svg.svg + "\n"))
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
            guard !chosen.isEmpty else { return ("*No quotable excerpt (consent given) for this code.*", nil, nil) }
            return (chosen.map { quote in
                let text = quote.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
                return text + "\n>\n> — \(quote.pseudonym), \(vocabulary.singular(quote.role)), \(vocabulary.level(quote.country))"
                    + (quote.language.map { " (\($0))" } ?? "")
            }.joined(separator: "\n\n"), nil, nil)
        case "summary" where words.count == 1:
            let text = summary.trimmingCharacters(in: .newlines)
            return ("```text\n" + text + "\n```", "<pre>" + HTMLEscaping.escape(text) + "</pre>", nil)
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

import Analysis
import Foundation
import Publication
import StudyModel

/// Writes `report.html`: one self-contained page (no script, font or image from outside; the charts are
/// inline SVG) with the study's description, the summary, charts, every table of the plan with its tests,
/// and the provenance of the inputs. It prints cleanly (print stylesheet), and opens from a USB stick.
struct HTMLReportWriter {
    let document: PublishedDocument
    let vocabulary: Vocabulary
    /// The summary as the report's language writes it.
    let summary: String
    /// The blocks of each of the document's tables, in order (``TableFormatter/blocks(_:)``).
    let tables: [[ReportBlock]]

    func html() -> String {
        let say = TextFormatter(vocabulary: vocabulary)
        let name = HTMLEscaping.escape(document.studyName)
        var body = "<header>\n<h1>\(name)</h1>\n<p>\(HTMLEscaping.escape(say(document.version)))</p>\n"
            + "<p class=\"disclosure\">\(HTMLEscaping.escape(say(document.disclosure)))</p>\n"
            + (say(document.labelNote).isEmpty ? "" : "<p class=\"labels\">\(HTMLEscaping.escape(say(document.labelNote)))</p>\n")
            + "</header>\n"
        body += "<nav>\n<h2>\(say(.contents))</h2>\n<ol>\n<li><a href=\"#summary\">\(say(.summary))</a></li>\n"
            + "<li><a href=\"#charts\">\(say(.charts))</a></li>\n"
        body += document.tables.map { table in
            "<li><a href=\"#\(HTMLEscaping.escape(table.id))\">\(HTMLEscaping.escape(say(table.title)))</a></li>"
        }.joined(separator: "\n")
        body += "\n<li><a href=\"#provenance\">\(say(.provenance))</a></li>\n</ol>\n</nav>\n"
        body += "<section id=\"summary\">\n<h2>\(say(.summary))</h2>\n"
        // The summary's first line repeats the page's title.
        for paragraph in PlainScalars.paragraphs(summary).dropFirst() where !paragraph.isEmpty {
            body += "<p>\(HTMLEscaping.escape(ASCIIReplacement.replacing("\n", with: " ", in: paragraph)))</p>\n"
        }
        body += "</section>\n<section id=\"charts\">\n<h2>\(say(.charts))</h2>\n" + charts() + "</section>\n"
        body += "<section id=\"tables\">\n<h2>\(say(.tables))</h2>\n"
        body += tables.map { ReportBlock.rendered($0, style: .html) }.joined()
        body += "</section>\n" + provenance()
        return """
            <!DOCTYPE html>
            <html lang="\(vocabulary.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(name)</title>
            <style>
            \(Self.stylesheet)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    // MARK: - Charts

    private func charts() -> String {
        document.tables.flatMap(\.charts).map { chart in
            let (svg, caption) = Self.draw(chart, vocabulary: vocabulary)
            return figure(svg, caption: caption)
        }.joined(separator: "\n") + "\n"
    }

    /// A figure's SVG and its caption, in the vocabulary's language.
    static func draw(_ figure: ChartFigure, vocabulary: Vocabulary) -> (svg: String, caption: String) {
        (SVGChart.draw(figure, vocabulary: vocabulary), vocabulary.decimals(TextFormatter(vocabulary: vocabulary)(figure.caption)))
    }

    private func figure(_ svg: String, caption: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(HTMLEscaping.escape(caption))</figcaption>\n</figure>"
    }

    private func provenance() -> String {
        let say = TextFormatter(vocabulary: vocabulary)
        var out = "<section id=\"provenance\">\n<h2>\(say(.provenance))</h2>\n<table>\n<caption>\(say(.inputs))</caption>\n"
            + "<thead><tr><th scope=\"col\">\(say(.inputFile))</th><th scope=\"col\">\(say(.inputKind))</th>"
            + "<th scope=\"col\">\(say(.inputRecords))</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
        for file in document.sourceFiles {
            out += "<tr><th scope=\"row\">\(HTMLEscaping.escape(file.path))</th><td>\(HTMLEscaping.escape(file.kind))</td>"
                + "<td>\(file.recordCount)</td><td><code>\(file.sha256)</code></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static let stylesheet = """
        :root { color-scheme: light; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 14px; line-height: 1.45; color: #1a1a1a; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; }
        h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #1b6ca8; padding-bottom: 0.2rem; margin-top: 2.2rem; }
        h3 { margin-top: 1.8rem; } p.id { color: #555; font-size: 0.85rem; margin-top: -0.6rem; }
        p.disclosure { background: #fff4e5; border-left: 4px solid #e07b39; padding: 0.5rem 0.8rem; }
        nav ol { columns: 2; } a { color: #1b6ca8; }
        table { border-collapse: collapse; margin: 0.8rem 0 1.2rem; font-size: 0.82rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.45rem; } td { text-align: right; white-space: nowrap; }
        thead th { background: #eef3f8; } tbody th { text-align: left; font-weight: normal; } tbody th.indent { padding-left: 1.4rem; }
        figure { margin: 1rem 0 2rem; overflow-x: auto; } figcaption { font-size: 0.85rem; color: #333; max-width: 900px; }
        svg.chart { font-family: inherit; } svg .label { font-size: 11px; fill: #1a1a1a; } svg .legend { font-size: 11px; fill: #1a1a1a; }
        svg .tick { font-size: 10px; fill: #555; } svg .cell { font-size: 10px; } svg .hidden { font-size: 10px; fill: #777; }
        svg .heading { font-size: 12px; font-weight: bold; fill: #1a1a1a; }
        svg .grid { stroke: #e3e3e3; stroke-width: 1; } svg .whisker { stroke: #1a1a1a; stroke-width: 1.2; }
        svg .threshold { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 4 3; }
        section.table { break-inside: auto; overflow-x: auto; }
        @page { size: A4; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 9pt; } nav { display: none; }
          h2 { break-before: page; } h2:first-of-type { break-before: auto; }
          figure { break-inside: avoid; } a { color: inherit; text-decoration: none; }
          svg.chart { max-width: 100%; height: auto; }
          section.table { overflow: visible; } table { font-size: 6.5pt; }
          table.wide { zoom: 0.55; } table.wider { zoom: 0.4; }
        }
        """
}

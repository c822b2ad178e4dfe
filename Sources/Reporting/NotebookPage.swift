import Foundation

/// A rendered notebook as one self-contained HTML page (the report's stylesheet, charts as inline SVG,
/// nothing from outside), beside its Markdown: the prose converted from the Markdown the notebooks use
/// (headings, paragraphs, block quotes, lists, `**strong**`, `*emphasis*`, `` `code` ``, links), the
/// blocks as the report draws them.
struct NotebookPage {
    /// One part of the page: prose lines (Markdown, inline values already filled in) or a block's HTML.
    enum Part {
        case prose(String)
        case html(String)
    }

    let title: String
    let language: String
    let parts: [Part]

    func html() -> String {
        var body = ""
        var prose: [String] = []
        func flush() {
            body += Self.markdown(prose)
            prose.removeAll()
        }
        for part in parts {
            switch part {
            case .prose(let line): prose.append(line)
            case .html(let html):
                flush()
                body += html + "\n"
            }
        }
        flush()
        return """
            <!DOCTYPE html>
            <html lang="\(language)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.escape(title))</title>
            <style>
            \(HTMLReportWriter.stylesheet)
            </style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    /// HTML of Markdown prose: ATX headings, paragraphs (lines joined), block quotes, `-` and `*` lists.
    static func markdown(_ lines: [String]) -> String {
        var out = ""
        var paragraph: [String] = []
        var quote: [String] = []
        var list: [String] = []
        func close() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            if !quote.isEmpty { out += "<blockquote>" + markdown(quote).trimmingCharacters(in: .newlines) + "</blockquote>\n" }
            if !list.isEmpty { out += "<ul>\n" + list.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n" }
            paragraph = []
            quote = []
            list = []
        }
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                close()
            } else if line.hasPrefix(">") {
                if quote.isEmpty { close() }
                quote.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if let level = heading(line) {
                close()
                out += "<h\(level)>" + inline(String(line.dropFirst(level)).trimmingCharacters(in: .whitespaces)) + "</h\(level)>\n"
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if list.isEmpty { close() }
                list.append(String(line.dropFirst(2)))
            } else {
                if !quote.isEmpty || !list.isEmpty { close() }
                paragraph.append(line)
            }
        }
        close()
        return out
    }

    private static func heading(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        return (1...6).contains(hashes) && line.dropFirst(hashes).first == " " ? hashes : nil
    }

    /// Inline Markdown: code spans first (their text stays literal), then links, strong, emphasis.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "`"), let close = rest[rest.index(after: open)...].firstIndex(of: "`") {
            out += emphasis(String(rest[..<open]))
            out += "<code>" + HTMLEscaping.escape(String(rest[rest.index(after: open)..<close])) + "</code>"
            rest = rest[rest.index(after: close)...]
        }
        return out + emphasis(String(rest))
    }

    private static func emphasis(_ text: String) -> String {
        var html = HTMLEscaping.escape(text)
        func replace(_ pattern: String, _ template: String) {
            html = html.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        replace(#"\[([^\]]+)\]\(([^)\s]+)\)"#, "<a href=\"$2\">$1</a>")
        replace(#"\*\*([^*]+)\*\*"#, "<strong>$1</strong>")
        replace(#"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])"#, "<em>$1</em>")
        return html
    }
}

import StudyModel

/// Writes a ``Codebook`` as a REFI-QDA codebook (`.qdc`, namespace `urn:QDA-XML:codebook:1.0`) in the
/// layout of ``QDCLayout``: the file opens in NVivo, MAXQDA, ATLAS.ti and QualCoder, validates against
/// the REFI-QDA Codebook XSD, and is byte-identical for the same codebook.
public enum QDCCodebookWriter {
    /// The whole document, UTF-8 text ending in a newline.
    /// - Complexity: O(n²) in the number of codes (children are found by scanning), trivial for a codebook.
    public static func document(for codebook: Codebook) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<CodeBook xmlns=\"\(QDCLayout.namespace)\" origin=\"\(attribute(QDCLayout.originPrefix + codebook.version + ")"))\">\n"
        out += codes(of: codebook, indent: "  ")
        out += "</CodeBook>\n"
        return out
    }

    /// The `<Codes>` element of the tree (the same in a codebook and in a project), each line starting with
    /// `indent`.
    static func codes(of codebook: Codebook, indent base: String) -> String {
        var out = "\(base)<Codes>\n"
        // Runs of codes of one category, in codebook order.
        var runs: [(category: CodeCategory, codes: [Code])] = []
        for code in codebook.codes {
            if runs.last?.category == code.category { runs[runs.count - 1].codes.append(code) } else { runs.append((code.category, [code])) }
        }
        var runCount: [CodeCategory: Int] = [:]
        for (category, codes) in runs {
            runCount[category, default: 0] += 1
            let run = runCount[category]!
            let groupName = "urn:analyze:group:" + category.rawValue + (run > 1 ? "#\(run)" : "")
            out += "\(base)  <Code guid=\"\(NameBasedUUID.make(name: groupName))\" name=\"\(category.rawValue)\" isCodable=\"false\">\n"
            // Nest children under their parent only when depth-first order is the codebook's order.
            let ids = Set(codes.map(\.id))
            let roots = codes.filter { $0.parent.map { !ids.contains($0) } ?? true }
            var nestedOrder: [String] = []
            func visit(_ code: Code) {
                nestedOrder.append(code.id)
                for child in codes where child.parent == code.id { visit(child) }
            }
            roots.forEach(visit)
            let nests = nestedOrder == codes.map(\.id)
            for code in nests ? roots : codes {
                write(code, among: nests ? codes : [], indent: base + "    ", nestedIn: nil, into: &out)
            }
            out += "\(base)  </Code>\n"
        }
        out += "\(base)</Codes>\n"
        return out
    }

    private static func write(_ code: Code, among codes: [Code], indent: String, nestedIn: String?, into out: inout String) {
        out += "\(indent)<Code guid=\"\(QDCLayout.codeGUID(code.id))\" name=\"\(attribute(code.label.texts["en"] ?? code.id))\" isCodable=\"true\">\n"
        out += "\(indent)  <Description>\(text(description(of: code, nestedIn: nestedIn)))</Description>\n"
        for child in codes where child.parent == code.id {
            write(child, among: codes, indent: indent + "  ", nestedIn: code.id, into: &out)
        }
        out += "\(indent)</Code>\n"
    }

    /// The description followed by the metadata lines of ``QDCLayout``.
    static func description(of code: Code, nestedIn: String?) -> String {
        var lines = ["id: \(code.id)"]
        if let factor = code.factor { lines.append("factor: \(factor.rawValue)") }
        if let type = code.type { lines.append("type: \(type.rawValue)") }
        for (language, label) in code.label.texts.sorted(by: { $0.key < $1.key }) where language != "en" {
            lines.append("label.\(language): \(oneLine(label))")
        }
        if let source = code.source { lines.append("source: \(oneLine(source))") }
        for alias in code.aliases ?? [] { lines.append("alias: \(oneLine(alias))") }
        if let parent = code.parent, parent != nestedIn { lines.append("parent: \(parent)") }
        let metadata = lines.joined(separator: "\n")
        return code.description.isEmpty ? metadata : code.description + "\n\n" + metadata
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Escapes an attribute value (quotes, and line ends and tabs, which attribute normalisation would
    /// otherwise turn into spaces).
    static func attribute(_ value: String) -> String {
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escapes element text.
    static func text(_ value: String) -> String {
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

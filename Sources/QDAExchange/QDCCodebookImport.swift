import Foundation
import StudyModel

/// Turns a REFI-QDA codebook into the study's ``Codebook``, reading the layout of ``QDCLayout``: what
/// `analyze export codebook` writes comes back unchanged.
///
/// A codebook from another tool works when its tree has the category groups (a top-level group named
/// `barrier`, `involvement_role` or `activity`, plurals and any case accepted; factor groups under
/// barriers, `formal`/`informal` under activities). A code's id is its description's `id:` line, or else
/// its name in lowercase with every run of other characters turned into `_` (`Busy job` → `busy_job`);
/// a name with letters outside a–z (Cyrillic) needs an `id:` line, or a code map from the segments'
/// source. Its English label is its name; other languages come from `label.<language>:` lines.
public enum QDCCodebookImport {
    /// - Parameter file: the path named in problems.
    /// - Throws: ``InputProblems`` with the line and XML path of each code that cannot be placed.
    public static func codebook(from qdc: QDCCodebook, file: String) throws(InputProblems) -> Codebook {
        var problems: [InputProblem] = []
        var codes: [Code] = []
        func complain(_ code: QDCCode, _ message: String) {
            problems.append(InputProblem(file: file, line: code.line, message: "\(code.xmlPath): \(message)"))
        }
        func visit(_ node: QDCCode, category: CodeCategory?, factor: FactorCategory?, type: ActivityType?, parent: String?) {
            var category = category, factor = factor, type = type
            if !node.isCodable || node.description == nil {
                // A group: a category at the top, a factor or a type below.
                let key = groupKey(node.name)
                if category == nil, let named = CodeCategory.allCases.first(where: { groupKey($0.rawValue) == key || groupKey($0.rawValue) + "s" == key || (($0 == .activity) && key == "activities") }) {
                    category = named
                    for child in node.children { visit(child, category: category, factor: nil, type: nil, parent: nil) }
                    return
                }
                if category == .barrier, factor == nil, let named = FactorCategory.allCases.first(where: { groupKey($0.rawValue) == key }) {
                    for child in node.children { visit(child, category: category, factor: named, type: nil, parent: nil) }
                    return
                }
                if category == .activity, type == nil, let named = ActivityType.allCases.first(where: { groupKey($0.rawValue) == key }) {
                    for child in node.children { visit(child, category: category, factor: nil, type: named, parent: nil) }
                    return
                }
                if !node.isCodable {
                    complain(node, "group '\(node.name)' is not a category (barrier, involvement_role, activity), a barrier's factor or an activity's type")
                    return
                }
            }
            guard let category else {
                complain(node, "code '\(node.name)' is not inside a category group (barrier, involvement_role, activity)")
                return
            }
            let (text, metadata) = splitDescription(node.description ?? "")
            guard let id = metadata["id"]?.first ?? slug(node.name) else {
                complain(node, "code '\(node.name)' needs an id: add a line 'id: …' to its description")
                return
            }
            var labels = ["en": node.name]
            for (key, values) in metadata where key.hasPrefix("label.") { labels[String(key.dropFirst("label.".count))] = values.first }
            if let named = metadata["factor"]?.first {
                guard let value = FactorCategory(rawValue: named) else {
                    complain(node, "factor '\(named)' is not one of: \(FactorCategory.allCases.map(\.rawValue).joined(separator: ", "))")
                    return
                }
                factor = value
            }
            if let named = metadata["type"]?.first {
                guard let value = ActivityType(rawValue: named) else {
                    complain(node, "type '\(named)' is not one of: \(ActivityType.allCases.map(\.rawValue).joined(separator: ", "))")
                    return
                }
                type = value
            }
            codes.append(Code(
                id: id, category: category, factor: factor, type: type, parent: metadata["parent"]?.first ?? parent,
                label: LocalizedText(labels), description: text, source: metadata["source"]?.first,
                aliases: metadata["alias"]))
            for child in node.children { visit(child, category: category, factor: factor, type: type, parent: id) }
        }
        for node in qdc.codes { visit(node, category: nil, factor: nil, type: nil, parent: nil) }
        guard problems.isEmpty else { throw InputProblems(problems) }
        var version = "unversioned"
        if let origin = qdc.origin, origin.hasPrefix(QDCLayout.originPrefix), origin.hasSuffix(")") {
            version = String(origin.dropFirst(QDCLayout.originPrefix.count).dropLast())
        }
        return try Codebook(version: version, codes: codes, file: file)
    }

    /// A group's name compared loosely: lowercase, spaces and hyphens as `_`.
    static func groupKey(_ name: String) -> String {
        String(name.lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }

    /// `Busy job` → `busy_job`; `nil` when the name has letters outside a–z or nothing left.
    static func slug(_ name: String) -> String? {
        var out = ""
        var pendingSeparator = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingSeparator, !out.isEmpty { out += "_" }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic {
                return nil
            } else {
                pendingSeparator = true
            }
        }
        return out.isEmpty ? nil : out
    }

    /// The description text and the metadata lines of its last paragraph (when every line of it is a
    /// known `key: value`).
    static func splitDescription(_ description: String) -> (text: String, metadata: [String: [String]]) {
        let normalized = description.replacingOccurrences(of: "\r\n", with: "\n")
        let paragraphs = normalized.components(separatedBy: "\n\n")
        guard let last = paragraphs.last else { return (description, [:]) }
        var metadata: [String: [String]] = [:]
        for line in last.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else { return (description, [:]) }
            let key = String(line[..<colon])
            let base = key.hasPrefix("label.") ? "label" : key
            guard QDCLayout.metadataKeys.contains(base), line[line.index(after: colon)...].hasPrefix(" ") else {
                return (description, [:])
            }
            metadata[key, default: []].append(String(line[line.index(colon, offsetBy: 2)...]))
        }
        return (paragraphs.dropLast().joined(separator: "\n\n"), metadata)
    }
}

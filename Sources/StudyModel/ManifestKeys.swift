import Foundation
import Yams

/// The keys `study.yml` knows, checked before it is read: a misspelt setting (`disclosure:
/// {minimun_count: 10}`) is an error with its line and column and the key meant, never a silent
/// default that would publish what the researcher meant to hide.
enum ManifestKeys {
    /// Known keys by section (`""`: the top level).
    static let known: [String: [String]] = [
        "": ["name", "version", "codebook", "levels", "sources", "coding", "analysis", "disclosure", "quotes", "publication"],
        "levels": ["country", "role"],
        "coding": ["analysed_coders", "agreement_threshold", "coverage"],
        "analysis": ["tables", "minimum_base"],
        "disclosure": ["minimum_count", "full_cells"],
        "quotes": ["consent_attribute", "consent_values", "pseudonym_key"],
        "publication": ["groups", "labels", "locatives", "sentence_labels", "singular_labels", "untested"],
        // Entries of lists, and mappings inside them.
        "sources[]": ["file", "kind", "instrument", "codebook", "code_map", "coder", "documents", "unmapped", "dialect", "line_ends", "offsets"],
        "sources[].dialect": ["delimiter", "encoding"],
        "analysis.tables[]": ["id", "rows", "columns", "where", "compare", "charts", "findings", "ordered", "of"],
        "analysis.tables[].compare": ["variable", "groups", "within"],
    ]

    /// The problems of unknown keys in the manifest's text (empty when every key is known, or when the
    /// text does not parse: the decoder reports that). `tree`: the text's node tree as ``YAMLFile``
    /// parsed it, if it did: the keys, marks and shape of Yams's `compose(yaml:)`, whose parse it is with
    /// a resolver of fewer rules, so that only tags differ, and only a complex key's name (a mapping's:
    /// Yams's `Node.string` of one with a `=` key) depends on a tag; a tree with one is composed again.
    /// Composing the text again (Yams's full resolver: seven regular expressions compiled, and matched
    /// against every key) was a third of reading the manifest.
    static func problems(in text: String, tree: Node? = nil, path: String) -> [InputProblem] {
        let reused = tree.flatMap { holdsComplexKey($0) ? nil : $0 }
        guard let root = reused ?? (try? Yams.compose(yaml: text)), let top = root.mapping else { return [] }
        var problems: [InputProblem] = []
        func check(_ mapping: Node.Mapping, section: String) {
            let known = Self.known[section] ?? []
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let place = section.isEmpty ? name : "\(section).\(name)"
                if !known.contains(name) {
                    let suggestion = nearest(name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                    problems.append(InputProblem(
                        file: path, line: key.mark?.line ?? 0, column: key.mark?.column,
                        message: "\(place): unknown setting\(suggestion); known: \(known.joined(separator: ", "))"))
                } else if let inner = value.mapping, Self.known[place] != nil {
                    check(inner, section: place)
                } else if let list = value.sequence, Self.known[place + "[]"] != nil {
                    // A list entry may also be a plain value (a default table's id).
                    for entry in list { if let inner = entry.mapping { check(inner, section: place + "[]") } }
                }
            }
        }
        check(top, section: "")
        return problems
    }

    /// Whether a mapping of `node` has a key that is not a scalar.
    static func holdsComplexKey(_ node: Node) -> Bool {
        switch node {
        case .mapping(let mapping): mapping.contains { pair in pair.key.scalar == nil || holdsComplexKey(pair.value) }
        case .sequence(let sequence): sequence.contains(where: holdsComplexKey)
        case .scalar, .alias: false
        }
    }

    /// The line and column of the setting at `path` (`["coding", "agreement_threshold"]`; an index for a
    /// list entry: `["analysis", "tables", "2"]`), or of the nearest of its parents that is there.
    static func place(of path: [String], in text: String) -> (line: Int, column: Int)? {
        guard let root = try? Yams.compose(yaml: text) else { return nil }
        var node = root
        var found: Mark?
        for component in path {
            if let mapping = node.mapping, let (key, value) = mapping.first(where: { $0.key.string == component }) {
                found = key.mark
                node = value
            } else if let list = node.sequence, let index = Int(component), index < list.count {
                node = list[list.index(list.startIndex, offsetBy: index)]
                found = node.mark ?? found
            } else {
                break
            }
        }
        return found.map { ($0.line, $0.column) }
    }

    /// The line and column of the `analysis.tables` entry with this id (a mapping's `id`, or a default
    /// table named by its id alone).
    static func place(ofTable id: String, in text: String) -> (line: Int, column: Int)? {
        guard let tables = (try? Yams.compose(yaml: text))?.mapping?["analysis"]?.mapping?["tables"]?.sequence else { return nil }
        for entry in tables {
            if let key = entry.mapping?.first(where: { $0.key.string == "id" && $0.value.string == id })?.key, let mark = key.mark {
                return (mark.line, mark.column)
            }
            if entry.string == id, let mark = entry.mark { return (mark.line, mark.column) }
        }
        return nil
    }

    /// The known key within two edits of `name`, if one is.
    static func nearest(_ name: String, in known: [String]) -> String? {
        known.map { ($0, distance(Array(name), Array($0))) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

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
        "coding": ["analysed_coders", "agreement_threshold"],
        "analysis": ["tables", "minimum_base"],
        "disclosure": ["minimum_count", "full_cells"],
        "quotes": ["consent_attribute", "consent_values", "pseudonym_key"],
        "publication": ["groups", "labels", "locatives", "sentence_labels", "untested"],
    ]

    /// The problems of unknown keys in the manifest's text (empty when every key is known, or when the
    /// text does not parse: the decoder reports that).
    static func problems(in text: String, path: String) -> [InputProblem] {
        guard let root = try? Yams.compose(yaml: text), let top = root.mapping else { return [] }
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
                } else if section.isEmpty, Self.known[name] != nil, let inner = value.mapping {
                    check(inner, section: name)
                }
            }
        }
        check(top, section: "")
        return problems
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

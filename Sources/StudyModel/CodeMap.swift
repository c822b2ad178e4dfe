import Foundation
import Yams

/// Maps the names coding tools give codes (`Barrier/Low confidence`, `barrier\busy-job`, `барьер/время`)
/// to the ids of the study's codebook.
///
/// A name is looked up by its key: lowercase, `\` read as `/`, and in each `/`-separated part the spaces
/// around it dropped and every run of spaces, `-` and `_` made one `_` (`Barrier / Low-confidence` and
/// `barrier/low_confidence` are the same). Keys come from each code's id and ``Code/aliases``, and from a
/// mapping file (`name: code_id` lines of YAML) that may name any codebook id.
public struct CodeMap: Sendable {
    private var idByKey: [String: String] = [:]

    /// The key a name is looked up by.
    public static func key(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "\\", with: "/").split(separator: "/", omittingEmptySubsequences: false)
            .map { part -> String in
                var out = ""
                var pending = false
                for character in part.trimmingCharacters(in: .whitespaces) {
                    if character == " " || character == "-" || character == "_" || character.isWhitespace {
                        pending = true
                    } else {
                        if pending, !out.isEmpty { out += "_" }
                        pending = false
                        out.append(character)
                    }
                }
                return out
            }.joined(separator: "/")
    }

    /// The map of the codebook's ids and aliases, and of the mapping file at `mappingPath` (if given).
    /// - Throws: ``InputProblems``: a mapping file that is not a mapping of names to codebook ids, or a
    ///   name given two different codes (in the file, or by two aliases).
    public init(codebook: Codebook, mappingPath: String? = nil) throws(InputProblems) {
        var problems: [InputProblem] = []
        var origin: [String: String] = [:]
        func add(_ name: String, _ id: String, from place: String, problem: (String) -> InputProblem) {
            let key = Self.key(name)
            if let existing = idByKey[key], existing != id {
                problems.append(problem("'\(name)' is mapped to '\(existing)' (by \(origin[key] ?? "?")) and to '\(id)'"))
                return
            }
            idByKey[key] = id
            origin[key] = place
        }
        for code in codebook.codes {
            add(code.id, code.id, from: "its id") { InputProblem(file: "codebook", message: $0) }
        }
        for code in codebook.codes {
            for alias in code.aliases ?? [] {
                add(alias, code.id, from: "an alias of '\(code.id)'") { InputProblem(file: "codebook", message: "codes '\(code.id)' aliases: \($0)") }
            }
        }
        if let mappingPath {
            let text: String
            do {
                text = try String(contentsOfFile: mappingPath, encoding: .utf8)
            } catch {
                throw InputProblems([InputProblem(file: mappingPath, message: "cannot read file (missing, or not UTF-8)")])
            }
            let root: Node?
            do {
                root = try Yams.compose(yaml: text)
            } catch {
                throw InputProblems([InputProblem(file: mappingPath, message: "invalid YAML: \(error)")])
            }
            guard let mapping = root?.mapping else {
                throw InputProblems([InputProblem(
                    file: mappingPath, line: 1, message: "expected a mapping of tool code names to codebook ids (name: code_id)")])
            }
            for (key, value) in mapping {
                let line = key.mark?.line ?? 0
                guard let name = key.string, let id = value.string else {
                    problems.append(InputProblem(file: mappingPath, line: line, column: key.mark?.column, message: "expected name: code_id"))
                    continue
                }
                guard codebook[id] != nil else {
                    problems.append(InputProblem(
                        file: mappingPath, line: value.mark?.line ?? line, column: value.mark?.column,
                        message: "'\(name)': '\(id)' is not a code of codebook \(codebook.version)"))
                    continue
                }
                add(name, id, from: "\(mappingPath):\(line)") {
                    InputProblem(file: mappingPath, line: line, column: key.mark?.column, message: $0)
                }
            }
        }
        if !problems.isEmpty { throw InputProblems(problems) }
    }

    /// The codebook id of a tool's code name or path, or `nil` when it is not mapped.
    public func id(for name: String) -> String? { idByKey[Self.key(name)] }
}

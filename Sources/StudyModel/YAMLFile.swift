import Foundation
import Yams

/// Reads a YAML file into a `Decodable` type, turning every failure into an ``InputProblem``
/// that names the file and, where Yams or the decoder knows it, the line or the key path.
enum YAMLFile {
    static func decode<T: Decodable>(_ type: T.Type, path: String) throws(InputProblem) -> T {
        try decodeWithText(T.self, path: path).value
    }

    /// ``decode(_:path:)``, with the file's text and node tree as they were decoded: a caller that reads
    /// the text too (the manifest's checks) reads and parses the file once.
    static func decodeWithText<T: Decodable>(_ type: T.Type, path: String) throws(InputProblem) -> (value: T, text: String, tree: Node) {
        do {
            return try decodeText(T.self, path: path)
        } catch {
            guard error.message.hasPrefix("a key is given twice") else { throw error }
            // Yams marks the mapping; the line is where the key stands the second time.
            var error = error
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let key = error.message.split(separator: "'").dropFirst().first
            {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let uses = lines.indices.filter { lines[$0].drop { $0 == " " }.hasPrefix(key + ":") && $0 + 1 >= error.line }
                if uses.count >= 2 {
                    error.line = uses[1] + 1
                    error.column = lines[uses[1]].prefix { $0 == " " }.count + 1
                }
            }
            throw error
        }
    }

    /// The resolver of Yams's `YAMLDecoder`'s node tree: merge keys only (its rule a regular expression,
    /// compiled once).
    static let mergeResolver = Resolver.basic.appending(.merge)

    /// The resolver for `text`: ``mergeResolver``, or Yams's resolver without rules where no scalar can
    /// match the merge rule (`^(?:<<)$`: a text without `<<`; only a plain scalar, whose value is its text,
    /// has its tag resolved), which resolves every node's tag as the merge resolver would, without a
    /// regular expression match for every key of every mapping. The names the decoder looks up are
    /// resolved with ``mergeResolver`` still (a name is no text of the file: a quoted key with escapes,
    /// `"\x3C\x3C"`, is one).
    static func resolver(for text: String) -> Resolver {
        mayMatchMergeRule(text) ? mergeResolver : .basic
    }

    /// Whether `text` holds `<<`, without which the merge rule matches no part of it.
    static func mayMatchMergeRule(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var afterLess = false
        while let byte = utf8.next() {
            if byte == UInt8(ascii: "<") {
                if afterLess { return true }
                afterLess = true
            } else {
                afterLess = false
            }
        }
        return false
    }

    private static func decodeText<T: Decodable>(_ type: T.Type, path: String) throws(InputProblem) -> (value: T, text: String, tree: Node) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputProblem(file: path, message: "cannot read file (missing, or not UTF-8)")
        }
        if text.allSatisfy({ $0.isWhitespace }) || holdsOnlyComments(text) {
            throw InputProblem(file: path, line: 1, message: "the file is empty: it needs the settings of docs/formats.md")
        }
        do {
            // Yams composes the node tree (as its `YAMLDecoder` does, resolving merge keys only); our own
            // decoder reads it without Yams's per-value conformance look-ups.
            let parser = try Parser(yaml: text, resolver: resolver(for: text), encoding: .default)
            return try withExtendedLifetime(parser) {
                let tree = try parser.singleRoot() ?? ""
                return (try YAMLNodeDecoder(tree, namesByMergeRule: true).decode(T.self), text, tree)
            }
        } catch let error as YamlError {
            throw problem(from: error, path: path)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let yaml = context.underlyingError as? YamlError {
                throw problem(from: yaml, path: path)
            }
            let place = place(of: error, in: text)
            throw InputProblem(file: path, line: place?.line ?? 0, column: place?.column, message: message(for: error))
        } catch {
            throw InputProblem(file: path, message: String(describing: error))
        }
    }

    /// Decodes `sample` as ``decode(_:path:)`` decodes a file's text, its problems ignored: ``Preload``
    /// does so on a thread of its own at the start of a command, so that the generic types a file's
    /// decoding instantiates and the runtime's look-ups of their conformances (the first look-up of each
    /// passes over every conformance of the binary) are done before the study's files are read.
    static func preload<T: Decodable>(_ type: T.Type, sample: String) {
        guard let parser = try? Parser(yaml: sample, resolver: resolver(for: sample), encoding: .default),
            let tree = try? parser.singleRoot()
        else { return }
        withExtendedLifetime(parser) { _ = try? YAMLNodeDecoder(tree, namesByMergeRule: true).decode(T.self) }
    }

    /// Whether every line of `text` that is not empty starts with `#` after its spaces and tabs: the
    /// lines of `text.split(separator: "\n")`, found one after another and checked until the first that
    /// is not a comment (the first line of a study's file), instead of splitting the whole file first
    /// (a tenth of reading the codebook).
    static func holdsOnlyComments(_ text: String) -> Bool {
        var rest = text[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[..<end]
            if !line.isEmpty && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { return false }
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        return true
    }

    private static func problem(from error: YamlError, path: String) -> InputProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            InputProblem(file: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            InputProblem(
                file: path, line: context.mark.line, column: context.mark.column,
                message: "a key is given twice in one mapping: \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            InputProblem(file: path, message: "cannot read the YAML: \(problem)")
        default:
            InputProblem(file: path, message: "invalid YAML: \(error)")
        }
    }

    /// The line and column of the key a decoding error is about, from the YAML's own marks: the value's
    /// key (a wrong type), or the mapping a key is missing from.
    private static func place(of error: DecodingError, in text: String) -> (line: Int, column: Int)? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(_, let context): path = context.codingPath
        @unknown default: return nil
        }
        guard !path.isEmpty else { return nil }
        return ManifestKeys.place(of: path.map { $0.intValue.map(String.init) ?? $0.stringValue }, in: text)
    }

    /// The values a setting of each kind may take, by the name of its type.
    static let allowedValues: [String: [String]] = [
        "CodeCategory": CodeCategory.allCases.map(\.rawValue), "ActivityType": ActivityType.allCases.map(\.rawValue),
        "FactorCategory": FactorCategory.allCases.map(\.rawValue), "MeasurementLevel": MeasurementLevel.allCases.map(\.rawValue),
        "SourceKind": SourceKind.allCases.map(\.rawValue), "RowSet": RowSet.allCases.map(\.rawValue),
        "ChartKind": ChartKind.allCases.map(\.rawValue), "FindingKind": FindingKind.allCases.map(\.rawValue),
        "UnmappedCodes": UnmappedCodes.allCases.map(\.rawValue),
    ]

    /// What a Swift type is in a YAML file's words.
    private static func kind(of type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.hasPrefix("[") || name.contains("Sequence") { return "a list ([a, b] or lines starting with '- ')" }
        if name.hasPrefix("Dictionary") || name.contains(":") { return "a mapping (key: value)" }
        return switch name {
        case "Int": "a whole number"
        case "Double", "Float": "a number"
        case "Bool": "true or false"
        case "String": "a text"
        default: "a mapping (key: value)"
        }
    }

    private static func message(for error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            var result = ""
            for key in path {
                if let index = key.intValue {
                    result += "[\(index)]"
                } else {
                    result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return result.isEmpty ? "top level" : result
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = place(context.codingPath)
            return "\(parent == "top level" ? "" : parent + ": ")missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)): expected \(kind(of: type)); found something else"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)): expected \(kind(of: type)); found nothing"
        case .dataCorrupted(let context):
            // "Cannot initialize CodeCategory from invalid String value obstacle": the value and those allowed.
            let words = context.debugDescription.split(separator: " ")
            if context.debugDescription.hasPrefix("Cannot initialize "), words.count >= 8, let value = words.last {
                let allowed = Self.allowedValues[String(words[2])].map { " (one of: " + $0.joined(separator: ", ") + ")" } ?? ""
                return "\(place(context.codingPath)): '\(value)' is not a known value\(allowed)"
            }
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

import Foundation
import Yams

/// Reads a YAML file into a `Decodable` type, turning every failure into an ``InputProblem``
/// that names the file and, where Yams or the decoder knows it, the line or the key path.
enum YAMLFile {
    static func decode<T: Decodable>(_ type: T.Type, path: String) throws(InputProblem) -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputProblem(file: path, message: "cannot read file (missing, or not UTF-8)")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as YamlError {
            throw problem(from: error, path: path)
        } catch let error as DecodingError {
            throw InputProblem(file: path, message: message(for: error))
        } catch {
            throw InputProblem(file: path, message: String(describing: error))
        }
    }

    private static func problem(from error: YamlError, path: String) -> InputProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            InputProblem(file: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        default:
            InputProblem(file: path, message: "invalid YAML: \(error)")
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
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }
}

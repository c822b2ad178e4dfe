import Foundation

/// The words and sentences of reports in one language, read from `Catalogs/<code>.json`.
///
/// A catalog has:
/// - `language`: its code, the file's name;
/// - `name`: the language's own name ("Русский");
/// - `decimal_comma`: whether numbers in text are written "33,3";
/// - `phrases`: the report's sentence templates by key, with named slots (`{n}`; `{Name}` fills with a
///   capitalised first letter);
/// - `words`: the names of the tool's own concepts by key (`variable.country`, `rowSet.barriers`,
///   `factorCategory.parent`, the title grammar `title`, `title.join`, `by.<variable>`).
///
/// English (`en.json`) is the reference: every other catalog has exactly its keys, with no slot it does
/// not fill (`CatalogTests` checks both). The study's own levels (countries, roles) are not here:
/// `publication.labels` in `study.yml` names them.
public struct Catalog: Decodable, Sendable {
    public var language: Language
    public var name: String
    public var decimalComma: Bool
    public var phrases: [String: String]
    public var words: [String: String]

    enum CodingKeys: String, CodingKey {
        case language, name, phrases, words
        case decimalComma = "decimal_comma"
    }

    /// Every catalog the tool ships, English first, then by code.
    public static let all: [Catalog] = {
        guard let folder = Bundle.module.url(forResource: "Catalogs", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.compactMap { try? load($0) }.sorted { $0.language < $1.language }
    }()

    /// The catalog of `language`, or English's where there is none.
    public static func of(_ language: Language) -> Catalog {
        all.first { $0.language == language } ?? all.first { $0.language == .en }!
    }

    /// Reads one catalog file; its `language` must match the file's name.
    /// - Throws: ``InputProblem`` naming the file.
    public static func load(_ url: URL) throws -> Catalog {
        let catalog: Catalog
        do {
            catalog = try JSONDecoder().decode(Catalog.self, from: Data(contentsOf: url))
        } catch {
            throw InputProblem(file: url.lastPathComponent, message: "not a language catalog: \(error)")
        }
        guard catalog.language.rawValue == url.deletingPathExtension().lastPathComponent else {
            throw InputProblem(file: url.lastPathComponent, message: "names language '\(catalog.language)', not its file name")
        }
        return catalog
    }

    /// The word `key` ("variable.country"), or `nil`.
    public func word(_ key: String) -> String? { words[key] }

    /// `template` with its slots filled: `{name}` by `values["name"]`, `{Name}` by the same value with a
    /// capitalised first letter. A slot without a value stays as it is (tests look for them).
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            let lowered = name.prefix(1).lowercased() + name.dropFirst()
            if let value = values[name] {
                out += value
            } else if let value = values[lowered], name != lowered {
                out += value.prefix(1).uppercased() + value.dropFirst()
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

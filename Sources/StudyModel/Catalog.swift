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

    /// The languages of the catalog files the tool ships, by their names, English first, then by code:
    /// the languages of ``all`` without decoding the files (each of which loads, as `CatalogTests` checks).
    /// What `--lang` lists, when every command line is parsed.
    public static let fileLanguages: [Language] = {
        guard let folder = Bundle.module.url(forResource: "Catalogs", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.map { Language(rawValue: $0.deletingPathExtension().lastPathComponent) }.sorted()
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
        fill(template, values, slots: slots(template))
    }

    /// The slots of `template` as ``fill(_:_:)`` finds them: the first `{`, the first `}` after it, and
    /// so on (a template cut once into its text and slots fills the same by these).
    public static func slots(_ template: String) -> [Slot] {
        asciiSlots(template) ?? characterSlots(template)
    }

    /// `fill` with the slots found by walking the template's characters: the rule itself, for any template.
    static func characterFill(_ template: String, _ values: [String: String]) -> String {
        fill(template, values, slots: characterSlots(template))
    }

    /// A slot: where its `{` and the `}` that closes it stand.
    public typealias Slot = (open: String.Index, close: String.Index)

    /// The slots, walking the template's characters: the first `{`, the first `}` after it, and so on.
    static func characterSlots(_ template: String) -> [Slot] {
        var slots: [Slot] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            slots.append((open, close))
            rest = rest[rest.index(after: close)...]
        }
        return slots
    }

    /// The same slots from the template's bytes, or `nil` when a brace stands next to a non-ASCII byte.
    /// With ASCII neighbours a brace is a character of its own (only CR LF joins two ASCII characters),
    /// so the first `{` byte is the first `{` character.
    static func asciiSlots(_ template: String) -> [Slot]? {
        var copy = template
        let offsets = copy.withUTF8 { bytes -> [(open: Int, close: Int)]? in
            let count = bytes.count
            for index in 0..<count where bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "}") {
                if index > 0 && bytes[index - 1] >= 0x80 { return nil }
                if index + 1 < count && bytes[index + 1] >= 0x80 { return nil }
            }
            var offsets: [(open: Int, close: Int)] = []
            var position = 0
            while let open = (position..<count).first(where: { bytes[$0] == UInt8(ascii: "{") }),
                let close = (open..<count).first(where: { bytes[$0] == UInt8(ascii: "}") })
            {
                offsets.append((open, close))
                position = close + 1
            }
            return offsets
        }
        let utf8 = template.utf8
        return offsets?.map { (utf8.index(utf8.startIndex, offsetBy: $0.open), utf8.index(utf8.startIndex, offsetBy: $0.close)) }
    }

    /// The template with each slot replaced by its value (capitalised for `{Name}`), or kept.
    private static func fill(_ template: String, _ values: [String: String], slots: [Slot]) -> String {
        var out = ""
        var position = template.startIndex
        for (open, close) in slots {
            out += template[position..<open]
            let name = String(template[template.index(after: open)..<close])
            let lowered = name.prefix(1).lowercased() + name.dropFirst()
            if let value = values[name] {
                out += value
            } else if let value = values[lowered], name != lowered {
                out += value.prefix(1).uppercased() + value.dropFirst()
            } else {
                out += template[open...close]
            }
            position = template.index(after: close)
        }
        return out + template[position...]
    }
}

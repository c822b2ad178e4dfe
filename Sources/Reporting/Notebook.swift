import Foundation
import StudyModel

/// An analysis notebook: Markdown prose with fenced `analyze` blocks that ask for a table, a chart or
/// the summary, and inline values in the prose (format: `docs/formats.md`).
public struct Notebook: Sendable {
    /// The file name (`01-barriers.md`), which the rendered notebook keeps.
    public var name: String
    /// The path shown in problems.
    public var path: String
    public var text: String

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }

    /// The `.md` notebooks of a folder, in file-name order. A notebook may have a translation beside it,
    /// `NAME.CODE.md` for a language with a catalog (`01-questions.ru.md`): for a report in that language
    /// the translation is rendered in its place, under the notebook's name.
    /// - Throws: ``InputProblem`` when the folder or a notebook cannot be read.
    public static func load(from directory: String, language: Language = .en) throws(InputProblem) -> [Notebook] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw InputProblem(file: directory, message: "notebook folder not found")
        }
        let codes = Set(Language.available.map(\.rawValue))
        /// The language code of a translation's name, `nil` for a notebook.
        func translation(_ name: String) -> String? {
            let parts = name.dropLast(3).split(separator: ".")
            return parts.count >= 2 && codes.contains(String(parts.last!)) ? String(parts.last!) : nil
        }
        var notebooks: [Notebook] = []
        for name in entries.filter({ $0.hasSuffix(".md") && translation($0) == nil }).sorted() {
            let translated = String(name.dropLast(3)) + ".\(language.rawValue).md"
            let file = entries.contains(translated) ? translated : name
            let path = (directory as NSString).appendingPathComponent(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputProblem(file: path, message: "cannot read notebook (not UTF-8?)")
            }
            notebooks.append(Notebook(name: name, path: path, text: text))
        }
        let orphans = entries.filter { name in
            translation(name) != nil && !entries.contains(name.split(separator: ".").dropLast(2).joined(separator: ".") + ".md")
        }
        if let orphan = orphans.sorted().first {
            throw InputProblem(file: (directory as NSString).appendingPathComponent(orphan), message: "a translation of no notebook (its NAME.md is missing)")
        }
        return notebooks
    }
}

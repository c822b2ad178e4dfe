import Foundation
import StudyModel
import ZIPFoundation

/// The zip of a REFI-QDA project (`.qdpx`): its project document (`project.qde`, or the one `.qde` at the top
/// whatever its name) and the files of its sources folder (`sources/` or `Sources/`), read whole.
struct QDPXArchiveReader {
    /// The `.qdpx` file, as named in problems.
    let file: String
    private let archive: Archive
    /// The path in the zip of every file entry, by its lowercased path.
    private let entries: [String: String]

    /// Opens the zip at `path`.
    /// - Throws: ``InputProblems`` when the file is missing or not a zip.
    init(path: String) throws(InputProblems) {
        file = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputProblems([InputProblem(file: path, message: "cannot read file (missing or unreadable)")])
        }
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw InputProblems([InputProblem(file: path, message: "not a zip archive, so not a REFI-QDA project (.qdpx)")])
        }
        var entries: [String: String] = [:]
        for entry in archive where entry.type == .file { entries[entry.path.lowercased()] = entry.path }
        self.entries = entries
    }

    /// The project document's path in the zip: `project.qde`, or else the only `.qde` at the top.
    /// - Throws: ``InputProblems`` when there is none, or several and no `project.qde`.
    func projectDocumentPath() throws(InputProblems) -> String {
        if let path = entries["project.qde"] { return path }
        let candidates = entries.keys.filter { !$0.contains("/") && $0.hasSuffix(".qde") }.sorted().map { entries[$0]! }
        guard candidates.count == 1 else {
            let found = candidates.isEmpty ? "none" : candidates.joined(separator: ", ")
            throw InputProblems([InputProblem(
                file: file, message: "no project.qde in the archive (.qde files at its top: \(found)): not a REFI-QDA project")])
        }
        return candidates[0]
    }

    /// The entry's path in the zip for a source reference `internal://NAME`, in `sources/` whatever its case.
    func sourcePath(ofInternal name: String) -> String? {
        entries["sources/" + name.lowercased()]
    }

    /// The bytes of the entry at `path`.
    /// - Throws: ``InputProblems`` when the entry is missing or damaged.
    func contents(of path: String) throws(InputProblems) -> Data {
        guard let entry = archive[path] else {
            throw InputProblems([InputProblem(file: file, message: "\(path): not in the archive")])
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw InputProblems([InputProblem(file: file, message: "\(path): damaged in the archive (\(error))")])
        }
        return data
    }
}

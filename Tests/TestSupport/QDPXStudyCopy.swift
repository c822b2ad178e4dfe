import Foundation
import ZIPFoundation

/// A copy of one of the `.qdpx` pilot studies (`Tests/Fixtures/<name>`) in a temporary folder, its manifest and
/// the project document inside its `pilot.qdpx` optionally edited, so a test can break one thing at a time.
public struct QDPXStudyCopy {
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    public let directory: String

    /// - Parameters:
    ///   - name: the fixture folder (`QualCoderPilot`, `NVivoShapedPilot`, `MAXQDAShapedPilot`).
    ///   - editManifest: rewrites `study.yml`.
    ///   - editProject: rewrites the project document (`.qde`) inside `pilot.qdpx`; the other entries are kept.
    public init(
        _ name: String, editManifest: (String) -> String = { $0 }, editProject: ((String) -> String)? = nil
    ) throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("qdpx-\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: target)
        directory = target.path
        let manifest = target.appendingPathComponent("study.yml")
        try Data(editManifest(try String(contentsOf: manifest, encoding: .utf8)).utf8).write(to: manifest)
        guard let editProject else { return }
        let archiveURL = target.appendingPathComponent("pilot.qdpx")
        let original = try Archive(url: archiveURL, accessMode: .read)
        var entries: [(path: String, data: Data)] = []
        for entry in original where entry.type == .file {
            var data = Data()
            _ = try original.extract(entry) { data.append($0) }
            if entry.path.hasSuffix(".qde") { data = Data(editProject(String(decoding: data, as: UTF8.self)).utf8) }
            entries.append((entry.path, data))
        }
        try FileManager.default.removeItem(at: archiveURL)
        let rewritten = try Archive(url: archiveURL, accessMode: .create)
        for (path, data) in entries {
            try rewritten.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// The path of a file in the copy.
    public func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The project document of the copy's `pilot.qdpx`, as text.
    public func projectDocument() throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path("pilot.qdpx")), accessMode: .read)
        guard let entry = archive.first(where: { $0.path.hasSuffix(".qde") }) else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the copy.
    public func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

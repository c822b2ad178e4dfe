import Foundation

/// The folder the tests' temporary studies and files go in: one per test process
/// (`analyze-tests-<pid>` in the system's temporary folder), removed with everything in it when the
/// process exits, so that a test run leaves nothing behind (a run made about 2,300 folders before).
/// A process that crashes leaves its folder, named by its process id.
public enum TestScratch {
    /// The process's folder, created on first use.
    public static let root: URL = {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("analyze-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TestScratch.root) }
        return root
    }()

    /// A new folder in ``root`` whose name begins with `prefix`.
    public static func folder(_ prefix: String) throws -> URL {
        let folder = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

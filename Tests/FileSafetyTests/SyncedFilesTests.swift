import FileSafety
import Foundation
import Testing

@Suite struct SyncedFilesTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("synced-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/tables", withIntermediateDirectories: true)
        return path
    }

    /// The descriptors this process has open on files under `directory` (`/proc/self/fd`; other tests
    /// run beside this one, so only this test's folder is counted).
    func openDescriptors(under directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter { entry in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + entry))?.hasPrefix(directory + "/") == true
        }.count
    }

    @Test func filesAreWrittenWholeAndClosedOnceSynced() throws {
        let directory = try folder()
        var files = SyncedFiles()
        defer { files.close() }
        // More files than are kept open at once (256), so that some are synced before the end.
        for index in 0..<300 {
            try files.write("line \(index)\nКөрсеткіш,\(index * 7)\n", to: directory + "/tables/t\(index).csv")
        }
        #expect(try openDescriptors(under: directory) == 300 - 256)
        try files.write("", to: directory + "/empty.txt")
        try files.sync(folders: [directory, directory + "/tables"])
        #expect(try openDescriptors(under: directory) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/tables").count == 300)
        #expect(try String(contentsOfFile: directory + "/tables/t299.csv", encoding: .utf8) == "line 299\nКөрсеткіш,2093\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/empty.txt")).isEmpty)
    }

    @Test func aFileThatExistsIsNeverOverwritten() throws {
        let directory = try folder()
        let path = directory + "/summary.txt"
        try Data("the researcher's".utf8).write(to: URL(fileURLWithPath: path))
        var files = SyncedFiles()
        defer { files.close() }
        #expect(throws: SystemFailure(path: path, action: "write", code: EEXIST)) {
            try files.write("ours", to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the researcher's")
    }

    @Test func aFolderThatCannotBeSyncedIsNamed() throws {
        let directory = try folder()
        var files = SyncedFiles()
        defer { files.close() }
        try files.write("a", to: directory + "/a.txt")
        let missing = directory + "/gone"
        #expect(throws: SystemFailure(path: missing, action: "write", code: ENOENT)) {
            try files.sync(folders: [directory, missing])
        }
        // The file was synced and closed all the same.
        #expect(try String(contentsOfFile: directory + "/a.txt", encoding: .utf8) == "a")
    }
}

import FileSafety
import Foundation
import Reporting
import Testing

/// A report written into its private folder while it is made (``ReportDraft``): the same folder as one
/// written whole afterwards, and nothing of it left where it is not finished.
@Suite struct ReportDraftTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("draft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The hidden folders a build leaves beside the report (none, when it ends).
    func siblings(of root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("." + root.lastPathComponent + ".") }
    }

    /// Every file under `root`, relative path and bytes.
    func contents(of root: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        for entry in FolderWalk.entries(under: root.path) where !entry.isFolder {
            found[entry.relative] = try Data(contentsOf: root.appendingPathComponent(entry.relative))
        }
        return found
    }

    /// A folder holding an earlier report (without suppression), its contents, and the files of a new one.
    func earlierReportAndNewFiles() throws -> (root: URL, before: [String: Data], files: [(path: String, contents: String)]) {
        let root = try folder()
        try ReportBuilder(results: try fixtureResults(), suppression: false).write(to: root.path)
        return (root, try contents(of: root), try ReportBuilder(results: try fixtureResults()).files())
    }

    @Test func filesAddedFromSeveralThreadsGiveTheFolderAWholeWriteGives() throws {
        let files = try ReportBuilder(results: try fixtureResults()).files()
        let whole = try folder(), drafted = try folder()
        try ReportBuilder(results: try fixtureResults()).write(files, to: whole.path)
        // An earlier report in the drafted folder, and a user's file in it, as a rerun finds them.
        try ReportBuilder(results: try fixtureResults(), suppression: false).write(to: drafted.path)
        try Data("mine".utf8).write(to: drafted.appendingPathComponent("tables/my-notes.csv"))
        let draft = try ReportDraft(drafted.path)
        // Every file but the last added on 8 threads at once, a few at a time, in no fixed order.
        let last = files.count - 1
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for start in stride(from: thread * 3, to: last, by: 24) { draft.add(Array(files[start..<min(start + 3, last)])) }
        }
        #expect(try draft.finish(files) == files.map(\.path))
        var expected = try contents(of: whole)
        expected["tables/my-notes.csv"] = Data("mine".utf8)
        #expect(try contents(of: drafted) == expected)
        #expect(try siblings(of: drafted).isEmpty)
    }

    @Test func nothingIsInPlaceBeforeTheDraftIsFinished() throws {
        let (root, before, files) = try earlierReportAndNewFiles()
        let draft = try ReportDraft(root.path)
        draft.add(files)
        #expect(try contents(of: root) == before)
        #expect(try siblings(of: root).count == 1)
        _ = try draft.finish(files)
        #expect(try contents(of: root) != before)
        #expect(try siblings(of: root).isEmpty)
    }

    @Test func aDiscardedOrReleasedDraftLeavesNothingAndTheOldReportAsItWas() throws {
        let (root, before, files) = try earlierReportAndNewFiles()
        let discarded = try ReportDraft(root.path)
        discarded.add(files)
        discarded.discard()
        #expect(try siblings(of: root).isEmpty)
        do {
            let released = try ReportDraft(root.path)
            released.add(Array(files.prefix(5)))
            let building = try siblings(of: root)
            withExtendedLifetime(released) {}
            #expect(building.count == 1)
        }
        // Released once the files handed over are written (the writer holds the draft until then).
        for _ in 0..<500 where !(try siblings(of: root).isEmpty) { usleep(10_000) }
        #expect(try siblings(of: root).isEmpty)
        #expect(try contents(of: root) == before)
    }

    @Test func aFileThatCannotBeWrittenFailsTheFinishAndNothingChanges() throws {
        let root = try folder()
        try ReportBuilder(results: try fixtureResults(), suppression: false).write(to: root.path)
        let before = try contents(of: root)
        let draft = try ReportDraft(root.path)
        // The same file added twice: the second is never written over the first, and the finish fails.
        draft.add([("notes.txt", "a")])
        draft.add([("notes.txt", "b"), ("summary.txt", "c")])
        let path = root.resolvingSymlinksInPath().appendingPathComponent("notes.txt").path
        #expect(throws: SystemFailure(path: path, action: "write the report", code: EEXIST)) {
            try draft.finish([("notes.txt", "a"), ("summary.txt", "c")])
        }
        #expect(try contents(of: root) == before)
        #expect(try siblings(of: root).isEmpty)
    }

    @Test func aFolderOfOtherFilesIsRefusedBeforeAnythingIsMade() throws {
        let root = try folder()
        try Data("thesis".utf8).write(to: root.appendingPathComponent("chapter1.docx"))
        #expect(throws: ReportError.notAReportFolder(root.path)) { try ReportDraft(root.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["chapter1.docx"])
        #expect(try siblings(of: root).isEmpty)
    }
}

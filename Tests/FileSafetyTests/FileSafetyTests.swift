import FileSafety
import Foundation
import Testing

@Suite struct FileSafetyTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("safety-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws {
        let directory = try folder()
        let path = directory + "/results.json"
        try AtomicFile.write(Data("old".utf8), to: path)
        // A leftover of a process that is gone, and one of this process (a write in progress) stays.
        try Data("half".utf8).write(to: URL(fileURLWithPath: path + ".writing-4194305"))
        try AtomicFile.write(Data("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["results.json"])
    }

    @Test func aFailedWriteSaysWhatFailedInPlainWordsAndLeavesNothing() throws {
        let directory = try folder()
        let path = directory + "/missing/results.json"
        #expect(throws: SystemFailure(path: path, action: "write", code: ENOENT)) {
            try AtomicFile.write(Data("x".utf8), to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
        #expect("\(SystemFailure(path: "reports/summary.txt", action: "write the report", code: ENOSPC))"
            == "reports/summary.txt: cannot write the report: the disk is full; free some space, then run the command again. Nothing was left half-written.")
        #expect("\(SystemFailure(path: "out", action: "create the folder", code: EROFS))"
            == "out: cannot create the folder: the file system is read-only; choose a folder on a writable disk. Nothing was left half-written.")
    }

    @Test func aPreparedFileIsInPlaceOnlyOnceCommittedAndADiscardedOneLeavesTheOld() throws {
        let directory = try folder()
        let path = directory + "/results.json"
        try AtomicFile.write(Data("old".utf8), to: path)
        // Prepared on another thread, as `analyze run` does, and committed on this one.
        let prepared = try DispatchQueue.global().sync { try AtomicFile.prepare(Data("new".utf8), to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try String(contentsOfFile: path + AtomicFile.marker + TemporaryPaths.processSuffix, encoding: .utf8) == "new")
        try prepared.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["results.json"])
        try AtomicFile.prepare(Data("newer".utf8), to: path).discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["results.json"])
        // A commit that cannot rename (a folder where the file goes) says so and leaves no temporary file.
        let blocked = directory + "/blocked"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: false)
        let lost = try AtomicFile.prepare(Data("x".utf8), to: blocked)
        #expect(throws: SystemFailure(path: blocked, action: "write", code: EISDIR)) { try lost.commit() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["blocked", "results.json"])
    }

    @Test func foundationsOutOfSpaceErrorIsTheSameFailure() {
        let error = CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "reports/report.html"])
        #expect(SystemFailure(error, path: "x", action: "write") == SystemFailure(path: "reports/report.html", action: "write", code: ENOSPC))
        #expect(SystemFailure(CocoaError(.coderReadCorrupt), path: "x", action: "write") == nil)
    }

    @Test func onlyTheLeftoversOfProcessesThatAreGoneAreLeftovers() {
        #expect(TemporaryPaths.isLeftover("study.sqlite.building-4194305", base: "study.sqlite", marker: ".building"))
        #expect(!TemporaryPaths.isLeftover("study.sqlite.building\(TemporaryPaths.processSuffix)", base: "study.sqlite", marker: ".building"))
        #expect(!TemporaryPaths.isLeftover("study.sqlite.building-1", base: "study.sqlite", marker: ".building"))
        #expect(!TemporaryPaths.isLeftover("study.sqlite.building-x", base: "study.sqlite", marker: ".building"))
        #expect(!TemporaryPaths.isLeftover("other.building-4194305", base: "study.sqlite", marker: ".building"))
    }
}

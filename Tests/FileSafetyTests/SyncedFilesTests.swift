@testable import FileSafety
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
        // More files than are kept open at once (256): each is synced and closed on another thread as
        // soon as it is written, and a write waits for the syncs beyond 256.
        for index in 0..<300 {
            try files.write("line \(index)\nКөрсеткіш,\(index * 7)\n", to: directory + "/tables/t\(index).csv")
            #expect(try openDescriptors(under: directory) <= 256)
        }
        try files.write("", to: directory + "/empty.txt")
        try files.sync(folders: [directory, directory + "/tables"])
        #expect(try openDescriptors(under: directory) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/tables").count == 300)
        #expect(try String(contentsOfFile: directory + "/tables/t299.csv", encoding: .utf8) == "line 299\nКөрсеткіш,2093\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/empty.txt")).isEmpty)
    }

    @Test func aFileHasTheModeFoundationGivesANewFile() throws {
        let directory = try folder()
        var files = SyncedFiles()
        defer { files.close() }
        try files.write("a,b\nҚ,1\n", to: directory + "/tables.csv")
        try files.sync(folders: [directory])
        // The permissions FileManager gives a file it creates: 0666 less the umask.
        #expect(FileManager.default.createFile(atPath: directory + "/by-foundation", contents: Data("x".utf8)))
        let mode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) }
        #expect(try mode(directory + "/tables.csv") == mode(directory + "/by-foundation"))
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

    @Test func aReservedFileIsWrittenIntoOrRemovedIfNotWritten() throws {
        let directory = try folder()
        var files = SyncedFiles()
        defer { files.close() }
        try files.reserve(directory + "/summary.txt")
        try files.reserve(directory + "/tables/unused.csv")
        // Made empty, before their contents are known; a reserved name cannot be reserved again.
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/summary.txt")).isEmpty)
        #expect(throws: SystemFailure(path: directory + "/summary.txt", action: "write", code: EEXIST)) {
            try files.reserve(directory + "/summary.txt")
        }
        try files.write("Қорытынды\n", to: directory + "/summary.txt")
        try files.write("a,b\n", to: directory + "/tables/new.csv")
        // Written once: a second write of the same path is refused, as for a file that was not reserved.
        #expect(throws: SystemFailure(path: directory + "/summary.txt", action: "write", code: EEXIST)) {
            try files.write("again", to: directory + "/summary.txt")
        }
        try files.sync(folders: [directory, directory + "/tables"])
        #expect(try String(contentsOfFile: directory + "/summary.txt", encoding: .utf8) == "Қорытынды\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/tables") == ["new.csv"])
        #expect(try openDescriptors(under: directory) == 0)
    }

    @Test func aFileReservedAndClosedUnwrittenIsRemoved() throws {
        let directory = try folder()
        var files = SyncedFiles()
        try files.reserve(directory + "/report.html")
        try files.write("x", to: directory + "/tables.txt")
        files.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["tables", "tables.txt"])
        #expect(try openDescriptors(under: directory) == 0)
    }

    @Test func aQueueRunsEveryCallOnceAndOneThreadRunsThemInOrder() throws {
        final class Calls: @unchecked Sendable {
            let lock = NSLock()
            var order: [Int] = []
            func note(_ index: Int) { lock.withLock { order.append(index) } }
        }
        for threads in [1, 8] {
            let queue = DiskWaits.Queue(threads: threads), calls = Calls()
            for index in 0..<200 {
                queue.add {
                    if index % 50 == 0 { usleep(2_000) }
                    calls.note(index)
                }
            }
            queue.wait()
            let order = calls.lock.withLock { calls.order }
            #expect(order.sorted() == Array(0..<200))
            if threads == 1 { #expect(order == Array(0..<200)) }
            // A queue whose threads ended takes calls again.
            queue.add { calls.note(200) }
            queue.wait()
            #expect(calls.lock.withLock { calls.order.count } == 201)
        }
    }

    /// Calls that come one burst after another are run by the threads the first burst started: a thread
    /// with nothing to take waits for the next call instead of ending.
    @Test func aQueueKeepsItsThreadsBetweenBursts() throws {
        for threads in [1, 8] {
            let queue = DiskWaits.Queue(threads: threads)
            final class Count: @unchecked Sendable {
                let lock = NSLock()
                var value = 0
            }
            let ran = Count()
            for _ in 0..<20 {
                queue.add { ran.lock.withLock { ran.value += 1 } }
                queue.wait()
                usleep(1_000)
            }
            #expect(ran.lock.withLock { ran.value } == 20)
            #expect(queue.threadsStarted == 1)
        }
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

@Suite struct EarlyWritebackTests {
    @Test func aFileWrittenWhileItIsHandedToTheDiskIsSyncedWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("writeback-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/store.sqlite.building"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let writeback = try EarlyWriteback(path: path, reportedAs: directory + "/store.sqlite", action: "write the store")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        // Written over several of its intervals (50 ms), so that some parts go to disk early.
        for block in 0..<4 {
            handle.write(Data(repeating: UInt8(block), count: 1 << 20))
            Thread.sleep(forTimeInterval: 0.06)
        }
        try handle.close()
        #expect(writeback.sync())
        writeback.stop()  // again: nothing happens
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count == 4 << 20)
        #expect(data[0] == 0 && data[(3 << 20) + 5] == 3)
    }

    @Test func aFileThatCannotBeOpenedIsNamedAsTheCallerSaysIt() {
        #expect(throws: SystemFailure(path: "/nowhere/study.sqlite", action: "write the store", code: ENOENT)) {
            try EarlyWriteback(path: "/nowhere/study.sqlite.building-1", reportedAs: "/nowhere/study.sqlite", action: "write the store")
        }
    }
}

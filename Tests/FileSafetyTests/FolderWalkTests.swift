import FileSafety
import Foundation
import Testing

@Suite struct FolderWalkTests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A tree of random folders and files, hidden and Cyrillic names, empty folders, and links to a file
    /// and to a folder, each walked as `FileManager`'s enumerator walks it.
    @Test func aWalkListsWhatFileManagersEnumeratorLists() throws {
        var generator = SystemRandomNumberGenerator()
        let manager = FileManager.default
        for _ in 0..<20 {
            let root = try folder()
            var folders = [root]
            for index in 0..<Int.random(in: 0...40, using: &generator) {
                let parent = folders.randomElement(using: &generator)!
                let name = ["t\(index)", ".hidden\(index)", "кесте-\(index)", "a b \(index).csv"].randomElement(using: &generator)!
                switch Int.random(in: 0..<6, using: &generator) {
                case 0, 1:
                    try manager.createDirectory(atPath: parent + "/" + name, withIntermediateDirectories: false)
                    folders.append(parent + "/" + name)
                case 2:
                    try manager.createSymbolicLink(atPath: parent + "/" + name, withDestinationPath: folders.randomElement(using: &generator)!)
                default:
                    try Data("\(index)".utf8).write(to: URL(fileURLWithPath: parent + "/" + name))
                }
            }
            var expected: [FolderWalk.Entry] = []
            let walker = manager.enumerator(atPath: root)!
            while let relative = walker.nextObject() as? String {
                let isFolder = walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory
                let isEmpty = try isFolder && manager.contentsOfDirectory(atPath: root + "/" + relative).isEmpty
                expected.append(FolderWalk.Entry(relative: relative, isFolder: isFolder, isEmptyFolder: isEmpty))
            }
            let walked = FolderWalk.entries(under: root)
            #expect(walked.sorted { $0.relative < $1.relative } == expected.sorted { $0.relative < $1.relative })
            // Each folder before what it holds.
            for (index, entry) in walked.enumerated() {
                let parent = (entry.relative as NSString).deletingLastPathComponent
                if !parent.isEmpty { #expect(walked[..<index].contains { $0.relative == parent && $0.isFolder }) }
            }
            try manager.removeItem(atPath: root)
        }
    }

    @Test func aFolderThatCannotBeReadHasNoEntries() throws {
        #expect(FolderWalk.entries(under: "/nonexistent-\(UUID().uuidString)").isEmpty)
        let root = try folder()
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/file.txt"))
        #expect(FolderWalk.entries(under: root + "/file.txt").isEmpty)
        #expect(FolderWalk.entries(under: root) == [FolderWalk.Entry(relative: "file.txt", isFolder: false, isEmptyFolder: false)])
    }

    @Test func unlinkRemovesTheFilesGivenAndNothingElse() throws {
        let root = try folder()
        try FileManager.default.createDirectory(atPath: root + "/tables", withIntermediateDirectories: true)
        let paths = (0..<60).map { root + "/tables/t\($0).csv" }
        for path in paths { try Data(path.utf8).write(to: URL(fileURLWithPath: path)) }
        try Data("mine".utf8).write(to: URL(fileURLWithPath: root + "/notes.txt"))
        // The even files, and one that is not there (left as `unlink` leaves it: nothing happens).
        DiskWaits.unlink(stride(from: 0, to: 60, by: 2).map { paths[$0] } + [root + "/missing.csv"])
        let left = try FileManager.default.contentsOfDirectory(atPath: root + "/tables").sorted()
        #expect(left == stride(from: 1, to: 60, by: 2).map { "t\($0).csv" }.sorted())
        #expect(try String(contentsOfFile: root + "/notes.txt", encoding: .utf8) == "mine")
        DiskWaits.unlink([])
    }
}

import FileSafety
import Foundation
import Ingest
import Storage
import Testing
import TestSupport

/// A store built beside its place (`analyze run` reads it there while it is synced): the old store stays
/// in place, byte for byte, and the build's lock stays held until the new one is placed or dropped; a
/// store that cannot be put in place leaves no file behind.
@Suite struct BuiltStoreTests {
    private func buildingFiles(beside path: String) throws -> [String] {
        let name = (path as NSString).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
            .filter { $0.hasPrefix(name + ".building") }
    }

    /// A fixture study ingested into `study.sqlite` in place: its store's path, its ingester and the store's bytes.
    private func ingestedStudy(_ fixture: StudyFixture) throws -> (path: String, ingester: StudyIngester, old: Data) {
        let path = fixture.path("study.sqlite")
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(intoStoreAt: path)
        return (path, ingester, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func aStoreBuiltBesideIsReadThereAndInPlaceOnlyOncePlaced() throws {
        let fixture = try StudyFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let (path, ingester, old) = try ingestedStudy(fixture)
        try StudyStore(path: path).read { reader in
            try #require(reader.study() != nil)
        }
        try fixture.write(StudyFixture.participants + "KZ-99,KZ,father,urban\n", to: "participants.csv")

        let (summary, built) = try ingester.ingest(besideStoreAt: path)
        #expect(built.path == path)
        #expect(try buildingFiles(beside: path) == [(built.file as NSString).lastPathComponent])
        // The new store is read where it was built; the old one is in place as it was.
        #expect(try StudyStore(path: built.file).read { try $0.participantCount() } == summary.participants)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        #expect(try StudyStore(path: path).read { try $0.participantCount() } == summary.participants - 1)
        // The build's lock is held until the store is placed.
        #expect(throws: StoreError.locked(path)) { try ingester.ingest(intoStoreAt: path) }

        built.startSyncing()
        try built.place()
        #expect(try StudyStore(path: path).read { try $0.participantCount() } == summary.participants)
        #expect(try buildingFiles(beside: path).isEmpty)
        try ingester.ingest(intoStoreAt: path)
    }

    @Test func aDroppedStoreLeavesTheOldOneAndNoFile() throws {
        let fixture = try StudyFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let (path, ingester, old) = try ingestedStudy(fixture)
        for syncing in [false, true] {
            do {
                let (_, built) = try ingester.ingest(besideStoreAt: path)
                if syncing { built.startSyncing() }
                #expect(try buildingFiles(beside: path).count == 1)
            }
            #expect(try buildingFiles(beside: path).isEmpty)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == old)
        }
        // The lock was released.
        try ingester.ingest(intoStoreAt: path)
    }

    @Test func aStoreThatCannotBePutInPlaceLeavesNoFile() throws {
        let fixture = try StudyFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        // A folder that is not empty where the store goes: the rename fails.
        let path = fixture.path("taken")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try fixture.write("x\n", to: "taken/notes.txt")
        let (_, built) = try StudyIngester(studyDirectory: fixture.directory).ingest(besideStoreAt: path)
        built.startSyncing()
        let error = #expect(throws: SystemFailure.self) { try built.place() }
        #expect(error?.path == path)
        #expect(error?.action == "put the new store in place")
        #expect(error.map { [EISDIR, ENOTEMPTY].contains($0.code) } == true)
        #expect(try buildingFiles(beside: path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["notes.txt"])
    }
}

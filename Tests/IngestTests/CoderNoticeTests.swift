import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Every coder of the data is in the coder policy or is said to count for agreement only.
@Suite struct CoderNoticeTests {
    @Test func aCoderOutsideThePolicyIsNamed() throws {
        let fixture = try StudyFixture(analysedCoders: ["C1"])
        let summary = try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
        #expect(summary.notices == ["coder 'C2' is not in coding.analysed_coders: their segments count for intercoder agreement only"])
        let both = try StudyIngester(studyDirectory: try StudyFixture().directory).ingest(into: try StudyStore.inMemory())
        #expect(both.notices.isEmpty)
    }
}

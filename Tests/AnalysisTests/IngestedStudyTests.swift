@testable import Analysis
import Foundation
import Ingest
import SampleGeneration
@testable import Storage
import StudyModel
import Testing
import TestSupport

/// `analyze run` builds ``StudyData`` from what its ingest kept (``IngestedStudy``: the pass over the summary
/// of the coding made as the rows were checked, ``StreamedCodingPass``, and the survey respondents) instead of
/// reading them back from the store it built: the data must be the store's, part by part; and where the kept
/// data does not hold (a participant's rows not together, a coverage list), the store is read.
@Suite struct IngestedStudyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The study data of `directory` read from the store its ingest built, and from what the ingest kept (as
    /// `analyze run` asks for it; `parts`: the parts the kept pass and the store's are split into).
    static func bothWays(
        _ directory: String, parts: Int? = nil, answerBudget: Int? = nil, codeSetBudget: Int = 4 << 20
    ) throws -> (stored: StudyData, ingested: StudyData, kept: IngestedStudy) {
        var ingester = try StudyIngester(studyDirectory: directory)
        let policy = ingester.manifest.coding
        ingester.keepsRespondents = true
        if let answerBudget { ingester.keptAnswerBudget = answerBudget }
        ingester.codingObserver = { participants, codes in
            StreamedCodingPass(participants: participants, codes: codes, policy: policy, parts: parts, codeSetBudget: codeSetBudget)
        }
        try FileManager.default.createDirectory(atPath: directory + "/.analyze", withIntermediateDirectories: true)
        let (summary, built) = try ingester.ingest(besideStoreAt: directory + "/.analyze/study.sqlite")
        defer { try? built.place() }
        let kept = IngestedStudy(
            coding: built.summariesStreamed ? summary.observedCoding as? StreamedCodingPass : nil, respondents: summary.keptRespondents)
        let store = try StudyStore(path: built.file)
        let stored = try StudyData(store: store, policy: policy, parts: parts, codeSetBudget: codeSetBudget, definitions: summary.stored)
        let ingested = try StudyData(store: store, policy: policy, definitions: summary.stored, ingested: kept)
        return (stored, ingested, kept)
    }

    /// Every part of the data, as lines of text: the participants, each one's analysed coder and segments per
    /// code, the agreement tallies, the code sets kept for co-occurrence, and the surveys.
    static func lines(_ data: StudyData) -> [String] {
        var lines = CodingPassTests.lines(data)
        lines.append("study \(data.study) files \(data.sourceFiles)")
        lines += data.participants.map { participant in
            "\(participant.id) \(participant.country) \(participant.role) \(participant.attributes.sorted { $0.key < $1.key })"
        }
        lines.append("unit source \(data.agreementUnitSource), sets \(data.analysedCodeSets.map { "\($0.bytes)" } ?? "none")")
        for (instrument, respondents) in data.surveys {
            lines.append("survey \(instrument.id)")
            lines += respondents.map { "\($0.id) \($0.country) \($0.role) \($0.answers)" }
        }
        return lines
    }

    /// The data from the ingest, and whether its pass and its respondents were the ingest's.
    static func expectSameData(
        _ directory: String, parts: Int? = nil, answerBudget: Int? = nil, codeSetBudget: Int = 4 << 20, passKept: Bool,
        respondentsKept: Bool
    ) throws {
        let (stored, ingested, kept) = try bothWays(directory, parts: parts, answerBudget: answerBudget, codeSetBudget: codeSetBudget)
        let (fromIngest, fromStore) = (Self.lines(ingested), Self.lines(stored))
        // The first line that differs, if any (the whole lists are long).
        let first = zip(fromIngest, fromStore).first { $0 != $1 }
        #expect(first == nil)
        #expect(fromIngest.count == fromStore.count)
        #expect(stored.totalSegments > 0)
        #expect(ingested.passWasIngested == passKept)
        #expect(!stored.passWasIngested)
        #expect((kept.respondents != nil) == respondentsKept)
    }

    /// The committed sample study (two coders, both surveys).
    @Test func theSampleStudysDataIsTheStoredData() throws {
        let study = try sampleStudy(root: Self.root)
        defer { try? FileManager.default.removeItem(atPath: (study as NSString).deletingLastPathComponent) }
        try Self.expectSameData(study, passKept: true, respondentsKept: true)
    }

    /// A generated study the size of the benchmark's S (300 participants, about 10,000 rows, 300 survey
    /// respondents), and the same study's pass split into 3 parts, as a study of 5,000 participants or more is
    /// on two or more cores (each part keeps its share of the code sets' budget: with 30,000 bytes in all, the
    /// parts' 10,000 do not hold their sets, the whole 30,000 would).
    @Test(arguments: [(nil, 4 << 20), (3, 4 << 20), (3, 30_000)] as [(Int?, Int)])
    func aGeneratedStudysDataIsTheStoredData(parts: Int?, codeSetBudget: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingested-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let codebook = Self.root.appendingPathComponent("data/codebook.yml").path
        let instruments = ["teacher-checklist.yml", "parent-involvement.yml"].map { Self.root.appendingPathComponent("data/instruments/\($0)").path }
        _ = try writeStudy(
            configuration: SampleStudy(participants: 300, segmentTarget: 10_000, secondCoderShare: 0.15, surveyRespondents: 300, seed: 20_251_129),
            codebook: try Codebook(path: codebook), codebookPath: codebook,
            instruments: try instruments.map { InstrumentFile(instrument: try Instrument(path: $0), path: $0) }, to: folder)
        try Self.expectSameData(folder, parts: parts, codeSetBudget: codeSetBudget, passKept: true, respondentsKept: true)
    }

    /// Three coders in the order C2, C1, C3 of preference, met in another order in the rows (the store
    /// numbers them in byte order, the stream as they come), and participants without segments.
    @Test func coderNumbersOfTheStreamGiveTheStoredData() throws {
        let fixture = try StoreSummariesTests.randomStudy(seed: 31, shuffled: false)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectSameData(fixture.directory, passKept: true, respondentsKept: true)
        try Self.expectSameData(fixture.directory, parts: 7, passKept: true, respondentsKept: true)
    }

    /// A participant's rows not together: the stream stops, the store's summaries come from the pass over the
    /// segment table, and the analysis reads them.
    @Test func rowsNotTogetherAreReadFromTheStore() throws {
        let fixture = try StoreSummariesTests.randomStudy(seed: 32, shuffled: true)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectSameData(fixture.directory, passKept: false, respondentsKept: true)
    }

    /// Participants in another order in the rows than in participants.csv (each one's rows together): the
    /// store's summaries are the stream's, but the pass needs them ascending, so the store is read.
    @Test func participantsOutOfOrderAreReadFromTheStore() throws {
        let lines = StudyFixture.segments.split(separator: "\n").map(String.init)
        let body = lines.dropFirst()
        let reordered = [lines[0]] + body.filter { $0.contains(",UK-") } + body.filter { !$0.contains(",UK-") }
        #expect(reordered.count == lines.count && reordered != lines)
        let fixture = try StudyFixture(segments: reordered.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectSameData(fixture.directory, passKept: false, respondentsKept: true)
    }

    /// A coverage list with a coder policy: the pass needs the coverage's assignments, read after the
    /// segments, so the store is read (the respondents are still the ingest's).
    @Test func aCoverageListIsReadFromTheStore() throws {
        let (fixture, _, _) = try CodingPassTests.storedStudy(seed: 33, coverage: true)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectSameData(fixture.directory, passKept: false, respondentsKept: true)
        let fixtureWithSurvey = try StudyFixture(analysedCoders: ["C2", "C1"], coverage: "participant_id,coder\nKZ-1,C1\nKZ-1,C2\nKZ-3,C1\nKZ-3,C2\n")
        defer { try? FileManager.default.removeItem(atPath: fixtureWithSurvey.directory) }
        try Self.expectSameData(fixtureWithSurvey.directory, passKept: false, respondentsKept: true)
    }

    /// Respondents beyond the budget of answers are not kept: the analysis reads them.
    @Test func respondentsBeyondTheBudgetAreReadFromTheStore() throws {
        let fixture = try StudyFixture()
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        try Self.expectSameData(fixture.directory, passKept: true, respondentsKept: true)
        try Self.expectSameData(fixture.directory, answerBudget: 3, passKept: true, respondentsKept: false)
    }
}

import Foundation
@testable import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// The codes and the surveys are stored beside `segments.csv` (while its first batches are read and
/// checked), but their problems, files and counts are reported as an ingest that stores them after the
/// segments reports them: the segments' problems first, then the codes', the coverage list's and the
/// surveys'.
@Suite struct BesideSegmentsTests {
    /// A survey row with a value off its scale, on line `line`.
    static func surveyProblem(line: Int) -> String {
        "survey.csv:\(line):4: q1: '7' is not a value of scale 'yesno' (1, 2) or empty"
    }

    @Test func problemsComeInTheOrderOfAnIngestThatStoresTheSurveysLast() throws {
        var segments = "segment_id,participant_id,code,coder\n"
        for row in 0..<3_000 { segments += "S\(row),KZ-1,\(row % 1_000 == 7 ? "bar_nope" : "bar_busy_job"),C1\n" }
        let fixture = try StudyFixture(
            segments: segments, survey: "respondent_id,country,role,q1,q2\nR1,KZ,mother,7,2\nR2,KZ,father,1,\nR3,UK,mother,7,2\n",
            analysedCoders: ["C1", "c2"],
            manifestTail: "analysis:\n  tables:\n    - {id: kept-by-country, rows: uncategorised-codes, columns: [country]}\n",
            coverage: "participant_id,coder\nKZ-1,C9\n")
        let found = try problems(of: fixture)
        #expect(found.count == 8)
        #expect(Array(found.prefix(3)) == [7, 1_007, 2_007].map { "segments.csv:\($0 + 2):3: code: unknown code 'bar_nope' (not in codebook test-1)" })
        #expect(found[3].hasPrefix("study.yml:") && found[3].contains("coding.analysed_coders: 'c2' coded no segment"))
        #expect(found[4].hasPrefix("study.yml:") && found[4].contains("analysis.tables 'kept-by-country': rows: uncategorised-codes"))
        #expect(found[5].hasPrefix("coverage.csv:2:2: coder:"))
        #expect(Array(found.suffix(2)) == [Self.surveyProblem(line: 2), Self.surveyProblem(line: 4)])
    }

    /// A segments file that cannot be opened stores the codes and surveys after it, as before.
    @Test func theSurveysAreCheckedWhenTheSegmentsCannotBeRead() throws {
        let fixture = try StudyFixture(survey: "respondent_id,country,role,q1,q2\nR1,KZ,mother,7,2\n")
        try FileManager.default.removeItem(atPath: fixture.path("segments.csv"))
        let found = try problems(of: fixture)
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("segments.csv: cannot read file"))
        #expect(found[1] == Self.surveyProblem(line: 2))
    }

    /// The surveys' progress is reported once the segments' ends, in the order of their reads.
    @Test func theSurveysProgressComesAfterTheSegments() throws {
        let fixture = try StudyFixture()
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        let files = ProgressFiles()
        ingester.progress = { files.add($0.file) }
        let summary = try ingester.ingest(into: try StudyStore.inMemory())
        #expect(summary.respondents.map(\.count) == [3])
        let names = files.names.map { ($0 as NSString).lastPathComponent }
        #expect(names.last == "survey.csv")
        #expect(names.lastIndex(of: "segments.csv")! < names.firstIndex(of: "survey.csv")!)
    }

    /// Problems kept apart and taken in later (`add(contentsOf:)` of the other log's ``InputProblems``)
    /// are listed and counted as if they had been logged in turn: 30 of a file's problems here and 40
    /// there list 50 and count 20; 60 of another file's there list 50 and count 10, and one more of
    /// that file is counted too.
    @Test func aLogTakenInLaterIsCappedInTurn() {
        var first = ProblemLog(), later = ProblemLog(), inTurn = ProblemLog()
        let problems = [
            (1...30).map { InputProblem(file: "a.csv", line: $0, message: "first") },
            (1...40).map { InputProblem(file: "a.csv", line: 100 + $0, message: "later") },
            (1...60).map { InputProblem(file: "b.csv", line: $0, message: "b") },
        ]
        for problem in problems[0] { first.add(problem) }
        for problem in problems[1] + problems[2] { later.add(problem) }
        for problem in problems.joined() { inTurn.add(problem) }
        first.add(contentsOf: later.asError)
        #expect(first.problems == inTurn.problems)
        #expect(first.omitted == inTurn.omitted)
        #expect(first.omitted == 30)
        #expect(first.problems.filter { $0.file == "a.csv" }.count == 50)
        first.add(InputProblem(file: "b.csv", line: 61, message: "b"))
        inTurn.add(InputProblem(file: "b.csv", line: 61, message: "b"))
        #expect(first.omitted == 31 && inTurn.omitted == 31)
    }
}

/// The files a progress handler was told of, in order.
private final class ProgressFiles: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var names: [String] = []

    func add(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        names.append(name)
    }
}

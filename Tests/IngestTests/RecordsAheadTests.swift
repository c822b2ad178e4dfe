import CSVInput
import Foundation
@testable import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// `segments.csv` opened and read on a thread of its own before its loader asks (``RecordsAhead``) gives
/// the records, lines, problems and fingerprint of a reader the loader opens, wherever the thread stopped;
/// and the ingest's problems keep their order (participants.csv's before segments.csv's).
@Suite struct RecordsAheadTests {
    private static let columns = ["segment_id", "participant_id", "code", "coder"]

    /// What a reader gives, read to its end: the opening's problems, each record's line and fields and
    /// each problem, in order, then the counts and the fingerprint.
    private static func transcript(of reader: SourceReader?, log: ProblemLog) -> [String] {
        var log = log
        var lines = log.problems.map(\.description)
        guard let reader else { return lines + ["no reader"] }
        var listed = log.problems.count
        while let record = reader.next(log: &log) {
            lines += log.problems[listed...].map(\.description)
            listed = log.problems.count
            lines.append("\(record.line): \(record.fields.joined(separator: "|"))")
        }
        lines += log.problems[listed...].map(\.description)
        let file = reader.fingerprint(path: "segments.csv", kind: "segments")
        lines.append("records \(reader.recordCount), in full \(reader.readInFull)")
        lines.append("\(file.sha256) \(file.byteCount) \(file.recordCount)")
        return lines
    }

    /// The transcript of a reader opened where it is read.
    private static func plain(_ path: String) -> [String] {
        var log = ProblemLog()
        let reader = SourceReader(path: path, requiredColumns: columns, log: &log)
        return transcript(of: reader, log: log)
    }

    /// The transcript of a reader read ahead with `byteBudget`, opened `waiting` seconds after it started.
    private static func ahead(_ path: String, byteBudget: Int, waiting: Double) -> [String] {
        let ahead = RecordsAhead(
            path: path, requiredColumns: columns, dialect: nil, progress: nil, digestAhead: nil, byteBudget: byteBudget)
        if waiting > 0 { Thread.sleep(forTimeInterval: waiting) }
        var log = ProblemLog()
        let reader = ahead.open(log: &log)
        defer { ahead.stop() }
        return transcript(of: reader, log: log)
    }

    /// A file of `rows` rows of fixture-like segments, with damage at the given rows (0-based): a row short
    /// of a field, invalid UTF-8, or a quote inside an unquoted field.
    static func segments(rows: Int, short: Set<Int> = [], invalid: Set<Int> = [], badQuote: Set<Int> = []) -> [UInt8] {
        var bytes = Array("segment_id,participant_id,code,coder,excerpt\n".utf8)
        for row in 0..<rows {
            if short.contains(row) {
                bytes += Array("S\(row),KZ-1,bar_busy_job\n".utf8)
            } else if invalid.contains(row) {
                bytes += Array("S\(row),KZ-1,bar_busy_job,C1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
            } else if badQuote.contains(row) {
                bytes += Array("S\(row),KZ-1,bar\"busy,C1,x\n".utf8)
            } else {
                bytes += Array("S\(row),KZ-\(row % 7),bar_busy_job,C1,\"Работаю, \"\"допоздна\"\"\nстрока \(row)\"\n".utf8)
            }
        }
        return bytes
    }

    /// Files of segments, clean and damaged, by name.
    static let files: [(String, [UInt8])] = {
        let unterminated: [UInt8] = segments(rows: 50) + Array("S50,KZ-1,x,C1,\"open".utf8)
        let nul: [UInt8] = Array("segment_id,participant_id,code,coder\nS1,KZ-1,x,C1\nS2,KZ-1,".utf8) + [0] + Array(",C1\n".utf8)
        return [
            ("clean", segments(rows: 3_000)),
            ("damaged early and late", segments(rows: 3_000, short: [1, 2_990], invalid: [3, 2_995])),
            ("ended by a bad quote late", segments(rows: 3_000, short: [5], badQuote: [2_900])),
            ("ended by a bad quote early", segments(rows: 3_000, badQuote: [2])),
            ("unterminated at the end", unterminated),
            ("header only", Array("segment_id,participant_id,code,coder\n".utf8)),
            ("empty", []),
            ("a column missing", Array("segment_id,participant_id,code\nS1,KZ-1,x\n".utf8)),
            ("a NUL byte", nul),
        ]
    }()

    @Test(arguments: RecordsAheadTests.files)
    func theReaderGivesWhatAReaderOpenedByTheLoaderGives(name: String, bytes: [UInt8]) throws {
        let fixture = try StudyFixture(survey: nil)
        try fixture.write(bytes: bytes, to: "segments.csv")
        let path = fixture.path("segments.csv")
        let expected = Self.plain(path)
        #expect(expected.count >= 2, "\(name)")
        for byteBudget in [0, 1, 2_000, 100_000, RecordsAhead.byteBudget] {
            // Opened at once (the loader takes over while the thread reads) and once the thread has read
            // what it may (the loader goes on where it stopped).
            for waiting in [0.0, 0.02] {
                let transcript = Self.ahead(path, byteBudget: byteBudget, waiting: waiting)
                #expect(transcript == expected, "\(name): budget \(byteBudget), waiting \(waiting)")
            }
        }
    }

    @Test func aMissingFileIsLoggedWhenOpened() throws {
        let fixture = try StudyFixture(survey: nil)
        let path = fixture.path("absent.csv")
        let expected = Self.plain(path)
        #expect(expected.last == "no reader")
        #expect(expected.count == 2)
        #expect(Self.ahead(path, byteBudget: 0, waiting: 0.02) == expected)
        #expect(Self.ahead(path, byteBudget: 0, waiting: 0) == expected)
    }

    /// A thread whose file is never opened (the ingest failed before its segments) stops when told.
    @Test func aReaderNeverOpenedStops() throws {
        let fixture = try StudyFixture(survey: nil)
        try fixture.write(bytes: Self.segments(rows: 20_000), to: "segments.csv")
        let ahead = RecordsAhead(
            path: fixture.path("segments.csv"), requiredColumns: Self.columns, dialect: nil, progress: nil,
            digestAhead: nil)
        ahead.stop()
        ahead.stop()
    }

    private static func problems(of fixture: StudyFixture) -> [String] {
        do {
            try StudyIngester(studyDirectory: fixture.directory).ingest(into: try StudyStore.inMemory())
            return []
        } catch let error as InputProblems {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    /// A bad participants.csv and a bad segments.csv together: participants.csv's problems first, then
    /// segments.csv's in line order, whichever file the ingest's threads read first.
    @Test func participantsProblemsComeFirst() throws {
        var participants = StudyFixture.participants.split(separator: "\n").map(String.init)
        participants[2] = "KZ-2,XX,father,rural"
        participants.append("KZ-1,KZ,mother,urban")
        var segments = StudyFixture.segments.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        segments[1] = "S1,KZ-1,no_such_code,C1,INT-KZ-1,0,40,x,en"
        segments.insert("S9,KZ-1,bar_busy_job,C1", at: 3)
        segments.insert("S10,NOBODY,bar_busy_job,C1,INT-KZ-1,0,40,x,en", at: segments.count - 1)
        let fixture = try StudyFixture(
            participants: participants.joined(separator: "\n") + "\n", segments: segments.joined(separator: "\n"), survey: nil)
        let problems = Self.problems(of: fixture)
        let participantsProblems = problems.filter { $0.contains("participants.csv:") }
        let segmentsProblems = problems.filter { $0.contains("segments.csv:") }
        #expect(participantsProblems.count == 2)
        #expect(segmentsProblems.count == 3)
        let lastOfParticipants = try #require(problems.lastIndex { $0.contains("participants.csv:") })
        let firstOfSegments = try #require(problems.firstIndex { $0.contains("segments.csv:") })
        #expect(lastOfParticipants < firstOfSegments)
        #expect(participantsProblems.map { $0.split(separator: ":")[1] } == ["3", "8"])
        #expect(segmentsProblems.map { $0.split(separator: ":")[1] } == ["2", "4", "14"])
    }

    /// A segments.csv that is missing, or whose header lacks a column, is reported after participants.csv's
    /// problems, as when the loader opened it.
    @Test(arguments: [nil, "segment_id,participant_id,code\nS1,KZ-1,bar_busy_job\n"])
    func anUnusableSegmentsFileIsReportedInItsPlace(segments: String?) throws {
        let fixture = try StudyFixture(participants: StudyFixture.participants + "KZ-1,KZ,mother,urban\n", survey: nil)
        if let segments {
            try fixture.write(segments, to: "segments.csv")
        } else {
            try FileManager.default.removeItem(atPath: fixture.path("segments.csv"))
        }
        let problems = Self.problems(of: fixture)
        #expect(problems.count == 2)
        #expect(problems.first?.contains("participants.csv:8") == true)
        #expect(problems.last?.contains("segments.csv") == true)
    }

    /// The progress handler hears of segments.csv only after participants.csv, whatever the thread read
    /// ahead (a progress bar draws one file at a time).
    @Test func progressComesFileByFile() throws {
        let fixture = try StudyFixture(survey: nil)
        try fixture.write(bytes: Self.segments(rows: 20_000), to: "segments.csv")
        final class Files: @unchecked Sendable {
            let lock = NSLock()
            var names: [String] = []
        }
        let files = Files()
        var ingester = try StudyIngester(studyDirectory: fixture.directory)
        ingester.progress = { progress in
            files.lock.withLock {
                let name = (progress.file as NSString).lastPathComponent
                if files.names.last != name { files.names.append(name) }
            }
        }
        // Its participant ids are not all in participants.csv: the ingest fails, having read every file.
        _ = try? ingester.ingest(into: try StudyStore.inMemory())
        #expect(files.names == ["participants.csv", "segments.csv"])
    }
}

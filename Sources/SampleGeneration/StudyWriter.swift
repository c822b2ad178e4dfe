import Statistics
import Foundation
import StudyModel

/// A survey instrument and the path it was read from (the manifest points to it).
public struct InstrumentFile: Sendable {
    public var instrument: Instrument
    public var path: String

    public init(instrument: Instrument, path: String) {
        self.instrument = instrument
        self.path = path
    }
}

/// What was written, with the counts `PLANTED.md` reports.
public struct GenerationSummary: Sendable {
    public var configuration: SampleStudy
    /// The study folder.
    public var directory: String
    /// The files written, relative to the study folder, in writing order.
    public var files: [String]
    public var participants: Int
    /// Rows of `segments.csv` (all coders).
    public var segmentRows: Int
    /// The mean number of segments per present code the generator chose to meet the segment target.
    public var segmentsPerPresentCode: Double
    public var interviews: InterviewTally
    public var surveys: [SurveyTally]
}

/// Writes a synthetic study folder: `participants.csv`, `segments.csv`, one survey CSV per instrument,
/// `study.yml` and `PLANTED.md`. Segments are generated and written one participant at a time, so a
/// study of ten million segment rows needs little more memory than one of two thousand.
public struct StudyWriter: Sendable {
    public var configuration: SampleStudy
    public var codebook: Codebook
    /// Where the codebook was read from (the manifest points to it).
    public var codebookPath: String
    public var instruments: [InstrumentFile]

    public init(configuration: SampleStudy, codebook: Codebook, codebookPath: String, instruments: [InstrumentFile]) {
        self.configuration = configuration
        self.codebook = codebook
        self.codebookPath = codebookPath
        self.instruments = instruments
    }

    /// Writes the study into `directory` (created if needed; existing files of the same names are replaced).
    /// - Throws: ``SampleGenerationError`` for a bad configuration or a file that cannot be written.
    @discardableResult
    public func write(to directory: String) throws -> GenerationSummary {
        let problems = configuration.problems
        if !problems.isEmpty { throw SampleGenerationError(problems.joined(separator: "; ")) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleGenerationError("\(directory): cannot create the study folder: \(error)")
        }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

        let seed = configuration.seed
        let roster = ParticipantRoster(count: configuration.participants, seed: seed)
        let model = PresenceModel(codebook: codebook, seed: seed)
        let plan = makePlan(roster: roster, model: model)
        // Rows ≈ segments per present code × (present codes + those C2 recodes).
        let applications = plan.totalPresent + plan.presentAmongSecondCoded
        let perCode = applications > 0 ? Double(configuration.segmentTarget) / Double(applications) : 1
        let coder = InterviewCoder(model: model, segmentsPerPresentCode: min(InterviewCoder.maximumMean, max(1, perCode)), seed: seed)

        try Self.writeParticipants(roster, to: path("participants.csv"))
        let (tally, segmentRows) = try writeSegments(roster: roster, plan: plan, coder: coder, to: path("segments.csv"))
        let ordered = Self.surveyFiles(for: instruments)
        let surveys = try writeSurveys(ordered, path: path)

        let summary = GenerationSummary(
            configuration: configuration, directory: directory,
            files: ["participants.csv", "segments.csv"] + ordered.map(\.name) + [StudyManifest.fileName, "PLANTED.md"],
            participants: roster.count, segmentRows: segmentRows,
            segmentsPerPresentCode: coder.segmentsPerPresentCode, interviews: tally, surveys: surveys)
        let manifest = ManifestText.make(
            configuration: configuration, directory: directory, codebookPath: codebookPath,
            surveys: ordered.map { ($0.name, $0.file.path) })
        try Self.writeText(manifest, to: path(StudyManifest.fileName))
        try Self.writeText(PlantedReport.make(summary: summary, model: model), to: path("PLANTED.md"))
        return summary
    }

    /// Chooses the uncoded and the double-coded participants (exact counts, streams of their own) and
    /// allocates code presence.
    private func makePlan(roster: ParticipantRoster, model: PresenceModel) -> PresencePlan {
        let seed = configuration.seed
        let uncoded = Self.select(configuration.uncodedParticipants, of: roster.count, seed: seed, stream: 30)
        let eligible = roster.count - configuration.uncodedParticipants
        let doubleCodedCount = Int((configuration.secondCoderShare * Double(eligible)).rounded())
        let doubleCodedAmongEligible = Self.select(doubleCodedCount, of: eligible, seed: seed, stream: 31)
        var doubleCoded = [Bool](repeating: false, count: roster.count)
        var eligibleIndex = 0
        for index in 0..<roster.count where !uncoded[index] {
            doubleCoded[index] = doubleCodedAmongEligible[eligibleIndex]
            eligibleIndex += 1
        }
        return PresencePlan(model: model, roster: roster, uncoded: uncoded, doubleCoded: doubleCoded, seed: seed)
    }

    /// Streams `segments.csv`, one participant at a time: `C1`'s rows, then `C2`'s.
    private func writeSegments(
        roster: ParticipantRoster, plan: PresencePlan, coder: InterviewCoder, to path: String
    ) throws -> (InterviewTally, rows: Int) {
        var tally = InterviewTally(codeCount: codebook.codes.count)
        let codeIDs = codebook.codes.map(\.id)
        let file = try CSVFieldWriter(path: path)
        try file.writeRow([
            "segment_id", "participant_id", "code", "coder", "document", "start", "end", "excerpt", "language",
        ])
        for index in 0..<roster.count {
            let participant = roster.participant(at: index)
            let interview = coder.code(
                participant, index: index, present: plan.presence(of: index), flips: plan.flips(of: index))
            tally.add(interview, of: participant, codes: codeIDs)
            let document = "INT-\(participant.id)"
            for coderID in ["C1", "C2"] {
                for segment in interview.segments {
                    let start = String(segment.start), end = String(segment.end)
                    for code in coderID == "C1" ? segment.firstCoderCodes : segment.secondCoderCodes {
                        try file.writeRow([
                            segment.id, participant.id, codeIDs[code], coderID, document, start, end,
                            segment.excerpt, segment.language.rawValue,
                        ])
                    }
                }
            }
        }
        try file.close()
        return (tally, file.rowCount - 1)
    }

    /// Writes one survey file per instrument: ``SurveyPlan/teacherShare`` of the respondents answer the
    /// teacher instrument when parents answer another; each instrument has a random stream of its own.
    private func writeSurveys(
        _ ordered: [(name: String, file: InstrumentFile)], path: (String) -> String
    ) throws -> [SurveyTally] {
        let total = configuration.surveyRespondents
        let hasTeachers = ordered.contains { $0.file.instrument.respondents == "teacher" }
        let hasOthers = ordered.contains { $0.file.instrument.respondents != "teacher" }
        let teachers = hasOthers ? Int((Double(total) * SurveyPlan.teacherShare).rounded()) : total
        var surveys: [SurveyTally] = []
        for (position, entry) in ordered.enumerated() {
            let respondents =
                entry.file.instrument.respondents == "teacher" ? teachers : hasTeachers ? total - teachers : total
            surveys.append(
                try SurveyWriter.write(
                    instrument: entry.file.instrument, respondents: respondents, path: path(entry.name),
                    fileName: entry.name, seed: configuration.seed, stream: 40 + UInt64(position)))
        }
        return surveys
    }

    /// Instruments with their survey file names, teacher instruments first (the manifest's order).
    static func surveyFiles(for instruments: [InstrumentFile]) -> [(name: String, file: InstrumentFile)] {
        let ordered =
            instruments.filter { $0.instrument.respondents == "teacher" }
            + instruments.filter { $0.instrument.respondents != "teacher" }
        var names: [String] = []
        for file in ordered {
            let byRespondents = "survey-\(file.instrument.respondents)s.csv"
            let shared = ordered.filter { $0.instrument.respondents == file.instrument.respondents }.count > 1
            names.append(shared ? "survey-\(file.instrument.id).csv" : byRespondents)
        }
        return Array(zip(names, ordered)).map { (name: $0.0, file: $0.1) }
    }

    /// Exactly `count` of `total` positions, chosen uniformly (selection sampling, Knuth's algorithm S).
    static func select(_ count: Int, of total: Int, seed: UInt64, stream: UInt64) -> [Bool] {
        var random = SeededGenerator(seed: seed, stream: stream)
        var chosen = [Bool](repeating: false, count: total)
        var needed = count
        for index in 0..<total where needed > 0 {
            if random.uniform(below: total - index) < needed {
                chosen[index] = true
                needed -= 1
            }
        }
        return chosen
    }

    private static func writeParticipants(_ roster: ParticipantRoster, to path: String) throws {
        let file = try CSVFieldWriter(path: path)
        try file.writeRow([
            "participant_id", "country", "role", "gender", "school_id", "setting", "child_age_band", "language",
            "quote_consent",
        ])
        for index in 0..<roster.count {
            let p = roster.participant(at: index)
            try file.writeRow([
                p.id, p.country, p.role, p.gender, p.schoolID, p.setting, p.childAgeBand, p.language, p.quoteConsent,
            ])
        }
        try file.close()
    }

    private static func writeText(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            throw SampleGenerationError("\(path): cannot write: \(error)")
        }
    }
}

/// Writes a synthetic study into `directory`: the generator's entry point (see ``StudyWriter``).
/// - Throws: ``SampleGenerationError``.
@discardableResult
public func writeStudy(
    configuration: SampleStudy, codebook: Codebook, codebookPath: String, instruments: [InstrumentFile],
    to directory: String
) throws -> GenerationSummary {
    try StudyWriter(configuration: configuration, codebook: codebook, codebookPath: codebookPath, instruments: instruments)
        .write(to: directory)
}

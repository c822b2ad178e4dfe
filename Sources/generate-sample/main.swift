import ArgumentParser
import Foundation
import SampleGeneration
import StudyModel

/// `generate-sample`: writes the seeded synthetic study. Without flags it rewrites the committed sample
/// in `data/sample/`; with `--participants` and `--segments` it makes benchmark studies.
struct GenerateSample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-sample",
        abstract: "Write the seeded synthetic Kazakhstan–UK study (participants, segments, surveys, study.yml).",
        discussion: """
            The same seed and sizes always give byte-identical files. Run from the package root, without \
            flags, to regenerate data/sample/. Benchmark studies: \
            generate-sample --participants 60000 --segments 1000000 --output /tmp/big
            """)

    @Option(help: "Interviewed participants, split evenly between KZ and UK.")
    var participants = SampleStudy.sample.participants

    @Option(help: "Target number of rows in segments.csv (code applications of all coders).")
    var segments = SampleStudy.sample.segmentTarget

    @Option(name: .customLong("second-coder-share"), help: "Share of participants also coded by C2 (0–1).")
    var secondCoderShare = SampleStudy.sample.secondCoderShare

    @Option(name: .customLong("survey-respondents"), help: "Survey respondents over both instruments (30% teachers).")
    var surveyRespondents = SampleStudy.sample.surveyRespondents

    @Option(name: .customLong("uncoded"), help: "Participants planted with no coded segment (default: 1 per 120, at least 1).")
    var uncodedParticipants: Int?

    @Option(help: "The random seed.")
    var seed = SampleStudy.sample.seed

    @Option(help: "The study folder to write.")
    var output = "data/sample"

    @Option(help: "The codebook.")
    var codebook = "data/codebook.yml"

    @Option(
        name: .customLong("instrument"),
        help: "A survey instrument (repeatable; default: every data/instruments/*.yml).")
    var instruments: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        let study = SampleStudy(
            participants: participants, segmentTarget: segments, secondCoderShare: secondCoderShare,
            surveyRespondents: surveyRespondents, uncodedParticipants: uncodedParticipants, seed: seed)
        let problems = study.problems
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }

        let instrumentPaths = try instruments.isEmpty ? Self.defaultInstruments() : instruments
        let loadedCodebook: Codebook
        var loadedInstruments: [InstrumentFile] = []
        do {
            loadedCodebook = try Codebook(path: codebook)
            for path in instrumentPaths {
                loadedInstruments.append(InstrumentFile(instrument: try Instrument(path: path), path: path))
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }

        let summary: GenerationSummary
        do {
            summary = try writeStudy(
                configuration: study, codebook: loadedCodebook, codebookPath: codebook, instruments: loadedInstruments,
                to: output)
        } catch {
            FileHandle.standardError.write(Data("generate-sample: \(error)\n".utf8))
            throw ExitCode.failure
        }
        if !quiet {
            print(
                "wrote \(output): \(summary.participants) participants, \(summary.interviews.segments) segments, "
                    + "\(summary.segmentRows) segment rows, "
                    + summary.surveys.map { "\($0.respondentsByCountry.reduce(0, +)) in \($0.fileName)" }
                    .joined(separator: ", "))
        }
    }

    /// Every `*.yml` in `data/instruments/`, sorted by name.
    static func defaultInstruments() throws -> [String] {
        let directory = "data/instruments"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw ValidationError("\(directory): not found; run from the package root or pass --instrument")
        }
        return names.filter { $0.hasSuffix(".yml") }.sorted().map { "\(directory)/\($0)" }
    }
}

GenerateSample.main()

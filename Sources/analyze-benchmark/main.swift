import Analysis
import ArgumentParser
import CSVInput
import Foundation
import Glibc
import Ingest
import JSONOutput
import SampleGeneration
import Storage
import StudyModel

/// `analyze-benchmark`: generates a large synthetic study, ingests it and cross-tabulates it, and
/// prints the time of each stage, rows per second and peak memory (resident set size).
///
/// A benchmark, not a test: it prints figures and asserts nothing. Run it in a release build:
///
///     swift build -c release --product analyze-benchmark
///     .build/release/analyze-benchmark --segments 1000000
///
/// `--parse-only FILE` only streams one CSV file through the project's reader (``CSVReader``) and prints
/// records, fields, seconds and MB/s: the micro-benchmark `scripts/benchmark.py` sets beside a bare C
/// libcsv parse.
///
/// `--encode-results FILE` only decodes a `results.json` and encodes it again, whole and table by table
/// (``SortedJSONEncoder``, what `analyze run` writes into `results.json` and a report's
/// `tables/<id>.json`), `--rounds` times, and prints the median milliseconds of each.
struct AnalyzeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze-benchmark",
        abstract: "Generate, ingest and cross-tabulate a synthetic study; print rows per second and peak memory.")

    @Option(help: "Rows of segments.csv to generate.")
    var segments = 1_000_000

    @Option(help: "Participants (default: one per 16 segments).")
    var participants: Int?

    @Option(help: "Where to write the study and its store (default: a new temporary folder, removed afterwards).")
    var directory: String?

    @Option(help: "The codebook.")
    var codebook = "data/codebook.yml"

    @Option(
        name: .customLong("parse-only"),
        help: "Only stream this CSV file through the CSV reader and print records, fields and MB/s.")
    var parseOnly: String?

    @Option(
        name: .customLong("encode-results"),
        help: "Only decode this results.json and encode it again; print the median milliseconds of each encoding.")
    var encodeResults: String?

    @Option(help: "Rounds of --encode-results.")
    var rounds = 20

    func run() throws {
        if let parseOnly { return try parse(parseOnly) }
        if let encodeResults { return try encode(encodeResults) }
        let folder = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("analyze-benchmark-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }

        let instrumentPaths = ["data/instruments/teacher-checklist.yml", "data/instruments/parent-involvement.yml"]
        let study = SampleStudy(
            participants: participants ?? max(2, segments / 16), segmentTarget: segments, secondCoderShare: 0.15,
            surveyRespondents: 3_000, seed: 20_251_129)
        var clock = Stopwatch()
        let generated = try writeStudy(
            configuration: study, codebook: try Codebook(path: codebook), codebookPath: codebook,
            instruments: try instrumentPaths.map { InstrumentFile(instrument: try Instrument(path: $0), path: $0) },
            to: folder)
        let generation = clock.lap()
        let segmentsBytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/segments.csv")[.size] as? Int) ?? 0
        print("generated  \(generated.participants) participants, \(generated.segmentRows) segment rows "
            + "(\(megabytes(segmentsBytes)) MiB) in \(seconds(generation)) s; peak RSS \(peakResidentMiB()) MiB")

        let storePath = folder + "/.analyze/study.sqlite"
        try FileManager.default.createDirectory(atPath: folder + "/.analyze", withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: storePath)
        let ingester = try StudyIngester(studyDirectory: folder)
        clock = Stopwatch()
        let summary = try ingester.ingest(intoStoreAt: storePath)
        let ingest = clock.lap()
        print("ingest     \(summary.segmentRows) rows in \(seconds(ingest)) s: "
            + "\(Int(Double(summary.segmentRows) / ingest)) rows/s, \(megabytes(Int(Double(segmentsBytes) / ingest))) MiB/s; "
            + "peak RSS \(peakResidentMiB()) MiB")

        clock = Stopwatch()
        let results = try StudyAnalysis(manifest: ingester.manifest, store: StudyStore(path: storePath), onlyPlanAttributes: true).run()
        let analysis = clock.lap()
        print("analyze    \(results.tables.count) tables over \(summary.segmentRows) rows in \(seconds(analysis)) s: "
            + "\(Int(Double(summary.segmentRows) / analysis)) rows/s; peak RSS \(peakResidentMiB()) MiB")
    }

    /// Streams `path` through ``CSVReader`` (strict libcsv, line numbers, UTF-8 checked, parsed ahead on the
    /// reader's own thread: what ingest reads with; fields are not decoded) and prints what it read and how fast (MB = 10⁶ bytes).
    private func parse(_ path: String) throws {
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var clock = Stopwatch()
        let reader = try CSVReader(path: path)
        var records = 0, fields = 0
        while let record = try reader.next() {
            records += 1
            fields += record.count
        }
        let elapsed = clock.lap()
        print("parse      \(records) records, \(fields) fields, \(bytes) bytes in \(seconds(elapsed)) s: "
            + String(format: "%.1f", Double(bytes) / elapsed / 1e6) + " MB/s; peak RSS \(peakResidentMiB()) MiB")
    }

    /// Decodes the results at `path` and times their JSON encodings (medians of ``rounds`` rounds, one
    /// thread for the tables one by one; `jsonData()` on all cores, as the tool runs it).
    private func encode(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
        let results = try AnalysisResults(jsonData: data)
        let encoder = SortedJSONEncoder()
        var whole: [Double] = [], tables: [Double] = []
        var bytes = 0
        for _ in 0..<max(1, rounds) {
            var clock = Stopwatch()
            bytes = try results.jsonData().count
            whole.append(clock.lap())
            for table in results.tables { _ = try encoder.encode(table) }
            tables.append(clock.lap())
        }
        func median(_ values: [Double]) -> String { String(format: "%.2f", values.sorted()[values.count / 2] * 1000) }
        print("encode     results.json (\(bytes) bytes, \(results.tables.count) tables) in \(median(whole)) ms on all cores; "
            + "the tables one by one in \(median(tables)) ms (medians of \(whole.count))")
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
    private func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    /// The process's peak resident set size so far (`getrusage`, Linux reports KiB).
    private func peakResidentMiB() -> String {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return String(format: "%.1f", Double(usage.ru_maxrss) / 1024)
    }
}

/// Measures wall-clock intervals with the monotonic clock.
struct Stopwatch {
    private var start = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the start or the last lap.
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { start = now }
        return Double(now - start) / 1e9
    }
}

AnalyzeBenchmark.main()

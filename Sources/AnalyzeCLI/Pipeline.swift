import Analysis
import FileSafety
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel

/// The three stages as functions the commands (and tests) call.
enum Pipeline {
    /// Ingests the study into a new store file that replaces the old one only when the ingest succeeds:
    /// a failed ingest leaves the store exactly as it was (absent, if it was absent).
    static func ingest(_ options: StudyOptions, progress: IngestProgressHandler? = nil) throws -> IngestSummary {
        let ingested = try ingestedBeside(options, progress: progress)
        try ingested.place()
        return ingested.summary
    }

    /// An ingest whose new store file is written whole beside its place, to be synced and put in place
    /// (``place()``): `analyze run` analyses the file (``BuiltStore/file``) while it is synced.
    struct Ingested {
        let summary: IngestSummary
        /// The study's manifest, read once for the stages that follow.
        let manifest: StudyManifest
        let store: BuiltStore
        /// The store's folder when the ingest made it: removed again when the store is not put in place.
        let createdDirectory: URL?

        /// What the ingest kept of the store's contents for the analysis (`analyze run`): the pass over the
        /// summary of the coding made as the rows were checked (when the store's summaries are those rows),
        /// and the survey respondents.
        var keptForAnalysis: IngestedStudy {
            let coding = store.summariesStreamed ? summary.observedCoding as? StreamedCodingPass : nil
            return IngestedStudy(coding: coding, respondents: summary.keptRespondents)
        }

        /// Syncs the store and puts it in place (``BuiltStore/place()``).
        func place() throws {
            do {
                try store.place()
            } catch {
                if let createdDirectory { try? FileManager.default.removeItem(at: createdDirectory) }
                throw error
            }
        }
    }

    /// ``ingest(_:progress:)`` up to its store written beside its place (``Ingested``). `keepingForAnalysis`:
    /// keep what the analysis of `analyze run` reads of the store (``Ingested/keptForAnalysis``).
    static func ingestedBeside(
        _ options: StudyOptions, progress: IngestProgressHandler? = nil, keepingForAnalysis: Bool = false
    ) throws -> Ingested {
        var ingester = try StudyIngester(studyDirectory: options.studyDirectory)
        ingester.progress = progress
        if keepingForAnalysis {
            ingester.keepsRespondents = true
            let policy = ingester.manifest.coding
            ingester.codingObserver = { participants, codes in
                // Up to 50,000 participants: the pass's arrays then live beside the ingest's own memory
                // (a larger study's pass reads the store after the ingest, as `analyze analyze` does).
                participants <= StreamedCodingPass.participantLimit
                    ? StreamedCodingPass(participants: participants, codes: codes, policy: policy) : nil
            }
        }
        // The store replaces only a store: never a study input or any other file (`--store participants.csv`).
        if FileManager.default.fileExists(atPath: options.storePath), !StudyStore.isStudyStore(at: options.storePath) {
            throw InputProblem(
                file: options.storePath,
                message: "exists and is not a store of analyze: it was left as it is; give --store a new path or an earlier store")
        }
        let directory = URL(fileURLWithPath: options.storePath).deletingLastPathComponent()
        let manager = FileManager.default
        let createdDirectory = !manager.fileExists(atPath: directory.path)
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
            let (summary, store) = try ingester.ingest(besideStoreAt: options.storePath)
            return Ingested(summary: summary, manifest: ingester.manifest, store: store, createdDirectory: createdDirectory ? directory : nil)
        } catch {
            if createdDirectory { try? manager.removeItem(at: directory) }
            throw error
        }
    }

    /// Runs the analysis plan over the store and writes the results JSON.
    static func analyze(_ options: StudyOptions) throws -> AnalysisResults {
        let analysis = try analyzed(options, encoding: true)
        try writeResults(try analysis.json ?? analysis.results.jsonData(), options)
        analysis.keepConfirmedInputStats()
        return analysis.results
    }

    /// Writes the results JSON (``AnalysisResults/jsonData()``) where the options say.
    static func writeResults(_ json: Data, _ options: StudyOptions) throws {
        try AtomicFile.write(json, to: options.resultsPath)
    }

    /// The results of the analysis plan, and the input stats its staleness check confirmed.
    struct Analyzed {
        let results: AnalysisResults
        /// The results' JSON, when it was encoded as the tables were computed (``StudyAnalysis/runEncoded()``).
        var json: Data? = nil
        /// The stats to keep beside the store, or `nil` when there is nothing new to keep.
        let confirmedInputStats: ConfirmedInputStats?
        let storePath: String

        /// Keeps the stats the staleness check confirmed beside the store (``ConfirmedInputsFile``), after
        /// the results are written: a shortcut for the next check, whose loss costs only a hash.
        func keepConfirmedInputStats() {
            if let confirmedInputStats { ConfirmedInputsFile.keep(confirmedInputStats, besideStore: storePath) }
        }
    }

    /// Runs the analysis plan over the store, after checking that the store is up to date and that the
    /// results may be written where the options say; writes nothing. `manifest`: the study's manifest when
    /// it was just read (by the ingest of `analyze run`), else it is read. `storeFile`: the file to read the
    /// store from, when it is not yet in place (``BuiltStore/file``: `analyze run`'s new store while it is
    /// synced). `definitions`: the codebook and the instruments that store holds, when the ingest that built
    /// it gave them (``IngestSummary/stored``), else they are read from it. `encoding`: encode the results'
    /// JSON too, each table as soon as it is computed (``Analyzed/json``).
    static func analyzed(
        _ options: StudyOptions, manifest: StudyManifest? = nil, storeFile: String? = nil,
        definitions: StoredDefinitions? = nil, ingested: IngestedStudy? = nil, encoding: Bool = false
    ) throws -> Analyzed {
        // Results replace only results: never a study input or any other file (`--results participants.csv`).
        // Results of an earlier version of analyze (which this one may not read) are results too. The file
        // is looked at on another core while the manifest and the store are read, and judged in turn.
        let resultsPath = options.resultsPath
        let replacesOtherFile = BackgroundValue<Bool, Never> {
            FileManager.default.contents(atPath: resultsPath).map { !ResultsFileMarker.marksResults($0) } ?? false
        }
        let ingester = try manifest.map(StudyIngester.init(manifest:)) ?? StudyIngester(studyDirectory: options.studyDirectory)
        let storeFile = storeFile ?? options.storePath
        guard FileManager.default.fileExists(atPath: storeFile) else { throw AnalysisError.emptyStore }
        let store = try StudyStore(path: storeFile)
        let check = try ingester.checkInputs(since: store, confirmed: ConfirmedInputsFile.read(besideStore: options.storePath))
        if let changed = check.changedFiles.first { throw AnalysisError.staleStore(file: changed) }
        if replacesOtherFile.value() {
            throw InputProblem(
                file: options.resultsPath,
                message: "exists and is not analysis results of analyze: it was left as it is; give --results a new path or earlier results")
        }
        let analysis = try StudyAnalysis(
            manifest: ingester.manifest, store: store, onlyPlanAttributes: true, definitions: definitions, ingested: ingested)
        guard encoding else {
            // `analyze run`: the study data freed here, before the report gives the free pages back
            // (`MallocTuning.returnFreePages`) and allocates.
            return Analyzed(results: try analysis.run(), confirmedInputStats: check.confirmedStats, storePath: options.storePath)
        }
        let (results, json) = try analysis.runEncoded()
        // The study data, the largest values of the run, freed on another core while the results are written.
        ReleasedElsewhere.drop((consume analysis, consume store))
        return Analyzed(results: results, json: json, confirmedInputStats: check.confirmedStats, storePath: options.storePath)
    }

    /// Renders the results into the report folder: `analyzed`, the results ``analyze(_:)`` has just
    /// written (`analyze run`), or else those read from the results file.
    static func report(
        _ options: StudyOptions, output: String?, suppression: Bool, notebooks: String?, language: Language = .en,
        analyzed: AnalysisResults? = nil
    ) throws -> (directory: String, files: [String]) {
        try render(options, output: output, suppression: suppression, notebooks: notebooks, language: language, analyzed: analyzed).write()
    }

    /// A report made, its files written into the private folder beside its place as they were made, to
    /// be put in place.
    struct RenderedReport {
        let directory: String
        let files: [(path: String, contents: String)]
        /// The files written so far, or why the folder could not be begun (said by ``write()``, once the
        /// report is made). A draft never finished is removed when released (a run whose results could
        /// not be written).
        let draft: Result<ReportDraft, any Error>

        /// Puts the report in place (``ReportDraft/finish(_:)``), or says why its folder could not be begun.
        func write() throws -> (directory: String, files: [String]) {
            (directory, try draft.get().finish(files))
        }

        /// Removes what was written of the report: it is not put in place.
        func discard() {
            (try? draft.get())?.discard()
        }
    }

    /// The report of ``report(_:output:suppression:notebooks:language:analyzed:)``, made but not written.
    static func render(
        _ options: StudyOptions, output: String?, suppression: Bool, notebooks: String?, language: Language = .en,
        analyzed: AnalysisResults? = nil
    ) throws -> RenderedReport {
        // Results just computed from the store (`analyze run`) are its own: only results read from the file
        // are checked against it.
        let results: AnalysisResults
        if let analyzed {
            results = analyzed
        } else {
            results = try readResults(options)
            try checkResults(results, belongToStoreAt: options.storePath, resultsPath: options.resultsPath)
        }
        let directory = output ?? URL(fileURLWithPath: options.studyDirectory).appendingPathComponent("reports").path
        var builder = ReportBuilder(
            results: results, language: language, sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
            suppression: suppression)
        if let notebooks {
            builder.notebooks = try Notebook.load(from: notebooks, language: language)
            let manifest = try StudyManifest(directory: options.studyDirectory)
            let storePath = options.storePath
            var analysis: StudyAnalysis?
            func loaded() throws -> StudyAnalysis {
                if let analysis { return analysis }
                let fresh = try StudyAnalysis(manifest: manifest, store: StudyStore(path: storePath))
                analysis = fresh
                return fresh
            }
            builder.computeTable = { spec in try loaded().table(for: spec) }
            builder.computeBasis = { specs in try loaded().disclosureBasis(for: manifest.plan + specs) }
            builder.quotes = { code, limit in try loaded().quotes(code: code, limit: limit) }
        }
        // The folder begun before the report is made, so that each file is written as it is made; its
        // problems (a folder of other files, no permission) are said after the report's own.
        let draft = Result { try ReportDraft(directory) }
        // The files every report of these results has, made while the disclosure pass leaves a core idle.
        (try? draft.get())?.reserve(builder.plannedFiles)
        do {
            return RenderedReport(directory: directory, files: try builder.files(writingInto: try? draft.get()), draft: draft)
        } catch {
            (try? draft.get())?.discard()
            throw error
        }
    }

    /// The results file, decoded.
    static func readResults(_ options: StudyOptions) throws -> AnalysisResults {
        guard let data = FileManager.default.contents(atPath: options.resultsPath) else {
            throw InputProblem(file: options.resultsPath, message: "no analysis results: run 'analyze analyze' first")
        }
        do {
            return try AnalysisResults(jsonData: data)
        } catch {
            throw InputProblem(
                file: options.resultsPath, message: "cannot read the analysis results (from another version?): run 'analyze analyze' again")
        }
    }

    /// Results are made from one ingest: where the store is there, its inputs (paths and SHA-256) must be
    /// those the results record, or a report would mix two studies (tables from one, notebook crosstabs
    /// and quotes from the other).
    static func checkResults(_ results: AnalysisResults, belongToStoreAt storePath: String, resultsPath: String) throws {
        guard FileManager.default.fileExists(atPath: storePath), StudyStore.isStudyStore(at: storePath) else { return }
        let (study, stored) = try StudyStore(path: storePath).read { (try $0.study(), try $0.sourceFiles()) }
        func key(_ files: [SourceFileRecord]) -> [String] { files.map { "\($0.path) \($0.sha256)" }.sorted() }
        guard key(stored) != key(results.sourceFiles) else { return }
        let storedHashes = Dictionary(stored.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let differing = results.sourceFiles.first { storedHashes[$0.path] != $0.sha256 }?.path
            ?? stored.first { file in !results.sourceFiles.contains { $0.path == file.path } }?.path ?? ""
        let other = study.map { $0.name != results.study.name } == true ? "; the store holds another study" : ""
        throw InputProblem(
            file: resultsPath,
            message: "the results were not made from the store \(storePath) (\(differing) differs\(other)):"
                + " run 'analyze analyze' (or 'analyze run') to make them again")
    }
}

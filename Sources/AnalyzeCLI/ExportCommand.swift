import Analysis
import ArgumentParser
import FileSafety
import Foundation
import Ingest
import QDAExchange
import Storage
import StudyModel

/// `analyze export …`: the study in the formats of coding tools.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the study in the exchange formats of coding tools.",
        subcommands: [ExportCodebookCommand.self, ExportMatrixCommand.self, ExportProjectCommand.self])
}

/// `analyze export codebook STUDY_DIR --format qdc --output FILE`: the codebook as a REFI-QDA codebook.
struct ExportCodebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codebook",
        abstract: "Write the study's codebook as a REFI-QDA codebook (.qdc) for NVivo, MAXQDA, ATLAS.ti, QualCoder.",
        discussion: """
            The file is the same byte for byte for the same codebook, and reads back unchanged as a codebook
            (codebook: FILE.qdc in study.yml). An existing file is replaced only if analyze wrote it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case qdc
    }

    @Argument(help: "The study folder (holding study.yml).")
    var studyDirectory: String

    @Option(help: "The exchange format (qdc: REFI-QDA codebook).")
    var format: Format = .qdc

    @Option(help: "The file to write.")
    var output: String

    @OptionGroup var talk: OutputOptions

    func run() throws {
        let codebook = try reportingProblems(command: "export", output: talk) {
            try Self.export(studyDirectory: studyDirectory, to: output)
        }
        if talk.json {
            Terminal.printJSON(["command": "export", "file": output, "format": format.rawValue, "codes": codebook.codes.count])
        } else if !talk.quiet {
            print("Wrote \(codebook.codes.count) codes of codebook \(codebook.version) into \(output).")
        }
    }

    /// Writes the codebook of the study at `studyDirectory` to `path`, refusing to replace a file that is
    /// not a codebook analyze wrote.
    @discardableResult
    static func export(studyDirectory: String, to path: String) throws -> Codebook {
        let manifest = try StudyManifest(directory: studyDirectory)
        let codebook = try CodebookSource.load(path: manifest.path(of: manifest.codebook))
        try refuseForeignFile(at: path, kind: "a codebook") {
            String(decoding: $0.prefix(200), as: UTF8.self).contains("origin=\"\(QDCLayout.originPrefix)")
        }
        try AtomicFile.write(Data(QDCCodebookWriter.document(for: codebook).utf8), to: path)
        return codebook
    }
}

/// Throws unless `path` is new or holds a file analyze wrote (`isOurs`): an export never replaces anything else.
func refuseForeignFile(at path: String, kind: String, isOurs: (Data) -> Bool) throws {
    guard let existing = FileManager.default.contents(atPath: path), !isOurs(existing) else { return }
    throw InputProblem(
        file: path,
        message: "exists and is not \(kind) written by analyze: it was left as it is; give --output a new path or an earlier export")
}

/// The analysis of the study's store, which must exist and be up to date with the study's files.
func ingestedAnalysis(_ options: StudyOptions) throws -> (analysis: StudyAnalysis, store: StudyStore) {
    let ingester = try StudyIngester(studyDirectory: options.studyDirectory)
    guard FileManager.default.fileExists(atPath: options.storePath) else { throw AnalysisError.emptyStore }
    let store = try StudyStore(path: options.storePath)
    // The stats an earlier `analyze` confirmed are trusted here too; an export does not add to them.
    let check = try ingester.checkInputs(since: store, confirmed: ConfirmedInputsFile.read(besideStore: options.storePath))
    if let changed = check.changedFiles.first { throw AnalysisError.staleStore(file: changed) }
    return (try StudyAnalysis(manifest: ingester.manifest, store: store), store)
}

/// The options of an export from the ingested store: the study, the file to write, and whether participants are
/// named by id.
struct StoreExportOptions: ParsableArguments {
    @OptionGroup var study: StudyOptions

    @Option(help: "The file to write.")
    var output: String

    @Flag(help: "Write participant ids (and document names) instead of pseudonyms (internal work: never publish the file).")
    var ids = false
}

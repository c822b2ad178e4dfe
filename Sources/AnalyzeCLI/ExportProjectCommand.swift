import ArgumentParser
import FileSafety
import Foundation
import QDAExchange

/// `analyze export project STUDY_DIR --format qdpx --output FILE.qdpx`: the study as a REFI-QDA project, for
/// the team to go on coding in NVivo, MAXQDA, ATLAS.ti or QualCoder.
struct ExportProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Write the study as a REFI-QDA project (.qdpx): coders, codebook, cases and coded excerpts.",
        discussion: """
            One case per participant under the pseudonym quotes use (P-001, …) with country, role and the other
            attributes; one text source per participant and document holding its coded excerpts, each coded
            by every coder who coded it. The file holds excerpts (personal data): it is for the team, not for
            publication. Participant ids and document names appear only with --ids. Needs an ingested store;
            the file is the same byte for byte when written again; an existing file is replaced only if
            analyze wrote it.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case qdpx
    }

    @OptionGroup var options: StoreExportOptions

    @Option(help: "The exchange format (qdpx: REFI-QDA project).")
    var format: Format = .qdpx

    @OptionGroup var talk: OutputOptions

    func run() throws {
        let output = options.output
        let project = try reportingProblems(command: "export", output: talk) {
            try Self.export(options.study, to: output, ids: options.ids)
        }
        let sources = project.cases.reduce(0) { $0 + $1.sources.count }
        if talk.json {
            Terminal.printJSON([
                "command": "export", "file": output, "format": format.rawValue, "cases": project.cases.count, "sources": sources,
            ])
        } else if !talk.quiet {
            print("Wrote \(project.cases.count) cases with \(sources) coded sources into \(output).")
        }
    }

    /// Writes the project of the ingested study, refusing to replace a file that is not a project analyze wrote.
    @discardableResult
    static func export(_ options: StudyOptions, to path: String, ids: Bool) throws -> QDPXProject {
        try refuseForeignFile(at: path, kind: "a project", isOurs: QDPXProjectWriter.isWrittenByAnalyze)
        let (analysis, store) = try ingestedAnalysis(options)
        let project = try StudyProject.make(analysis: analysis, store: store, ids: ids)
        try AtomicFile.write(try QDPXProjectWriter.archive(of: project), to: path)
        return project
    }
}

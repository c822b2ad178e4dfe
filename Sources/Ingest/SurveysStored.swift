import Storage
import StudyModel

/// The surveys of an ingest as they were stored (each instrument, then its survey file), with what an
/// ingest reports of them kept apart: their problems, files and progress, taken in after the segments'.
struct SurveysStored {
    private(set) var isStored = false
    private(set) var log = ProblemLog()
    private(set) var files: [SourceFileRecord] = []
    /// Respondents per instrument id, in manifest order.
    private(set) var respondents: [(instrument: String, count: Int)] = []
    /// The progress the surveys' reads reported, to be passed on later (another thread reports the
    /// segments' meanwhile).
    private(set) var progress: [IngestProgress] = []

    /// Stores the instruments and their surveys, in manifest order.
    mutating func store(
        _ instruments: [(source: SourceFile, instrument: Instrument)], of ingester: StudyIngester, into transaction: StoreTransaction
    ) throws {
        isStored = true
        let events = ProgressEvents()
        defer { progress = events.list }
        for (position, (source, instrument)) in instruments.enumerated() {
            try transaction.insert(instrument, position: position)
            var survey = SurveyLoader(manifest: ingester.manifest, instrument: instrument)
            if ingester.progress != nil { survey.progress = { events.list.append($0) } }
            if let file = try survey.load(source, into: transaction, log: &log) { files.append(file) }
            respondents.append((instrument.id, survey.stored))
        }
    }
}

/// Progress reported on the ingest's thread, kept in order.
private final class ProgressEvents {
    var list: [IngestProgress] = []
}

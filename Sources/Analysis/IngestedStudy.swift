import Storage
import StudyModel

/// What the ingest of `analyze run` kept for its analysis besides the store it built, so that
/// ``StudyData`` need not read it back: the pass over the summary of the coding made as `segments.csv`'s
/// rows were checked, and the survey respondents stored. Each part is used only where it holds (see
/// ``StreamedCodingPass``; respondents kept for every instrument, with distinct ids), else the store is read.
public struct IngestedStudy: Sendable {
    /// The pass over the rows of the summary `coding` as they were made (`nil`: read the store's).
    public var coding: StreamedCodingPass?
    /// The respondents stored, per instrument in manifest order (`nil`: read the store's).
    public var respondents: [[SurveyRespondent]]?

    public init(coding: StreamedCodingPass?, respondents: [[SurveyRespondent]]?) {
        self.coding = coding
        self.respondents = respondents
    }

    /// The surveys as ``StudyData`` reads them from the store (``StoreReader/respondents(of:)``), from the
    /// respondents kept, or `nil` when they are not those: not one list per instrument, or two respondents
    /// of an instrument whose ids are equal as texts (the store's read matches answers to respondents by
    /// the text of their ids).
    static func respondents(
        _ kept: [[SurveyRespondent]], of instruments: [Instrument]
    ) -> [(instrument: Instrument, respondents: [SurveyRespondent])]? {
        guard kept.count == instruments.count else { return nil }
        for respondents in kept where Set(respondents.map(\.id)).count != respondents.count { return nil }
        return Array(zip(instruments, kept)).map { (instrument: $0, respondents: $1) }
    }
}

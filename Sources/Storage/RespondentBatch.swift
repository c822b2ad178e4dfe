/// Survey respondents of one instrument with their answers, gathered to be stored together by
/// ``StoreTransaction/insert(_:)-(RespondentBatch)``: their texts, and each respondent's answers as one
/// blob (``SurveyAnswers``), copied once, into one buffer, and bound from there without a copy, up to 64
/// respondents a statement, instead of a statement per respondent with its texts copied by SQLite (S's two
/// surveys: 38.9 M instructions, 31.8 M so), and a row of `surveyRespondent` per respondent instead of
/// one more per answer.
public struct RespondentBatch {
    /// How many respondents a batch holds before ``isFull`` (so that its memory stays small).
    public static let capacity = 256

    /// The texts of the rows, UTF-8, and the answers' blobs, one after another; the instrument's id first.
    private(set) var bytes: [UInt8]
    /// Where the instrument's id is in ``bytes``.
    let instrument: Range<Int>
    private(set) var respondents: [PersonRow] = []
    /// Where each respondent's answers (``SurveyAnswers``) are in ``bytes``.
    private(set) var answers: [Range<Int>] = []

    /// An empty batch of the respondents of the instrument whose id is `instrumentID`.
    public init(instrumentID: String) {
        bytes = Array(instrumentID.utf8)
        instrument = 0..<bytes.count
        bytes.reserveCapacity(4096)
    }

    /// How many respondents the batch holds.
    public var count: Int { respondents.count }

    /// Whether the batch holds ``capacity`` respondents: time to store it.
    public var isFull: Bool { respondents.count >= Self.capacity }

    /// Adds a respondent with their answers (`nil`: no answer). Its id must be new to the instrument
    /// (neither stored nor in the batch): the caller has checked (the survey's duplicate-id check); a
    /// repeat fails the build.
    public mutating func append(
        respondentID: String, position: Int, country: String, role: String, line: Int,
        answers: [(itemID: String, value: Int?)]
    ) {
        let id = put(respondentID)
        respondents.append(PersonRow(id: id, position: position, country: put(country), role: put(role), line: line))
        let start = bytes.count
        for (itemID, value) in answers {
            SurveyAnswers.append(item: itemID, value: value, to: &bytes)
        }
        self.answers.append(start..<bytes.count)
    }

    /// Forgets the respondents (after they were stored), keeping the instrument and the buffers' space.
    mutating func removeAll() {
        bytes.removeSubrange(instrument.upperBound...)
        respondents.removeAll(keepingCapacity: true)
        answers.removeAll(keepingCapacity: true)
    }

    private mutating func put(_ text: String) -> Range<Int> {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return start..<bytes.count
    }
}

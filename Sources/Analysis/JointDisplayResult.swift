import Statistics
import StudyModel

/// How an interview code and the survey item that measures it compare between two groups (countries):
/// each side "differs" when its Fisher's exact test gives p < 0.05, in the direction of the larger share.
public enum Convergence: String, Codable, Sendable, CaseIterable {
    /// Both differ, in the same direction.
    case convergent
    /// Both differ, in opposite directions.
    case divergent
    /// The interviews differ, the survey does not.
    case interviewOnly = "interview-only"
    /// The survey differs, the interviews do not.
    case surveyOnly = "survey-only"
    /// Neither differs.
    case neither

    /// The label of two sides, each a Fisher p and the difference of its two shares (first − second).
    public init(interview: (p: Double, difference: Double), survey: (p: Double, difference: Double), level: Double = 0.05) {
        let interviewDiffers = interview.p < level && interview.difference != 0
        let surveyDiffers = survey.p < level && survey.difference != 0
        switch (interviewDiffers, surveyDiffers) {
        case (true, true): self = (interview.difference > 0) == (survey.difference > 0) ? .convergent : .divergent
        case (true, false): self = .interviewOnly
        case (false, true): self = .surveyOnly
        case (false, false): self = .neither
        }
    }
}

/// The survey side of a joint display's cell: respondents of the group whose answer means the code is
/// present, over those who answered the item.
public struct SurveyShare: Codable, Sendable, Equatable {
    public var present: Int
    public var answered: Int
    public var interval: WilsonScoreInterval?
    /// Whether disclosure control hides the share (an answer count it sums is not published).
    public var suppressed: Bool = false

    public init(present: Int, answered: Int) {
        self.present = present
        self.answered = answered
        interval = WilsonScoreInterval(count: present, total: answered)
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case answered, interval, present, suppressed }
}

/// One row of a joint display: a code and a survey item that measures it, per column group.
public struct JointDisplayRow: Codable, Sendable, Equatable {
    /// The interview code, as a row of the interview side.
    public var row: TableRow
    public var instrumentID: String
    public var itemID: String
    public var itemText: LocalizedText
    /// The answers that count as the code being present (4 and 5 of a 1–5 agreement scale), and their
    /// positions on the item's scale.
    public var presentValues: [Int]
    public var presentValueIndices: [Int]
    /// The interview side: participants who mentioned the code over all participants of the group.
    public var interview: [TableCell]
    /// The survey side: respondents who gave a present value over those who answered.
    public var survey: [SurveyShare]
    /// Fisher's exact test of each side (mentioned or present × the groups); `nil` when withheld or
    /// fewer than two groups have observations.
    public var interviewTest: FisherExactTest?
    public var surveyTest: FisherExactTest?
    /// The convergence label, for exactly two groups with both tests.
    public var convergence: Convergence?
    /// Whether disclosure control withheld a side's test (a count of it is hidden).
    public var interviewWithheld: Bool = false
    public var surveyWithheld: Bool = false

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case convergence, instrumentID, interview, interviewTest, interviewWithheld, itemID, itemText
        case presentValueIndices, presentValues, row, survey, surveyTest, surveyWithheld
    }
}

/// A joint display: interview codes beside the survey items that measure them, by country or role.
public struct JointDisplayResult: Codable, Sendable, Equatable {
    public var id: String
    public var columnVariables: [String]
    /// The interview side's column groups (participants); the survey side has the same levels.
    public var columns: [TableColumn]
    public var rows: [JointDisplayRow]
    /// The survey side's respondents per column group, per instrument.
    public var respondents: [String: [Int]]

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case columnVariables, columns, id, respondents, rows }
}

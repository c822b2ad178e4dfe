/// The size and seed of a synthetic study: what `generate-sample` is asked to make.
///
/// ``sample`` is the committed sample study in `data/sample/`; benchmark studies use the same
/// generator with more participants and segments (`--participants 60000 --segments 1000000`).
public struct SampleStudy: Sendable, Equatable {
    /// Interviewed people, split evenly between KZ and UK (KZ gets the odd one).
    public var participants: Int
    /// The number of rows wanted in `segments.csv` (code applications of all coders). It is a target:
    /// every present code gets one to three segments (more where the target asks for over three per
    /// present code, up to a mean of eight), and the mean is tuned to come close to it.
    public var segmentTarget: Int
    /// The share of participants whose interview coder `C2` codes as well as `C1`.
    public var secondCoderShare: Double
    /// Survey respondents over both instruments (30% teachers, 70% parents when both are given).
    public var surveyRespondents: Int
    /// Participants planted with no coded segment at all (they still count in every denominator).
    public var uncodedParticipants: Int
    /// The seed: the same seed and sizes give byte-identical files.
    public var seed: UInt64

    /// The committed sample study (`data/sample/`).
    public static let sample = SampleStudy(
        participants: 120, segmentTarget: 2_000, secondCoderShare: 0.15, surveyRespondents: 300, seed: 20_251_129)

    /// A study configuration; `uncodedParticipants` defaults to one per 120 participants (at least one).
    public init(
        participants: Int, segmentTarget: Int, secondCoderShare: Double, surveyRespondents: Int,
        uncodedParticipants: Int? = nil, seed: UInt64
    ) {
        self.participants = participants
        self.segmentTarget = segmentTarget
        self.secondCoderShare = secondCoderShare
        self.surveyRespondents = surveyRespondents
        self.uncodedParticipants = uncodedParticipants ?? max(1, participants / 120)
        self.seed = seed
    }

    /// What is wrong with the configuration, if anything (empty when it can be generated).
    public var problems: [String] {
        var problems: [String] = []
        if participants < 2 { problems.append("participants: at least 2 (one per country)") }
        if segmentTarget < 0 { problems.append("segments: must not be negative") }
        if !(0...1).contains(secondCoderShare) { problems.append("second-coder share: must be between 0 and 1") }
        if surveyRespondents < 0 { problems.append("survey respondents: must not be negative") }
        if uncodedParticipants < 0 || uncodedParticipants >= participants {
            problems.append("uncoded participants: must be between 0 and participants - 1")
        }
        return problems
    }
}

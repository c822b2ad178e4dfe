import Statistics
import StudyModel

/// A planted difference: a code's participant-level presence probability in two groups of one variable.
public struct PlantedContrast: Sendable, Equatable {
    /// What the difference means, for `PLANTED.md`.
    public var summary: String
    /// The codes that carry it (each code separately has these probabilities).
    public var codes: [String]
    /// `role` or `country`.
    public var variable: String
    /// The group planted higher, with its probability.
    public var high: (value: String, probability: Double)
    /// The group planted lower, with its probability.
    public var low: (value: String, probability: Double)
    /// The probability for everyone outside both groups, if the contrast sets one.
    public var others: Double?

    public static func == (lhs: PlantedContrast, rhs: PlantedContrast) -> Bool {
        lhs.summary == rhs.summary && lhs.codes == rhs.codes && lhs.variable == rhs.variable
            && lhs.high == rhs.high && lhs.low == rhs.low && lhs.others == rhs.others
    }
}

/// Decides, per participant and code, whether the code is present in the interview (for coder `C1`),
/// and how often coder `C2` disagrees about it. Participant-level presence is what the generator
/// controls, so the planted probabilities are what "participants with at least one segment" tables show.
public struct PresenceModel: Sendable {
    /// The planted differences, in the order `PLANTED.md` lists them.
    public static let contrasts: [PlantedContrast] = [
        PlantedContrast(
            summary: "Fathers cite work-time barriers much more than mothers",
            codes: ["bar_busy_job", "bar_dual_work"], variable: "role",
            high: ("father", 0.65), low: ("mother", 0.25), others: 0.20),
        PlantedContrast(
            summary: "UK participants cite language barriers more than KZ participants",
            codes: ["bar_instruction_language", "bar_cultural_differences"], variable: "country",
            high: ("UK", 0.40), low: ("KZ", 0.10)),
        PlantedContrast(
            summary: "KZ participants see the school as asking for money more than UK participants",
            codes: ["bar_fundraising"], variable: "country",
            high: ("KZ", 0.35), low: ("UK", 0.08)),
        PlantedContrast(
            summary: "Formal activities are mentioned more in KZ",
            codes: ["act_parent_meetings", "act_acknowledgement_letters"], variable: "country",
            high: ("KZ", 0.55), low: ("UK", 0.15)),
        PlantedContrast(
            summary: "Informal activities are mentioned more in the UK",
            codes: ["act_sports_events", "act_school_fair"], variable: "country",
            high: ("UK", 0.45), low: ("KZ", 0.12)),
    ]

    /// The code coders disagree about: `C2` flips `C1`'s presence with ``poorAgreementFlip``.
    public static let poorAgreementCode = "bar_intimidation"
    /// Fixed base rate of ``poorAgreementCode``, high enough for agreement to be measurable.
    public static let poorAgreementBaseRate = 0.25
    /// How often `C2` flips the presence of ``poorAgreementCode`` for a double-coded participant.
    public static let poorAgreementFlip = 0.45
    /// How often `C2` flips the presence of any other code.
    public static let usualFlip = 0.04
    /// Range of the base rates drawn for every code without a planted difference.
    public static let baseRateRange = 0.05...0.35

    /// The codes, in codebook order.
    public let codes: [Code]
    /// Each code's base rate (codebook order): drawn in ``baseRateRange``, or fixed for planted codes.
    public let baseRates: [Double]
    /// Per code (codebook order): its contrast, if one is planted on it.
    private let contrastOfCode: [PlantedContrast?]

    /// Draws the base rates for `codebook` from the seed (a stream of its own).
    public init(codebook: Codebook, seed: UInt64) {
        var random = SeededGenerator(seed: seed, stream: 10)
        codes = codebook.codes
        var rates: [Double] = []
        var contrasts: [PlantedContrast?] = []
        for code in codebook.codes {
            let drawn =
                Self.baseRateRange.lowerBound
                + random.double() * (Self.baseRateRange.upperBound - Self.baseRateRange.lowerBound)
            let contrast = Self.contrasts.first { $0.codes.contains(code.id) }
            contrasts.append(contrast)
            rates.append(code.id == Self.poorAgreementCode ? Self.poorAgreementBaseRate : contrast?.others ?? drawn)
        }
        baseRates = rates
        contrastOfCode = contrasts
    }

    /// The probability that the code at `codeIndex` is present in `participant`'s interview.
    public func probability(ofCodeAt codeIndex: Int, for participant: SyntheticParticipant) -> Double {
        guard let contrast = contrastOfCode[codeIndex] else { return baseRates[codeIndex] }
        let value = participant.value(of: contrast.variable)
        if value == contrast.high.value { return contrast.high.probability }
        if value == contrast.low.value { return contrast.low.probability }
        return baseRates[codeIndex]
    }

    /// The probability that `C2` disagrees with `C1` about the presence of the code at `codeIndex`.
    public func flipProbability(ofCodeAt codeIndex: Int) -> Double {
        codes[codeIndex].id == Self.poorAgreementCode ? Self.poorAgreementFlip : Self.usualFlip
    }
}

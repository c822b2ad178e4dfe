import Statistics
import StudyModel

/// Agreement between coders on one code, over the participants coded by more than one coder.
///
/// The unit is the participant: each coder either applied the code to the participant at least once
/// (present) or not (absent). A participant a coder was assigned (the coverage list of the study, or any
/// segment by that coder) and to whom the coder applied no code is a unit with every code absent.
public struct CodeAgreement: Codable, Sendable, Equatable {
    public var code: String
    public var label: LocalizedText
    /// The code's category (barrier, involvement role, activity): charts group codes by it.
    public var category: CodeCategory? = nil
    /// Participants coded by both coders of the κ pair.
    public var units: Int
    /// Share of those participants on which the pair agrees (pₒ).
    public var percentAgreement: Double?
    /// Cohen's κ of the two coders who coded the most participants together.
    public var kappa: Double?
    /// Gwet's AC1 of the pair: chance agreement 2π(1 − π) from the mean prevalence π, so a rare code
    /// on which the coders agree keeps a high AC1 where κ falls to 0 (see ``BinaryAgreement/ac1``).
    public var ac1: Double?
    /// The prevalence- and bias-adjusted κ of the pair, 2pₒ − 1.
    public var pabak: Double?
    /// The pair's mean prevalence π = (p₁ + p₂)/2: the share of their codings that mark the code present.
    public var prevalence: Double?
    /// The pair's prevalence index (a − d)/n, from −1 (absent for both everywhere) to 1.
    public var prevalenceIndex: Double?
    /// Krippendorff's α (nominal) over all coders, missing codings allowed.
    public var alpha: Double?
    /// Participants the pair marked present: first coder, second coder (`nil`: hidden by disclosure control).
    public var presentFirst: Int?
    public var presentSecond: Int?
    /// Whether the code is flagged: κ and AC1 both below the manifest's threshold (AC1 alone where κ is
    /// undefined), so a code is never flagged only because it is rare. See ``AgreementResult/flags(kappa:ac1:threshold:)``.
    public var flagged: Bool
    /// Whether disclosure control withheld κ, AC1, PABAK, the prevalence, α, the percent agreement and
    /// the flag (a coder's count is hidden, and each of them is a function of it).
    public var withheld: Bool = false

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case ac1, alpha, category, code, flagged, kappa, label, pabak, percentAgreement, presentFirst, presentSecond
        case prevalence, prevalenceIndex, units, withheld
    }
}

/// Intercoder agreement for every code of the codebook.
public struct AgreementResult: Codable, Sendable, Equatable {
    public var id: String
    /// The coders of the κ pair (the two who coded the most participants together).
    public var coders: [String]
    /// All coders met among the multiply coded participants.
    public var allCoders: [String]
    /// Participants coded by two or more coders.
    public var participants: Int
    /// The flag threshold (the manifest's `coding.agreement_threshold`, 0.6 by default).
    public var threshold: Double
    /// The median of the per-code α over the codes where α is defined (a summary of the codes, not an
    /// α of its own: pooling presence over all codes mixes rare and common codes into one 2-value
    /// variable whose chance agreement means nothing).
    public var medianAlpha: Double?
    /// Codes whose α enters ``medianAlpha`` (`nil`: withheld with it, as it tells which codes vary).
    public var alphaCodes: Int? = 0
    /// Whether disclosure control withheld the median α (some code's agreement is withheld).
    public var overallWithheld: Bool = false
    /// Where the units come from: the study's coverage list, or the segments each coder coded.
    public var unitSource: AgreementUnitSource = .segments
    public var codes: [CodeAgreement]

    /// The flag rule: κ and AC1 both below `threshold`; where κ is undefined (pₑ = 1: both coders gave
    /// every unit the same value), AC1 alone. κ alone would flag a code only for being rare (19 of 20
    /// units absent for both coders, one present for one: pₒ = 0.95, κ = 0, AC1 = 0.947); a code with
    /// low AC1 as well disagrees beyond what its prevalence explains. No units, no flag.
    public static func flags(kappa: Double?, ac1: Double?, threshold: Double) -> Bool {
        guard let ac1 else { return false }
        return ac1 < threshold && (kappa.map { $0 < threshold } ?? true)
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey {
        case allCoders, alphaCodes, coders, codes, id, medianAlpha, overallWithheld, participants, threshold
        case unitSource
    }
}

/// Which participants count as units of agreement for a coder.
public enum AgreementUnitSource: String, Codable, Sendable, Equatable {
    /// The study's coverage list (`coding.coverage`): every participant a coder was assigned, coded or not.
    case coverage
    /// Every participant with at least one segment by that coder.
    case segments
}

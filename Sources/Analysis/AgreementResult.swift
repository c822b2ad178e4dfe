import Statistics
import StudyModel

/// Agreement between coders on one code, over the participants coded by more than one coder.
///
/// The unit is the participant: each coder either applied the code to the participant at least once
/// (present) or not (absent).
public struct CodeAgreement: Codable, Sendable, Equatable {
    public var code: String
    public var label: LocalizedText
    /// The code's category (barrier, involvement role, activity): charts group codes by it.
    public var category: CodeCategory? = nil
    /// Participants coded by both coders of the κ pair.
    public var units: Int
    /// Share of those participants on which the pair agrees.
    public var percentAgreement: Double?
    /// Cohen's κ of the two coders who coded the most participants together.
    public var kappa: Double?
    /// Krippendorff's α (nominal) over all coders, missing codings allowed.
    public var alpha: Double?
    /// Participants the pair marked present: first coder, second coder (`nil`: hidden by disclosure control).
    public var presentFirst: Int?
    public var presentSecond: Int?
    /// Whether the agreement falls below the manifest's threshold (κ, or α where κ is undefined).
    public var flagged: Bool
    /// Whether disclosure control withheld κ, α, the percent agreement and the flag (a coder's count is
    /// hidden, and the expected agreement is linear in it).
    public var withheld: Bool = false
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
    /// κ below this is flagged (the manifest's `coding.agreement_threshold`, 0.6 by default).
    public var threshold: Double
    /// Krippendorff's α over all codes at once (unit: participant × code).
    public var overallAlpha: Double?
    /// Whether disclosure control withheld the overall α (some code's agreement is withheld).
    public var overallWithheld: Bool = false
    public var codes: [CodeAgreement]
}

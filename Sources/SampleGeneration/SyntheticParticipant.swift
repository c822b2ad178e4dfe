import StudyModel

/// One generated interviewee: a row of `participants.csv`.
public struct SyntheticParticipant: Sendable, Equatable {
    /// `KZ-P001`, `UK-P001`, …
    public var id: String
    /// `KZ` or `UK`.
    public var country: String
    /// One of ``SampleRoles/all``.
    public var role: String
    /// `female` or `male`.
    public var gender: String
    /// `KZ-S01`, …: the school the child attends (or the teacher works at).
    public var schoolID: String
    /// `urban` or `rural` (a property of the school).
    public var setting: String
    /// `primary` or `secondary`.
    public var childAgeBand: String
    /// The interview language: `kk` or `ru` in KZ; `en`, `ru` or `other` in UK.
    public var language: String
    /// `yes` or `no`: whether the participant agreed to be quoted.
    public var quoteConsent: String

    /// The language the participant's excerpts are written in (`other` speakers were interviewed in English).
    public var excerptLanguage: Language {
        [Language.en, .ru, .kk].first { $0.rawValue == language } ?? .en
    }

    /// Whether the participant is a parent or carer rather than a teacher.
    public var isParent: Bool { role != "teacher" }
}

extension SyntheticParticipant {
    /// The value of a participant variable (`country`, `role`, `gender`, `setting`, …).
    public func value(of variable: String) -> String? {
        switch variable {
        case "country": country
        case "role": role
        case "gender": gender
        case "school_id": schoolID
        case "setting": setting
        case "child_age_band": childAgeBand
        case "language": language
        case "quote_consent": quoteConsent
        default: nil
        }
    }
}

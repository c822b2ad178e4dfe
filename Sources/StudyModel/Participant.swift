/// An interviewed person: a parent (mother, father, grandparent, guardian), a teacher, or other.
public struct Participant: Sendable, Equatable {
    /// The study's id for the person (personal data: never printed in reports).
    public var id: String
    /// One of the manifest's declared countries (`KZ`, `UK`).
    public var country: String
    /// One of the manifest's declared roles (`mother`, `father`, …).
    public var role: String
    /// The optional standard columns and any further column of `participants.csv`, by column name;
    /// an empty cell is absent.
    public var attributes: [String: String]

    public init(id: String, country: String, role: String, attributes: [String: String] = [:]) {
        self.id = id
        self.country = country
        self.role = role
        self.attributes = attributes
    }

    /// The value of a participant variable: `country`, `role`, or an attribute.
    public func value(of variable: String) -> String? {
        switch variable {
        case "country": country
        case "role": role
        default: attributes[variable]
        }
    }
}

/// One application of a code to a stretch of an interview, by one coder.
public struct CodedSegment: Sendable, Equatable {
    public var segmentID: String
    public var participantID: String
    public var code: String
    public var coder: String
    public var document: String?
    public var start: Int?
    public var end: Int?
    /// The quoted words (personal data: printed only where a report asks for quotes).
    public var excerpt: String?
    public var language: String?
    /// The line of `segments.csv` the row starts on.
    public var line: Int

    public init(
        segmentID: String, participantID: String, code: String, coder: String, document: String? = nil,
        start: Int? = nil, end: Int? = nil, excerpt: String? = nil, language: String? = nil, line: Int = 0
    ) {
        self.segmentID = segmentID
        self.participantID = participantID
        self.code = code
        self.coder = coder
        self.document = document
        self.start = start
        self.end = end
        self.excerpt = excerpt
        self.language = language
        self.line = line
    }
}

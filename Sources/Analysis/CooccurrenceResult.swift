import StudyModel

/// One code of a co-occurrence table with the participants of each column group who mention it (the
/// diagonal of the matrix: the same counts as a crosstab's code row).
public struct CooccurrenceCode: Codable, Sendable, Equatable {
    public var row: TableRow
    /// Participants of each column group with at least one analysed segment of the code.
    public var participants: [Int]
    /// Analysed segments of the code per column group: only the segment-level Jaccard index uses them,
    /// and no report publishes them (a published JSON leaves them out).
    public var segments: [Int]?
    /// Per column: whether disclosure control hides the count. `nil` when nothing is hidden.
    public var suppressed: [Bool]?

    public init(row: TableRow, participants: [Int], segments: [Int]) {
        self.row = row
        self.participants = participants
        self.segments = segments
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case participants, row, segments, suppressed }
}

/// Two codes in one column group: at participant level (both mentioned by the same participant) and at
/// segment level (both applied to the same segment), each with its Jaccard index.
///
/// The Jaccard index of two sets is |A ∩ B| / |A ∪ B| = both / (A + B − both) (Jaccard 1901): here of
/// the participants who mention each code, or of the segments that carry each; `nil` when neither
/// code occurs. Reference: Jaccard, P. (1901), *Bulletin de la Société vaudoise des sciences
/// naturelles* 37, 547–579; for code co-occurrence in QDA, MAXQDA's Code Relations Browser and
/// ATLAS.ti's code co-occurrence table (its "c-coefficient" is the same ratio of segments).
public struct CooccurrenceCell: Codable, Sendable, Equatable {
    /// Participants of the group who mention both codes.
    public var participants: Int
    /// Participant-level Jaccard index.
    public var jaccard: Double?
    /// Analysed segments of the group that carry both codes.
    public var segments: Int
    /// Segment-level Jaccard index.
    public var segmentJaccard: Double?
    /// Disclosure control: the participant count is hidden; the index is withheld (a count it is
    /// computed from is hidden); the segment count is hidden; the segment-level index is withheld.
    public var suppressed = false
    public var jaccardWithheld = false
    public var segmentsSuppressed = false
    public var segmentJaccardWithheld = false

    public init(participants: Int, first: Int, second: Int, segments: Int, firstSegments: Int, secondSegments: Int) {
        self.participants = participants
        jaccard = Self.jaccard(both: participants, first: first, second: second)
        self.segments = segments
        segmentJaccard = Self.jaccard(both: segments, first: firstSegments, second: secondSegments)
    }

    /// both / (first + second − both); `nil` when the union is empty.
    public static func jaccard(both: Int, first: Int, second: Int) -> Double? {
        let union = first + second - both
        return union > 0 ? Double(both) / Double(union) : nil
    }

    private enum CodingKeys: String, CodingKey {
        case participants, jaccard, segments, segmentJaccard, suppressed, jaccardWithheld, segmentsSuppressed, segmentJaccardWithheld
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        suppressed = try container.decodeIfPresent(Bool.self, forKey: .suppressed) ?? false
        jaccardWithheld = try container.decodeIfPresent(Bool.self, forKey: .jaccardWithheld) ?? false
        segmentsSuppressed = try container.decodeIfPresent(Bool.self, forKey: .segmentsSuppressed) ?? false
        segmentJaccardWithheld = try container.decodeIfPresent(Bool.self, forKey: .segmentJaccardWithheld) ?? false
        participants = try container.decodeIfPresent(Int.self, forKey: .participants) ?? 0
        jaccard = try container.decodeIfPresent(Double.self, forKey: .jaccard)
        segments = try container.decodeIfPresent(Int.self, forKey: .segments) ?? 0
        segmentJaccard = try container.decodeIfPresent(Double.self, forKey: .segmentJaccard)
    }

    /// Writes nothing of what is hidden or withheld: a published JSON file never holds it. In the order
    /// of the keys (``SortedJSONEncoder`` then has nothing to put in order).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if jaccardWithheld { try container.encode(true, forKey: .jaccardWithheld) } else { try container.encodeIfPresent(jaccard, forKey: .jaccard) }
        if !suppressed { try container.encode(participants, forKey: .participants) }
        if segmentJaccardWithheld {
            try container.encode(true, forKey: .segmentJaccardWithheld)
        } else {
            try container.encodeIfPresent(segmentJaccard, forKey: .segmentJaccard)
        }
        if segmentsSuppressed { try container.encode(true, forKey: .segmentsSuppressed) } else { try container.encode(segments, forKey: .segments) }
        if suppressed { try container.encode(true, forKey: .suppressed) }
    }
}

/// One pair of codes (indices into ``CooccurrenceResult/codes``, first < second), per column group.
public struct CooccurrencePair: Codable, Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var cells: [CooccurrenceCell]

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case cells, first, second }
}

/// Code co-occurrence: every pair of the codes of one code set, per column group (a country).
public struct CooccurrenceResult: Codable, Sendable, Equatable {
    public var id: String
    /// The code set whose codes are paired (barriers).
    public var codeSet: RowSet
    public var columnVariables: [String]
    public var filter: [String: [String]]?
    public var columns: [TableColumn]
    public var codes: [CooccurrenceCode]
    /// Every pair, in codebook order of the first code, then of the second.
    public var pairs: [CooccurrencePair]

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case codeSet, codes, columnVariables, columns, filter, id, pairs }
}

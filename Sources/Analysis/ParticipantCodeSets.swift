import Storage

/// One participant's rows of the store's summary `coding` (``StoredCoding``), gathered as ``StudyData`` reads them:
/// the coders present, the codes each applied, the segments of each code and the distinct segments.
struct ParticipantCodeSets {
    /// The participant's position (`nil`: none read yet).
    var participant: Int?
    /// The coders (positions) with segments, ascending.
    private(set) var coders: [Int] = []
    /// Per coder position: the codes applied, with repeats.
    private(set) var codes: [[Int]]
    /// Per coder position: (code, segments) for each set a code is in (a code's segments are their sum).
    private(set) var counts: [[(code: Int, segments: Int)]]
    /// Per coder position: the distinct segments.
    private(set) var segments: [Int]

    /// Room for `coders` coders.
    init(coders: Int) {
        codes = Array(repeating: [], count: coders)
        counts = Array(repeating: [], count: coders)
        segments = Array(repeating: 0, count: coders)
    }

    /// Adds a coder's coding of the participant (they come ordered by coder).
    mutating func add(_ coding: StoredCoding) {
        if coders.last != coding.coder { coders.append(coding.coder) }
        codes[coding.coder] += coding.codes
        for set in coding.sets {
            for code in coding.codes[set.codes] { counts[coding.coder].append((code, set.segments)) }
        }
        segments[coding.coder] += coding.segments
    }

    /// Forgets the participant's rows (keeping the room).
    mutating func reset() {
        for coder in coders {
            codes[coder].removeAll(keepingCapacity: true)
            counts[coder].removeAll(keepingCapacity: true)
            segments[coder] = 0
        }
        coders.removeAll(keepingCapacity: true)
    }
}

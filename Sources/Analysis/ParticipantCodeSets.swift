import Storage

/// One participant's rows of the store's summary `coding` (``StoredCoding``), gathered as ``StudyData`` reads them:
/// the coders present, the codes each applied, the segments of each code and the distinct segments.
struct ParticipantCodeSets: Sendable {
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
    /// Per coder position: the sets of two or more codes, while `gathersSets`: where each set's codes start
    /// in the coder's ``counts``, and how many there are.
    private(set) var multiCodeSets: [[(start: Int, count: Int)]]
    /// Whether ``multiCodeSets`` are gathered (the pass keeps the analysed coding's sets).
    var gathersSets: Bool

    /// Scratch, per code of the codebook (all false and zero between calls), and the codes touched.
    private var marked: [Bool]
    private var perCode: [Int]
    private var touched: [Int] = []

    /// Room for `coders` coders and `codes` codes; `gathersSets`: whether to gather each coder's sets of two
    /// or more codes.
    init(coders: Int, codes codeCount: Int, gathersSets: Bool = false) {
        self.gathersSets = gathersSets
        multiCodeSets = Array(repeating: [], count: coders)
        codes = Array(repeating: [], count: coders)
        counts = Array(repeating: [], count: coders)
        segments = Array(repeating: 0, count: coders)
        marked = Array(repeating: false, count: codeCount)
        perCode = Array(repeating: 0, count: codeCount)
    }

    /// The codes a coder applied, each once, ascending (`Array(Set(codes[coder])).sorted()`, without hashing).
    mutating func distinctCodes(of coder: Int) -> [Int] {
        touched.removeAll(keepingCapacity: true)
        for code in codes[coder] where !marked[code] {
            marked[code] = true
            touched.append(code)
        }
        for code in touched { marked[code] = false }
        return touched.sorted()
    }

    /// Adds a coder's segments per code to `table` for `participant`: summed per code, then added in
    /// code order (each count after the participant's others, so none moves).
    mutating func addSegments(of coder: Int, participant: Int, to table: inout SegmentCounts) {
        touched.removeAll(keepingCapacity: true)
        for (code, count) in counts[coder] {
            if perCode[code] == 0 { touched.append(code) }
            perCode[code] += count
        }
        touched.sort()
        for code in touched where perCode[code] > 0 {
            table.add(perCode[code], participant: participant, code: code)
            perCode[code] = 0
        }
    }

    /// Adds a coder's coding of the participant (they come ordered by coder).
    mutating func add(_ coding: StoredCoding) {
        if coders.last != coding.coder { coders.append(coding.coder) }
        codes[coding.coder] += coding.codes
        for set in coding.sets {
            if gathersSets && set.codes.count >= 2 { multiCodeSets[coding.coder].append((counts[coding.coder].count, set.codes.count)) }
            for code in coding.codes[set.codes] { counts[coding.coder].append((code, set.segments)) }
        }
        segments[coding.coder] += coding.segments
    }

    /// Forgets the participant's rows (keeping the room).
    mutating func reset() {
        for coder in coders {
            codes[coder].removeAll(keepingCapacity: true)
            counts[coder].removeAll(keepingCapacity: true)
            multiCodeSets[coder].removeAll(keepingCapacity: true)
            segments[coder] = 0
        }
        coders.removeAll(keepingCapacity: true)
    }
}

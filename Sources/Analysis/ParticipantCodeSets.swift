import Storage

/// One participant's rows of the store's summary `coding` (``StoredCoding``), gathered as ``StudyData`` reads them:
/// the coders present, and per coder the segments of each code it applied (summed over the sets the code
/// is in, codes ascending), the distinct segments and, while ``gathersSets``, its sets of two or more codes
/// already in the bytes ``AnalysedCodeSets`` keeps.
///
/// A row is summed as it is added (a mark per code of the codebook, in words of 64 codes, and a sum per
/// code), so the codes come out ascending without sorting; the coders' sums and sets lie one coder after
/// another in flat arrays, which the next participant reuses.
struct ParticipantCodeSets: Sendable {
    /// The participant's position (`nil`: none read yet).
    var participant: Int?
    /// The coders (positions) with segments, ascending.
    var coders: [Int] { rows.map(\.coder) }
    /// How many coders have segments.
    var coderCount: Int { rows.count }
    /// The `place`-th coder (position) with segments.
    func coder(at place: Int) -> Int { rows[place].coder }
    /// Per coder position: the distinct segments.
    private(set) var segments: [Int]
    /// Whether the coders' sets of two or more codes are gathered (the pass keeps the analysed coding's sets).
    var gathersSets: Bool

    /// What each coder present gave, in the order added: where its sums start in ``sums`` and its sets in
    /// ``setBytes``, and whether a set has more than 255 codes (its sets cannot be kept).
    private var rows: [(coder: Int, sumStart: Int, setStart: Int, setTooLarge: Bool)] = []
    /// Per coder present, one after another: each code it applied, ascending, with its segments.
    private var sums: [(code: Int, count: Int)] = []
    /// Per coder present, one after another: its sets of two or more codes as ``AnalysedCodeSets`` writes
    /// them (while ``gathersSets``).
    private var setBytes: [UInt8] = []
    /// Whether the last coder's codes are still being summed in the scratch below.
    private var summing = false

    /// Scratch, per code of the codebook (all zero between coders): the segments, and a bit per code
    /// summed.
    private var perCode: [Int]
    private var marks: [UInt64]

    /// Room for `coders` coders and `codes` codes; `gathersSets`: whether to gather each coder's sets of two
    /// or more codes.
    init(coders: Int, codes codeCount: Int, gathersSets: Bool = false) {
        self.gathersSets = gathersSets
        segments = Array(repeating: 0, count: coders)
        perCode = Array(repeating: 0, count: codeCount)
        marks = Array(repeating: 0, count: (codeCount + 63) / 64)
    }

    /// Room for `count` more coders.
    mutating func addCoders(_ count: Int) {
        segments += repeatElement(0, count: count)
    }

    /// The codes a coder applied, each once, ascending (`Array(Set(codes)).sorted()` of its rows' codes).
    mutating func distinctCodes(of coder: Int) -> [Int] {
        sums(of: coder).map(\.code)
    }

    /// Adds a coder's segments per code to `table` for `participant`, summed per code and in code order.
    mutating func addSegments(of coder: Int, participant: Int, to table: inout SegmentCounts) {
        table.add(participant: participant, codes: sums(of: coder))
    }

    /// A coder's sets of two or more codes in the bytes of ``AnalysedCodeSets`` (empty when it has none),
    /// `nil` when a set has more than 255 codes (the sets cannot be kept).
    mutating func encodedSets(of coder: Int) -> ArraySlice<UInt8>? {
        finishSumming()
        guard let place = rows.firstIndex(where: { $0.coder == coder }) else { return [] }
        guard !rows[place].setTooLarge else { return nil }
        let end = place + 1 < rows.count ? rows[place + 1].setStart : setBytes.count
        return setBytes[rows[place].setStart..<end]
    }

    /// Adds a coder's coding of the participant (they come ordered by coder).
    mutating func add(_ coding: StoredCoding) {
        if rows.last?.coder != coding.coder {
            finishSumming()
            rows.append((coding.coder, sums.count, setBytes.count, false))
            summing = true
        }
        // The scratch and the bytes taken out of `self` for the row: written through their storage, with no
        // uniqueness check per code.
        var (perCode, marks, setBytes) = ([Int](), [UInt64](), [UInt8]())
        swap(&perCode, &self.perCode)
        swap(&marks, &self.marks)
        swap(&setBytes, &self.setBytes)
        var tooLarge = false
        let gathersSets = gathersSets
        perCode.withUnsafeMutableBufferPointer { perCode in
            marks.withUnsafeMutableBufferPointer { marks in
                coding.codes.withUnsafeBufferPointer { codes in
                    for set in coding.sets {
                        precondition(set.codes.lowerBound >= 0 && set.codes.upperBound <= codes.count, "a set's codes among the row's")
                        for index in set.codes {
                            let code = codes[index]
                            precondition(UInt(bitPattern: code) < UInt(perCode.count), "a code of the codebook")
                            marks[code >> 6] |= UInt64(1) << UInt64(code & 63)
                            perCode[code] += set.segments
                        }
                        guard gathersSets && set.codes.count >= 2 else { continue }
                        if set.codes.count > 255 {
                            tooLarge = true
                        } else {
                            AnalysedCodeSets.encode(codes: UnsafeBufferPointer(rebasing: codes[set.codes]), segments: set.segments, into: &setBytes)
                        }
                    }
                }
            }
        }
        swap(&perCode, &self.perCode)
        swap(&marks, &self.marks)
        swap(&setBytes, &self.setBytes)
        if tooLarge { rows[rows.count - 1].setTooLarge = true }
        segments[coding.coder] += coding.segments
    }

    /// Forgets the participant's rows (keeping the room).
    mutating func reset() {
        finishSumming()
        for row in rows { segments[row.coder] = 0 }
        rows.removeAll(keepingCapacity: true)
        sums.removeAll(keepingCapacity: true)
        if !setBytes.isEmpty { setBytes.removeAll(keepingCapacity: true) }
    }

    /// A coder's codes with their segments, ascending (empty when the coder has no row).
    private mutating func sums(of coder: Int) -> ArraySlice<(code: Int, count: Int)> {
        finishSumming()
        guard let place = rows.firstIndex(where: { $0.coder == coder }) else { return [] }
        return sums[rows[place].sumStart..<(place + 1 < rows.count ? rows[place + 1].sumStart : sums.count)]
    }

    /// Moves the last coder's sums out of the scratch into ``sums``, in code order.
    private mutating func finishSumming() {
        guard summing else { return }
        summing = false
        // Taken out of `self` and written through their storage, as in ``add(_:)``.
        var (perCode, marks) = ([Int](), [UInt64]())
        swap(&perCode, &self.perCode)
        swap(&marks, &self.marks)
        perCode.withUnsafeMutableBufferPointer { perCode in
            marks.withUnsafeMutableBufferPointer { marks in
                for word in marks.indices where marks[word] != 0 {
                    var bits = marks[word]
                    marks[word] = 0
                    while bits != 0 {
                        let code = word * 64 + bits.trailingZeroBitCount
                        sums.append((code, perCode[code]))
                        perCode[code] = 0
                        bits &= bits - 1
                    }
                }
            }
        }
        swap(&perCode, &self.perCode)
        swap(&marks, &self.marks)
    }
}

import Storage
import StudyModel

/// One pass over the store's summary of the coding (``StoreReader/forEachCoding(participants:_:)``), or
/// over a range of its participants: the coder policy applied to each participant (the first of the
/// analysed coders who coded the participant gives the analysed segments), and the units of intercoder
/// agreement tallied. Passes over consecutive ranges, made at once on several connections, are joined
/// by ``append(_:)`` into the pass over both.
struct CodingPass: Sendable {
    /// Segments per participant and code of the analysed coding.
    var segments: SegmentCounts
    /// Per participant: 1 + the analysed coder's place in the policy's analysed coders, 0 for none.
    var ranks: [UInt16]
    /// Per participant: whether the participant has segments.
    var seen: [Bool]
    var agreement: AgreementTally
    /// Distinct segments of the analysed coding.
    var codedSegments = 0
    /// The analysed coding's sets of two or more codes, while they fit their budget (`nil`: dropped).
    var codeSets: AnalysedCodeSets?

    /// The coders of the summary, by position.
    private var coderIDs: [String]
    /// Per coder position: the coder's place in the policy's analysed coders (`nil`: not analysed).
    private var coderRanks: [Int?]
    /// Per policy rank: the coder's position (`nil`: the coder has no segments).
    private var positionOfRank: [Int?]
    /// The policy's coders by their place in its analysed coders.
    private let preference: [String: Int]
    private let analysedCoders: [String]
    /// The coders the coverage list assigned each participant, coded or not.
    private let assigned: [Int: Set<String>]
    /// The participant being read.
    private var coding: ParticipantCodeSets
    /// The participants the pass reads (a part's range): the code sets' bytes so far are projected over it.
    private let range: Range<Int>

    /// An empty pass over `participants` participants and the codebook's `codes` codes, to read those of
    /// `range` (all by default), keeping the analysed coding's sets of two or more codes within
    /// `codeSetBudget` bytes.
    init(
        participants: Int, codes: Int, coders coderIDs: [String], policy: CodingPolicy, assigned: [Int: Set<String>],
        range: Range<Int>? = nil, codeSetBudget: Int = 0
    ) {
        self.range = range ?? 0..<participants
        precondition(policy.analysedCoders.count < Int(UInt16.max), "at most 65,534 analysed coders")
        segments = SegmentCounts(participants: participants, codes: codes)
        ranks = Array(repeating: 0, count: participants)
        seen = Array(repeating: false, count: participants)
        agreement = AgreementTally(codeCount: codes)
        let preference = Dictionary(uniqueKeysWithValues: policy.analysedCoders.enumerated().map { ($1, $0) })
        self.preference = preference
        analysedCoders = policy.analysedCoders
        self.coderIDs = coderIDs
        coderRanks = coderIDs.map { preference[$0] }
        positionOfRank = policy.analysedCoders.map { coderIDs.firstIndex(of: $0) }
        self.assigned = assigned
        let keepsSets = codeSetBudget > 0 && AnalysedCodeSets.keeps(codeCount: codes)
        codeSets = keepsSets ? AnalysedCodeSets(budget: codeSetBudget) : nil
        coding = ParticipantCodeSets(coders: coderIDs.count, codes: codes, gathersSets: keepsSets)
    }

    /// Adds coders after those the pass knows, at the next positions (a pass fed the summary's rows as the
    /// ingest makes them, ``StreamedCodingPass``, meets its coders as it goes).
    mutating func addCoders(_ ids: some Collection<String>) {
        coderIDs += ids
        coderRanks += ids.map { preference[$0] }
        positionOfRank = analysedCoders.map { coderIDs.firstIndex(of: $0) }
        coding.addCoders(ids.count)
    }

    /// Adds a row of the summary (rows come ordered by participant, then coder).
    mutating func add(_ stored: StoredCoding) {
        guard stored.participant < ranks.count else { return }
        if stored.participant != coding.participant {
            finishParticipant()
            coding.participant = stored.participant
        }
        coding.add(stored)
    }

    /// Ends the pass: the last participant read is applied.
    mutating func finish() {
        finishParticipant()
    }

    /// Joins the pass over the participants after this pass's (``finish()`` called on both).
    mutating func append(_ later: CodingPass) {
        segments.append(later.segments)
        for participant in later.ranks.indices where later.seen[participant] {
            ranks[participant] = later.ranks[participant]
            seen[participant] = true
        }
        agreement.merge(later.agreement)
        codedSegments += later.codedSegments
        // The sets are kept when both passes kept theirs and they fit the budget together.
        if let theirs = later.codeSets, codeSets != nil, codeSets!.append(theirs) { return }
        codeSets = nil
    }

    /// Applies the policy to the participant read and tallies its unit of agreement.
    private mutating func finishParticipant() {
        guard let participant = coding.participant else { return }
        var rank: Int?
        for place in 0..<coding.coderCount {
            if let coderRank = coderRanks[coding.coder(at: place)], rank.map({ coderRank < $0 }) ?? true { rank = coderRank }
        }
        let chosen = rank.flatMap { positionOfRank[$0] }
        ranks[participant] = rank.map { UInt16($0 + 1) } ?? 0
        seen[participant] = true
        // The unit of agreement: the coders with segments and those assigned the participant (with no
        // code), in `String` order, each one's codes once, ascending.
        let others = assigned.isEmpty ? [] : assigned[participant] ?? []
        if coding.coderCount + others.count >= 2 {
            var unit = coding.coders.map { (coder: coderIDs[$0], codes: coding.distinctCodes(of: $0)) }
            for coder in others where !unit.contains(where: { $0.coder == coder }) { unit.append((coder, [])) }
            unit.sort { $0.coder < $1.coder }
            if unit.count >= 2 { agreement.add(coders: unit.map(\.coder), codes: unit.map(\.codes)) }
        }
        if let chosen {
            coding.addSegments(of: chosen, participant: participant, to: &segments)
            codedSegments += coding.segments[chosen]
            if coding.gathersSets, !keepSets(participant: participant, coder: chosen) {
                codeSets = nil
                coding.gathersSets = false
            }
        }
        coding.reset()
    }

    /// Adds the participant's sets in `coder`'s coding to ``codeSets``; `false` when they outgrow the
    /// budget, or when, from 256 participants of the range on, the bytes so far would outgrow twice the
    /// budget over the whole range (a large study drops its sets early instead of holding up to the budget
    /// first; twice, as participants early in the file may be coded more densely than the rest).
    private mutating func keepSets(participant: Int, coder: Int) -> Bool {
        guard let sets = coding.encodedSets(of: coder), codeSets!.add(participant: participant, encodedSets: sets) else { return false }
        let done = participant - range.lowerBound + 1
        return done < 256 || codeSets!.bytes.count * range.count <= 2 * codeSets!.budget * done
    }
}

/// Segment counts of participants × codes, kept sparse: a bit per participant and code says whether
/// the participant has segments of the code, and only those counts are kept, a byte each, one
/// participant's after another's. A participant has segments of a few of the codes (a large study of
/// 200,000 participants and 52 codes: 12 to 30 of them), so the table takes 12 bytes a participant
/// and a byte a count present (4.8 MB at 3 million segment rows) instead of a byte for every code
/// (10.4 MB). A count from 255 up is kept exactly beside the table (the byte says only "look there"),
/// so no count is ever clipped.
///
/// Counts are added participant by participant in ascending order (the store's summary is read so);
/// a count added to an earlier participant is still kept, by moving the later ones.
struct SegmentCounts: Sendable {
    /// The byte that marks a count kept in ``overflow``.
    private static let marker = UInt8.max

    /// The participants.
    let participants: Int
    /// The codes a participant may have segments of.
    let codes: Int
    /// 64-bit words of `present` per participant.
    private let wordsPerParticipant: Int
    /// Bit `code` of participant `p`'s words: whether the participant has a count of the code.
    private var present: [UInt64]
    /// Where each participant's counts start in `counts` (up to ``lastParticipant``: later ones have none).
    private var starts: [UInt32]
    /// The counts present, participant by participant, each participant's in code order.
    private var counts: [UInt8] = []
    /// The counts from ``marker`` up, by `participant · codes + code`.
    private var overflow: [Int: Int] = [:]
    /// The last participant with a count added, or -1.
    private var lastParticipant = -1

    /// A table of `participants` × `codes` zero counts.
    init(participants: Int, codes: Int) {
        self.participants = participants
        self.codes = codes
        wordsPerParticipant = (codes + 63) / 64
        present = Array(repeating: 0, count: participants * wordsPerParticipant)
        starts = Array(repeating: 0, count: participants)
    }

    /// The count of `code` for `participant`.
    @inline(__always)
    subscript(participant: Int, code: Int) -> Int {
        precondition(participant < participants && code < codes, "a participant and code of the table")
        let first = participant * wordsPerParticipant
        let word = present[first + code >> 6]
        let bit = UInt64(1) << UInt64(code & 63)
        guard word & bit != 0 else { return 0 }
        let index = Int(starts[participant]) + rank(of: code, first: first)
        let count = counts[index]
        return count == Self.marker ? overflow[participant * codes + code]! : Int(count)
    }

    /// Adds `amount` (not negative) to the count of `code` for `participant`.
    mutating func add(_ amount: Int, participant: Int, code: Int) {
        precondition(amount >= 0, "segment counts only grow")
        precondition(participant < participants && code < codes, "a participant and code of the table")
        guard amount > 0 else { return }
        if participant > lastParticipant {
            precondition(counts.count < Int(UInt32.max), "fewer than 2³² counts")
            for later in (lastParticipant + 1)...participant { starts[later] = UInt32(counts.count) }
            lastParticipant = participant
        }
        let first = participant * wordsPerParticipant
        let bit = UInt64(1) << UInt64(code & 63)
        let index = Int(starts[participant]) + rank(of: code, first: first)
        let cell = participant * codes + code
        var total = amount
        if present[first + code >> 6] & bit != 0 {
            total += counts[index] == Self.marker ? overflow[cell]! : Int(counts[index])
        } else {
            present[first + code >> 6] |= bit
            if index == counts.count { counts.append(0) } else { counts.insert(0, at: index) }
            for later in (participant + 1)..<(lastParticipant + 1) { starts[later] += 1 }
        }
        if total < Int(Self.marker) {
            counts[index] = UInt8(total)
        } else {
            counts[index] = Self.marker
            overflow[cell] = total
        }
    }

    /// Adds a participant's counts of `codes` (ascending, each once; a zero count adds nothing), as
    /// ``add(_:participant:code:)`` of each in turn would: in one step, without moving any count, when
    /// `participant` comes after every participant with a count (the pass over the store's summary adds
    /// each participant's counts so).
    mutating func add(participant: Int, codes: ArraySlice<(code: Int, count: Int)>) {
        guard participant > lastParticipant else {
            for (code, count) in codes { add(count, participant: participant, code: code) }
            return
        }
        precondition(participant < participants, "a participant of the table")
        var previous = -1
        for (code, count) in codes {
            precondition(count >= 0, "segment counts only grow")
            precondition(code > previous && code < self.codes, "codes of the table, ascending, each once")
            previous = code
            guard count > 0 else { continue }
            if participant > lastParticipant {
                precondition(counts.count < Int(UInt32.max), "fewer than 2³² counts")
                for later in (lastParticipant + 1)...participant { starts[later] = UInt32(counts.count) }
                lastParticipant = participant
            }
            present[participant * wordsPerParticipant + code >> 6] |= UInt64(1) << UInt64(code & 63)
            if count < Int(Self.marker) {
                counts.append(UInt8(count))
            } else {
                counts.append(Self.marker)
                overflow[participant * self.codes + code] = count
            }
        }
    }

    /// Appends the counts of `later`, a table of the same participants and codes whose counts are all of
    /// participants after this table's last (the second part of a pass split by participant): the table
    /// ``add(_:participant:code:)`` would have made from the counts of both, in order.
    mutating func append(_ later: SegmentCounts) {
        precondition(later.participants == participants && later.codes == codes, "a table of the same participants and codes")
        guard later.lastParticipant >= 0 else { return }
        precondition(later.present[0..<((lastParticipant + 1) * wordsPerParticipant)].allSatisfy { $0 == 0 }, "counts after this table's")
        precondition(counts.count + later.counts.count < Int(UInt32.max), "fewer than 2³² counts")
        let offset = UInt32(counts.count)
        for participant in (lastParticipant + 1)...later.lastParticipant {
            starts[participant] = offset + later.starts[participant]
            let first = participant * wordsPerParticipant
            for word in first..<(first + wordsPerParticipant) { present[word] = later.present[word] }
        }
        counts += later.counts
        overflow.merge(later.overflow) { _, theirs in theirs }
        lastParticipant = later.lastParticipant
    }

    /// The sum of `participant`'s counts.
    func sum(participant: Int) -> Int {
        guard participant <= lastParticipant else { return 0 }
        var sum = 0
        var index = Int(starts[participant])
        for offset in 0..<wordsPerParticipant {
            var word = present[participant * wordsPerParticipant + offset]
            while word != 0 {
                let count = counts[index]
                sum += count == Self.marker ? overflow[participant * codes + offset * 64 + word.trailingZeroBitCount]! : Int(count)
                index += 1
                word &= word - 1
            }
        }
        return sum
    }

    /// Calls `body` with each code `participant` has a count of, in code order, and the count.
    @inline(__always)
    func forEachCount(participant: Int, _ body: (_ code: Int, _ count: Int) -> Void) {
        guard participant <= lastParticipant else { return }
        var index = Int(starts[participant])
        for offset in 0..<wordsPerParticipant {
            var word = present[participant * wordsPerParticipant + offset]
            while word != 0 {
                let code = offset * 64 + word.trailingZeroBitCount
                let count = counts[index]
                body(code, count == Self.marker ? overflow[participant * codes + code]! : Int(count))
                index += 1
                word &= word - 1
            }
        }
    }

    /// The sum of all counts.
    var total: Int {
        counts.reduce(0) { $0 + ($1 == Self.marker ? 0 : Int($1)) } + overflow.values.reduce(0, +)
    }

    /// The counts of `participant`'s words before `code`'s bit: the place of `code`'s count among the participant's.
    @inline(__always)
    private func rank(of code: Int, first: Int) -> Int {
        var rank = (present[first + code >> 6] & (UInt64(1) << UInt64(code & 63) &- 1)).nonzeroBitCount
        for word in first..<(first + code >> 6) { rank += present[word].nonzeroBitCount }
        return rank
    }
}

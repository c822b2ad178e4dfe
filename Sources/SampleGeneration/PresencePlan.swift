import Statistics
import StudyModel

/// Which codes are present in each participant's interview (coder `C1`), and which of them coder `C2`
/// sees differently, decided for the whole study before anything is written.
///
/// Presence is allocated exactly: for each code, the participants who share its probability (a
/// *stratum*: all participants for a code without a planted difference, fathers, mothers and everyone
/// else for the work barriers, each country for the country differences) get it in exactly
/// round(probability × stratum size) cases, chosen by streaming selection sampling (Knuth's
/// algorithm S). So tables of "participants with at least one segment of the code" show the planted
/// percentages rather than a random draw around them.
///
/// `C2`'s disagreements are allocated over the double-coded participants the same way: for
/// ``PresenceModel/poorAgreementCode`` the share ``PresenceModel/poorAgreementFlip`` of them; for any
/// other code the share ``PresenceModel/usualFlip`` (at least one), but only where at least
/// ``minimumCellForFlips`` double-coded participants have the code and as many do not, so that one
/// disagreement does not make a rare code's κ collapse in a small sample.
/// Bits are kept packed (one `UInt64` per 64 codes and participant): 600,000 participants take 5 MB.
struct PresencePlan {
    static let minimumCellForFlips = 3

    let codeCount: Int
    private let words: Int
    private var presence: [UInt64]
    private var flipped: [UInt64]
    /// Whether `C2` codes the participant: chosen for it and with at least one code present.
    private(set) var secondCoded: [Bool]
    /// Present codes over all participants, and over those `C2` codes.
    private(set) var totalPresent = 0
    private(set) var presentAmongSecondCoded = 0

    init(
        model: PresenceModel, roster: ParticipantRoster, uncoded: [Bool], doubleCoded: [Bool], seed: UInt64
    ) {
        let participants = 0..<roster.count
        codeCount = model.codes.count
        words = max(1, (codeCount + 63) / 64)
        presence = [UInt64](repeating: 0, count: roster.count * words)
        flipped = [UInt64](repeating: 0, count: roster.count * words)
        secondCoded = [Bool](repeating: false, count: roster.count)
        var random = SeededGenerator(seed: seed, stream: 21)

        // Exact presence per code and stratum: the participants who share the code's probability.
        let groups = InterviewTally.groups
        var example = [SyntheticParticipant?](repeating: nil, count: groups)
        for index in participants where example[roster.group(at: index)] == nil {
            example[roster.group(at: index)] = roster.participant(at: index)
        }
        // stratumOf[code * groups + group]; strata[code] holds the distinct probabilities.
        var stratumOf = [Int](repeating: 0, count: codeCount * groups)
        var strata: [[Double]] = Array(repeating: [], count: codeCount)
        for code in 0..<codeCount {
            for group in 0..<groups {
                guard let participant = example[group] else { continue }
                let probability = model.probability(ofCodeAt: code, for: participant)
                if let known = strata[code].firstIndex(of: probability) {
                    stratumOf[code * groups + group] = known
                } else {
                    stratumOf[code * groups + group] = strata[code].count
                    strata[code].append(probability)
                }
            }
        }
        let maxStrata = max(1, strata.map(\.count).max() ?? 1)
        var size = [Int](repeating: 0, count: codeCount * maxStrata)
        var eligibleLeft = [Int](repeating: 0, count: codeCount * maxStrata)
        for index in participants {
            let group = roster.group(at: index)
            for code in 0..<codeCount {
                let slot = code * maxStrata + stratumOf[code * groups + group]
                size[slot] += 1
                if !uncoded[index] { eligibleLeft[slot] += 1 }
            }
        }
        var needed = [Int](repeating: 0, count: codeCount * maxStrata)
        for code in 0..<codeCount {
            for (stratum, probability) in strata[code].enumerated() {
                let slot = code * maxStrata + stratum
                needed[slot] = min(Int((probability * Double(size[slot])).rounded()), eligibleLeft[slot])
            }
        }
        for index in participants where !uncoded[index] {
            let group = roster.group(at: index)
            var any = false
            for code in 0..<codeCount {
                let slot = code * maxStrata + stratumOf[code * groups + group]
                if needed[slot] > 0, random.uniform(below: eligibleLeft[slot]) < needed[slot] {
                    set(&presence, index, code)
                    needed[slot] -= 1
                    totalPresent += 1
                    any = true
                }
                eligibleLeft[slot] -= 1
            }
            secondCoded[index] = doubleCoded[index] && any
        }

        // Exact disagreements over the participants C2 codes.
        let second = participants.filter { secondCoded[$0] }
        for code in 0..<codeCount {
            let having = second.reduce(0) { $0 + (bit(presence, $1, code) ? 1 : 0) }
            let share = model.flipProbability(ofCodeAt: code)
            var flips: Int
            if model.codes[code].id == PresenceModel.poorAgreementCode {
                flips = Int((share * Double(second.count)).rounded())
            } else if having >= Self.minimumCellForFlips, second.count - having >= Self.minimumCellForFlips {
                flips = max(1, Int((share * Double(second.count)).rounded()))
            } else {
                flips = 0
            }
            for (position, index) in second.enumerated() where flips > 0 {
                if random.uniform(below: second.count - position) < flips {
                    set(&flipped, index, code)
                    flips -= 1
                }
            }
            presentAmongSecondCoded += having
        }
    }

    /// The codes present in participant `index`'s interview (codebook order).
    func presence(of index: Int) -> [Bool] {
        (0..<codeCount).map { bit(presence, index, $0) }
    }

    /// The codes whose presence `C2` flips for participant `index`; `nil` if `C2` does not code them.
    func flips(of index: Int) -> [Bool]? {
        guard secondCoded[index] else { return nil }
        return (0..<codeCount).map { bit(flipped, index, $0) }
    }

    private func bit(_ bits: [UInt64], _ index: Int, _ code: Int) -> Bool {
        bits[index * words + code / 64] & (1 << UInt64(code % 64)) != 0
    }

    private func set(_ bits: inout [UInt64], _ index: Int, _ code: Int) {
        bits[index * words + code / 64] |= 1 << UInt64(code % 64)
    }
}

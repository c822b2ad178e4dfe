import Statistics
import StudyModel

/// A stretch of one interview and the codes each coder applied to it.
struct InterviewSegment {
    var id: String
    var start: Int
    var end: Int
    var excerpt: String
    var language: Language
    /// Codes (codebook indices, ascending) applied by `C1`.
    var firstCoderCodes: [Int]
    /// Codes (codebook indices, ascending) applied by `C2`; empty when `C2` did not code the participant.
    var secondCoderCodes: [Int]
}

/// One participant's coded interview.
struct CodedInterview {
    var segments: [InterviewSegment]
    /// Per code (codebook order): present in `C1`'s coding.
    var firstCoderPresence: [Bool]
    /// Per code: present in `C2`'s coding; `nil` when `C2` did not code the participant.
    var secondCoderPresence: [Bool]?
}

/// Codes one participant's interview: given the codes present (``PresencePlan``), gives every present
/// code one to three segments (more when the mean asks for more than three), packs the mentions into segments of one to three codes, writes their
/// excerpts, and lets `C2` recode the same segments with the disagreements the plan chose.
struct InterviewCoder {
    /// Chance that a segment carries one, two or three codes (when enough codes are left to pack).
    static let codesPerSegmentWeights: [Double] = [0.62, 0.28, 0.10]
    /// Chance that a KZ participant's segment is in the other of Kazakh and Russian (code-switching).
    static let codeSwitching = 0.10

    let model: PresenceModel
    /// Mean number of segments per present code, in `1...InterviewCoder.maximumMean`.
    let segmentsPerPresentCode: Double
    /// The largest mean ``segmentsPerPresentCode`` can ask for (a benchmark study of 50 rows per
    /// participant needs about 3.8).
    static let maximumMean = 8.0

    /// Extra mentions of a present code are Binomial(trials, (mean − 1) / trials): two trials up to a
    /// mean of 3 (the sample: one to three segments, the draws it was made with), one more per unit above.
    var extraMentionTrials: Int { max(2, Int((segmentsPerPresentCode - 1).rounded(.up))) }
    let seed: UInt64

    /// The coded interview of `participant` (`index`: its position in the study, for its random stream),
    /// given the codes present for `C1` and, if `C2` codes it too, the codes whose presence `C2` flips.
    func code(_ participant: SyntheticParticipant, index: Int, present: [Bool], flips: [Bool]?) -> CodedInterview {
        var random = SeededGenerator(seed: seed, stream: 20, index: UInt64(index))
        let codes = model.codes

        // Mentions: each present code 1 + Binomial(trials, (mean - 1) / trials) times, in interview order.
        var pending: [Int] = []
        let trials = extraMentionTrials
        let extra = (segmentsPerPresentCode - 1) / Double(trials)
        for codeIndex in codes.indices where present[codeIndex] {
            var count = 1
            for _ in 0..<trials where random.chance(extra) { count += 1 }
            pending += Array(repeating: codeIndex, count: count)
        }
        random.shuffle(&pending)

        var segments: [InterviewSegment] = []
        var usedSentences: [String] = []
        var cursor = random.uniform(in: 0...400)
        let interviewLanguage = participant.excerptLanguage
        while !pending.isEmpty {
            let size = 1 + random.weightedIndex(Self.codesPerSegmentWeights)
            var carried = [pending.removeFirst()]
            var scan = 0
            while carried.count < size, scan < pending.count {
                if carried.contains(pending[scan]) {
                    scan += 1
                } else {
                    carried.append(pending.remove(at: scan))
                }
            }
            var language = interviewLanguage
            if participant.country == "KZ", random.chance(Self.codeSwitching) {
                language = language == .kk ? .ru : .kk
            }
            let excerpt = ExcerptComposer.excerpt(
                for: carried.map { codes[$0] }, speaker: participant, language: language, used: &usedSentences, random: &random)
            let start = cursor + random.uniform(in: 30...900)
            let end = start + Self.characterCount(excerpt)
            cursor = end
            segments.append(
                InterviewSegment(
                    id: "\(participant.id)-S\(ParticipantRoster.padded(segments.count + 1, width: 3))",
                    start: start, end: end, excerpt: excerpt, language: language,
                    firstCoderCodes: carried.sorted(), secondCoderCodes: []))
        }

        guard let flips, !segments.isEmpty else {
            return CodedInterview(segments: segments, firstCoderPresence: present, secondCoderPresence: nil)
        }
        var second = present
        for codeIndex in codes.indices where flips[codeIndex] { second[codeIndex].toggle() }
        for segmentIndex in segments.indices {
            segments[segmentIndex].secondCoderCodes = segments[segmentIndex].firstCoderCodes.filter { second[$0] }
        }
        for codeIndex in codes.indices where second[codeIndex] && !present[codeIndex] {
            // C2 sees the code in a segment C1 coded otherwise.
            let target = random.uniform(below: segments.count)
            segments[target].secondCoderCodes.append(codeIndex)
            segments[target].secondCoderCodes.sort()
        }
        return CodedInterview(segments: segments, firstCoderPresence: present, secondCoderPresence: second)
    }

    /// The number of Unicode scalars (the excerpt's characters: the templates hold no combining marks),
    /// counted from the UTF-8 bytes that start a scalar.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

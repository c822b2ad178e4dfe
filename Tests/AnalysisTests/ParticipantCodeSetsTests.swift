@testable import Analysis
import Storage
import Testing

/// `ParticipantCodeSets`: a participant's codes per coder, each once and ascending, and the segments per
/// code added to the sparse table, equal to what sets and a plain sum give.
@Suite struct ParticipantCodeSetsTests {
    @Test func distinctCodesAndSegmentsEqualAPlainCount() {
        var random = TestRandom(seed: 2026)
        let codeCount = 70
        var coding = ParticipantCodeSets(coders: 3, codes: codeCount)
        var table = SegmentCounts(participants: 40, codes: codeCount)
        var plain = Array(repeating: Array(repeating: 0, count: codeCount), count: 40)
        for participant in 0..<40 {
            coding.participant = participant
            var applied: [[Int]] = [[], [], []]
            var segments: [[Int]] = Array(repeating: Array(repeating: 0, count: codeCount), count: 3)
            for coder in 0..<3 where random.next(3) > 0 {
                var stored = StoredCoding(participant: participant, coder: coder)
                // A few sets of codes, codes repeated across sets, some sets of zero segments.
                for _ in 0..<random.next(6) {
                    let first = stored.codes.count
                    let size = 1 + random.next(4)
                    for _ in 0..<size { stored.codes.append(random.next(codeCount)) }
                    let count = random.next(5)
                    stored.sets.append((first..<stored.codes.count, count))
                    stored.segments += count
                    for code in stored.codes[first...] { segments[coder][code] += count }
                }
                applied[coder] += stored.codes
                coding.add(stored)
            }
            for coder in coding.coders {
                #expect(coding.distinctCodes(of: coder) == Array(Set(applied[coder])).sorted())
            }
            if let chosen = coding.coders.first {
                coding.addSegments(of: chosen, participant: participant, to: &table)
                plain[participant] = segments[chosen]
            }
            coding.reset()
        }
        for participant in 0..<40 {
            #expect((0..<codeCount).map { table[participant, $0] } == plain[participant])
        }
    }
}

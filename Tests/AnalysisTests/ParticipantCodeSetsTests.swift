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

    /// The sets of two or more codes gathered per coder are the bytes ``AnalysedCodeSets`` keeps of them (read
    /// back as stored: codes, segments, in order), none for a coder of single codes only, and `nil` for a
    /// coder with a set of more than 255 codes; a row of the same coder again adds to its sums and sets.
    @Test func gatheredSetsAreTheBytesKeptOfEachCodersSets() throws {
        var random = TestRandom(seed: 77)
        let codeCount = 256
        var coding = ParticipantCodeSets(coders: 3, codes: codeCount, gathersSets: true)
        for participant in 0..<30 {
            coding.participant = participant
            var expected: [[String]] = [[], [], []]
            var sums: [[Int: Int]] = [[:], [:], [:]]
            var tooLarge = [false, false, false]
            for coder in 0..<3 where random.next(3) > 0 || (participant == 7 && coder == 1) {
                // Participant 7's coder 1: sets of 256 codes.
                let large = participant == 7 && coder == 1
                for _ in 0..<(1 + random.next(2)) {
                    var stored = StoredCoding(participant: participant, coder: coder)
                    for _ in 0..<(large ? 1 + random.next(2) : random.next(5)) {
                        let first = stored.codes.count
                        let size = large ? 256 : 1 + random.next(4)
                        stored.codes += (0..<size).map { _ in random.next(codeCount) }
                        let segments = [0, 1, 5, 127, 128, 20_000][random.next(6)]
                        stored.sets.append((first..<stored.codes.count, segments))
                        stored.segments += segments
                        for code in stored.codes[first...] { sums[coder][code, default: 0] += segments }
                        if size > 255 { tooLarge[coder] = true } else if size >= 2 {
                            expected[coder].append("\(participant) \(Array(stored.codes[first...])) \(segments)")
                        }
                    }
                    coding.add(stored)
                }
            }
            #expect(participant != 7 || tooLarge[1])
            for coder in 0..<3 {
                let encoded = coding.encodedSets(of: coder)
                #expect((encoded == nil) == tooLarge[coder])
                guard let encoded else { continue }
                var kept = AnalysedCodeSets(budget: 1 << 20)
                let added = kept.add(participant: participant, encodedSets: encoded)
                #expect(added)
                #expect(AnalysedCodeSetsTests.read(kept) == expected[coder])
                #expect(coding.distinctCodes(of: coder) == sums[coder].keys.sorted())
                var table = SegmentCounts(participants: 30, codes: codeCount)
                coding.addSegments(of: coder, participant: participant, to: &table)
                #expect((0..<codeCount).map { table[participant, $0] } == (0..<codeCount).map { sums[coder][$0] ?? 0 })
            }
            coding.reset()
        }
    }
}

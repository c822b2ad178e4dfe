@testable import Analysis
import Statistics
import Testing

/// The sparse table gives every count and sum a plain array of integers gives, across 255, whatever
/// order the counts come in.
@Suite struct SegmentCountsTests {
    @Test func countsAndSumsEqualAPlainArray() {
        var random = SeededGenerator(seed: 12_345)
        // Codes across the 64 bits of a word (1, 52, 64, 65, 130 codes); counts added participant by
        // participant (as the store is read), or in any order.
        for (participants, codes, ascending) in [(1, 1, true), (40, 52, true), (40, 52, false), (30, 64, false), (30, 65, true), (25, 130, false)] {
            var counts = SegmentCounts(participants: participants, codes: codes)
            var plain = Array(repeating: Array(repeating: 0, count: codes), count: participants)
            var participant = 0
            for step in 0..<3_000 {
                if ascending {
                    if random.uniform(below: 40) == 0 { participant = min(participant + 1 + random.uniform(below: 3), participants - 1) }
                } else {
                    participant = random.uniform(below: participants)
                }
                // A few codes of each participant, mostly single segments, now and then a large batch
                // (over 255 at once) or nothing.
                let code = participant % 3 == 0 ? random.uniform(below: codes) : random.uniform(below: min(codes, 6))
                let amount = step % 97 == 0 ? 200 + random.uniform(below: 400) : random.uniform(below: 4)
                counts.add(amount, participant: participant, code: code)
                plain[participant][code] += amount
            }
            for participant in 0..<participants {
                #expect((0..<codes).map { counts[participant, $0] } == plain[participant])
                #expect(counts.sum(participant: participant) == plain[participant].reduce(0, +))
                var listed: [(Int, Int)] = []
                counts.forEachCount(participant: participant) { listed.append(($0, $1)) }
                #expect(listed.map(\.0) == plain[participant].indices.filter { plain[participant][$0] > 0 })
                #expect(listed.map(\.1) == plain[participant].filter { $0 > 0 })
            }
            #expect(counts.total == plain.joined().reduce(0, +))
            #expect(codes == 1 || plain.joined().contains { $0 > 255 })
        }
    }

    /// A table made of two, the second with the counts of the later participants, equals the table of
    /// all counts: every count (across 255), sum and listing.
    @Test func aTableOfLaterParticipantsAppendsToTheTableOfAll() {
        var random = SeededGenerator(seed: 54_321)
        for (participants, codes, split) in [(30, 52, 0), (30, 52, 13), (30, 65, 29), (30, 130, 30), (1, 3, 0)] {
            var whole = SegmentCounts(participants: participants, codes: codes)
            var first = whole, second = whole
            for participant in 0..<participants where random.uniform(below: 5) > 0 {
                for code in 0..<codes where random.uniform(below: 4) == 0 {
                    let amount = random.uniform(below: 9) == 0 ? 200 + random.uniform(below: 400) : 1 + random.uniform(below: 5)
                    whole.add(amount, participant: participant, code: code)
                    if participant < split { first.add(amount, participant: participant, code: code) } else { second.add(amount, participant: participant, code: code) }
                }
            }
            first.append(second)
            #expect(whole.total > 0)
            Self.expectSameCounts(first, whole)
        }
    }

    /// A participant's counts added at once (``SegmentCounts/add(participant:codes:)``: after the last
    /// participant, or else code by code) give the table their adds one by one give: every count (zeros,
    /// 255 and over), sum, listing and total, and the table of later participants appended to it.
    @Test func aParticipantsCountsAddedAtOnceEqualTheirAddsOneByOne() {
        var random = SeededGenerator(seed: 8_642)
        for (participants, codes) in [(40, 52), (30, 64), (30, 65), (25, 130), (1, 1)] {
            var atOnce = SegmentCounts(participants: participants, codes: codes)
            var oneByOne = atOnce
            var participant = 0
            for _ in 0..<(3 * participants) {
                // Mostly the next participants, now and then an earlier one (added code by code).
                participant = random.uniform(below: 6) == 0 ? random.uniform(below: participants) : min(participant + random.uniform(below: 3), participants - 1)
                var listed: [(code: Int, count: Int)] = []
                for code in 0..<codes where random.uniform(below: 3) == 0 {
                    let count = [0, 1, 2, 254, 255, 256, 1_000][random.uniform(below: 7)]
                    listed.append((code, count))
                    oneByOne.add(count, participant: participant, code: code)
                }
                atOnce.add(participant: participant, codes: listed[...])
            }
            #expect(codes == 1 || atOnce.total > 0)
            Self.expectSameCounts(atOnce, oneByOne)
            // A later part's table, added at once, appends as one added code by code does.
            var first = SegmentCounts(participants: participants + 5, codes: codes)
            var firstOneByOne = first, second = first, secondOneByOne = first
            for participant in 0..<(participants + 5) {
                let listed = (0..<codes).filter { _ in random.uniform(below: 4) == 0 }.map { (code: $0, count: 1 + random.uniform(below: 300)) }
                if participant < participants { first.add(participant: participant, codes: listed[...]) } else { second.add(participant: participant, codes: listed[...]) }
                for (code, count) in listed {
                    if participant < participants { firstOneByOne.add(count, participant: participant, code: code) } else { secondOneByOne.add(count, participant: participant, code: code) }
                }
            }
            first.append(second)
            firstOneByOne.append(secondOneByOne)
            Self.expectSameCounts(first, firstOneByOne)
        }
    }

    /// Every count, sum and listing of two tables of the same participants and codes, and their totals, agree.
    static func expectSameCounts(_ table: SegmentCounts, _ expected: SegmentCounts) {
        #expect(table.total == expected.total)
        for participant in 0..<expected.participants {
            #expect((0..<expected.codes).map { table[participant, $0] } == (0..<expected.codes).map { expected[participant, $0] })
            #expect(table.sum(participant: participant) == expected.sum(participant: participant))
            var listed: [[Int]] = [], wanted: [[Int]] = []
            table.forEachCount(participant: participant) { listed.append([$0, $1]) }
            expected.forEachCount(participant: participant) { wanted.append([$0, $1]) }
            #expect(listed == wanted)
        }
    }

    @Test func aCountOfExactly255IsKeptExactly() {
        var counts = SegmentCounts(participants: 1, codes: 2)
        counts.add(254, participant: 0, code: 0)
        #expect(counts[0, 0] == 254)
        counts.add(1, participant: 0, code: 0)
        #expect(counts[0, 0] == 255)
        counts.add(1, participant: 0, code: 0)
        #expect(counts[0, 0] == 256 && counts[0, 1] == 0 && counts.sum(participant: 0) == 256 && counts.total == 256)
    }
}

import Foundation
import Statistics
@testable import Storage
import Testing

/// The rows of `coding` that ``CodingSummary`` (and ``SummaryStream``, on the thread that checks
/// `segments.csv`) computes, against the same rows gathered plainly: per participant and coder, the
/// distinct code sets in order, each with its segments.
@Suite struct CodingSummaryTests {
    static let codes = ["a", "b", "c", "d", "e", "f"]

    /// A code application: participant, segment, code, coder.
    typealias Application = (participant: Int, segment: String, code: String, coder: String)

    /// Random participants, each with segments of one of three coders carrying one to five codes, among
    /// them a code the summaries do not list (left out of its set): every other participant's sets of up
    /// to three listed codes (ordered by packed keys), the others' of up to five (ordered by
    /// comparisons); with `mixed`, a participant's rows in random order (a segment's rows apart).
    static func applications(seed: UInt64, mixed: Bool) -> [Application] {
        var generator = SeededGenerator(seed: seed)
        func random(_ bound: Int) -> Int { generator.uniform(below: bound) }
        var applications: [Application] = []
        for participant in 0..<30 {
            var own: [Application] = []
            for segment in 0..<random(40) {
                let coder = ["C1", "C2", "C3"][random(3)]
                var carried = Set<String>()
                for _ in 0..<random(participant % 2 == 0 ? 4 : 6) { carried.insert((codes + ["unlisted"])[random(codes.count + 1)]) }
                if carried.isEmpty { carried.insert(codes[random(codes.count)]) }
                var carriedCodes = carried.sorted()
                generator.shuffle(&carriedCodes)
                for code in carriedCodes { own.append((participant, "S\(segment)", code, coder)) }
            }
            if mixed { generator.shuffle(&own) }
            applications += own
        }
        return applications
    }

    /// The rows gathered plainly: coders numbered in order of first appearance, sets sorted as arrays.
    static func expectedRows(_ applications: [Application]) -> (rows: [CodingRow], coders: [[UInt8]]) {
        var coders: [String] = []
        for application in applications where !coders.contains(application.coder) { coders.append(application.coder) }
        var rows: [CodingRow] = []
        for participant in Set(applications.map(\.participant)).sorted() {
            let own = applications.filter { $0.participant == participant }
            for (number, coder) in coders.enumerated() {
                var sets: [String: [UInt32]] = [:]
                for application in own where application.coder == coder {
                    sets[application.segment, default: []] += codes.firstIndex(of: application.code).map { [UInt32($0)] } ?? []
                }
                guard !sets.isEmpty else { continue }
                var counts: [[UInt32]: Int] = [:]
                for set in sets.values { counts[set.sorted(), default: 0] += 1 }
                var blob: [UInt8] = []
                for set in counts.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                    StoredCoding.append(codes: set[...], segments: counts[set]!, to: &blob)
                }
                rows.append(CodingRow(participant: participant, coder: number, segments: sets.count, codeSets: blob))
            }
        }
        return (rows, coders.map { Array($0.utf8) })
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func theSummaryGathersTheSetsOfEachCoder(seed: UInt64) {
        let applications = Self.applications(seed: seed, mixed: seed % 2 == 0)
        let expected = Self.expectedRows(applications)
        #expect(expected.rows.count > 40)
        // Participants with a set of more than three codes, which the packed keys leave to the
        // comparisons, and participants without.
        let listed = Dictionary(grouping: applications.filter { Self.codes.contains($0.code) }) { "\($0.participant) \($0.coder) \($0.segment)" }
        let largest = Dictionary(grouping: listed) { Int($0.key.prefix { $0 != " " })! }.mapValues { $0.map(\.value.count).max()! }
        #expect(largest.values.contains { $0 > 3 } && largest.values.contains { $0 <= 3 })

        var summary = CodingSummary(codePositions: Dictionary(uniqueKeysWithValues: Self.codes.enumerated().map { ($1, UInt32($0)) }))
        var rows: [CodingRow] = []
        var participant = -1
        for application in applications {
            if application.participant != participant {
                participant = application.participant
                summary.begin(participant: participant, endingInto: &rows)
            }
            var (code, coder, segment) = (application.code, application.coder, application.segment)
            code.withUTF8 { code in
                coder.withUTF8 { coder in
                    segment.withUTF8 { segment in
                        summary.add(code: UnsafeRawBufferPointer(code), coder: UnsafeRawBufferPointer(coder), segment: UnsafeRawBufferPointer(segment))
                    }
                }
            }
        }
        summary.finish(into: &rows)
        #expect(rows == expected.rows)
        #expect(summary.coders == expected.coders)
    }

    /// A stream told when a participant or coder is the call before's gives the rows and coders of one
    /// that compares them itself.
    @Test(arguments: [5, 6] as [UInt64])
    func aStreamToldOfRepeatsGivesTheSameRows(seed: UInt64) {
        let applications = Self.applications(seed: seed, mixed: false)
        var results: [(rows: [CodingRow], coders: [[UInt8]]?)] = []
        for told in [false, true] {
            var stream = SummaryStream(codes: Self.codes)
            var rows: [CodingRow] = []
            var before: Application?
            for application in applications {
                var (participant, code, coder, segment) = ("P\(application.participant)", application.code, application.coder, application.segment)
                let sameParticipant = told && before?.participant == application.participant
                let sameCoder = told && before?.coder == application.coder
                participant.withUTF8 { participant in
                    code.withUTF8 { code in
                        coder.withUTF8 { coder in
                            segment.withUTF8 { segment in
                                stream.add(
                                    participant: UnsafeRawBufferPointer(participant),
                                    position: { Int(String(decoding: $0, as: UTF8.self).dropFirst())! },
                                    code: UnsafeRawBufferPointer(code), coder: UnsafeRawBufferPointer(coder),
                                    segment: UnsafeRawBufferPointer(segment), sameParticipant: sameParticipant, sameCoder: sameCoder,
                                    endingInto: &rows)
                            }
                        }
                    }
                }
                before = application
            }
            let coders = stream.finish(endingInto: &rows)
            results.append((rows, coders))
        }
        let expected = Self.expectedRows(applications)
        #expect(results[0].rows == expected.rows && results[0].coders == expected.coders)
        #expect(results[1].rows == expected.rows && results[1].coders == expected.coders)
    }
}

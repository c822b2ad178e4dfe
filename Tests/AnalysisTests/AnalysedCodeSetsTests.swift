@testable import Analysis
import Foundation
import Storage
import StudyModel
import Testing
import TestSupport

/// The analysed coding's sets of two or more codes, kept from the pass over the store's summary within a
/// budget: their bytes give back what was added, and co-occurrence counts the same tables from them as
/// from a second pass over the summary (the path of a study whose sets outgrow the budget).
@Suite struct AnalysedCodeSetsTests {
    /// Random participants' sets (codes below 256), with positions and segments of one to three LEB128
    /// bytes and of four bytes.
    static func randomSets(seed: UInt64) -> [(participant: Int, codes: [Int], segments: Int)] {
        var generator = TestRandom(seed: seed)
        var sets: [(participant: Int, codes: [Int], segments: Int)] = []
        var participant = generator.next(3)
        for _ in 0..<200 {
            participant += generator.next(2) == 0 ? 0 : 1 + generator.next([1, 200, 70_000][generator.next(3)])
            let codes = (0..<(2 + generator.next(6))).map { _ in generator.next(256) }.sorted()
            sets.append((participant, codes, 1 + generator.next([127, 128, 20_000][generator.next(3)])))
        }
        return sets
    }

    /// `sets` added participant by participant (`nil`: dropped).
    static func kept(_ sets: ArraySlice<(participant: Int, codes: [Int], segments: Int)>, budget: Int) -> AnalysedCodeSets? {
        var kept = AnalysedCodeSets(budget: budget)
        for participant in Set(sets.map(\.participant)).sorted() {
            var bounds: [(start: Int, count: Int)] = []
            var codes: [(code: Int, segments: Int)] = []
            for set in sets where set.participant == participant {
                bounds.append((codes.count, set.codes.count))
                codes += set.codes.map { ($0, set.segments) }
            }
            guard kept.add(participant: participant, sets: bounds, codes: codes) else { return nil }
        }
        return kept
    }

    static func read(_ kept: AnalysedCodeSets, skipping skip: (Int) -> Bool = { _ in false }) -> [String] {
        var lines: [String] = []
        kept.forEachSet(skipping: skip) { participant, codes, segments in lines.append("\(participant) \(codes.map(Int.init)) \(segments)") }
        return lines
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theSetsReadBackAsAddedAndJoinedParts(seed: UInt64) throws {
        let sets = Self.randomSets(seed: seed)
        let expected = sets.map { "\($0.participant) \($0.codes) \($0.segments)" }
        let whole = try #require(Self.kept(sets[...], budget: 1 << 20))
        #expect(Self.read(whole) == expected)
        #expect(Self.read(whole, skipping: { $0 % 2 == 0 }) == sets.filter { $0.participant % 2 == 1 }.map { "\($0.participant) \($0.codes) \($0.segments)" })
        // Two parts split between participants, joined.
        let cut = sets.firstIndex { $0.participant > sets[100].participant }!
        var first = try #require(Self.kept(sets[..<cut], budget: 1 << 20))
        let joined = first.append(try #require(Self.kept(sets[cut...], budget: 1 << 20)))
        #expect(joined)
        #expect(first.bytes == whole.bytes)
        // A budget one byte short drops them, an exact one keeps them.
        #expect(Self.kept(sets[...], budget: whole.bytes.count - 1) == nil)
        #expect(Self.kept(sets[...], budget: whole.bytes.count)?.bytes == whole.bytes)
        // A set of more than 255 codes is not kept.
        var large = AnalysedCodeSets(budget: 1 << 20)
        let tooLarge = large.add(participant: 0, sets: [(0, 256)], codes: (0..<256).map { ($0, 1) })
        let largest = large.add(participant: 0, sets: [(0, 255)], codes: (0..<255).map { ($0, 1) })
        #expect(!tooLarge && largest)
        #expect(Self.read(large) == ["0 \((0..<255).map { $0 }) 1"])
    }

    /// Two co-occurrence tables of a study's data (from its kept sets, or from the summary read again when it has none).
    static func cooccurrence(_ data: StudyData, store: StudyStore, manifest: StudyManifest) throws -> [CooccurrenceResult] {
        let specs = [
            TableSpec(id: "pairs", rows: .cooccurrence, columns: []),
            TableSpec(id: "mothers-pairs-by-country", rows: .cooccurrence, columns: ["country"], filter: ["role": ["mother"]]),
        ]
        return try specs.map { try CooccurrenceBuilder(crosstabs: CrosstabBuilder(data: data, manifest: manifest), store: store).build($0) }
    }

    @Test(arguments: [(31, false), (32, true), (33, false)] as [(UInt64, Bool)])
    func cooccurrenceCountsTheSameFromTheKeptSetsAsFromTheStore(seed: UInt64, coverage: Bool) throws {
        let (fixture, store, _) = try CodingPassTests.storedStudy(seed: seed, coverage: coverage)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let manifest = try StudyManifest(directory: fixture.directory)
        let reread = try StudyData(store: store, policy: manifest.coding, parts: 1, codeSetBudget: 0)
        #expect(reread.analysedCodeSets == nil)
        let expected = try Self.cooccurrence(reread, store: store, manifest: manifest)
        #expect(expected[0].pairs.contains { $0.cells.contains { $0.segments > 0 } })
        for parts in [1, 2, 3, 7] {
            let data = try StudyData(store: store, policy: manifest.coding, parts: parts)
            #expect(data.analysedCodeSets != nil)
            #expect(try Self.cooccurrence(data, store: store, manifest: manifest) == expected)
        }
        // A budget that one part outgrows drops the sets of all.
        let needed = try #require(try StudyData(store: store, policy: manifest.coding, parts: 1).analysedCodeSets).bytes.count
        let split = try StudyData(store: store, policy: manifest.coding, parts: 2, codeSetBudget: needed - 1)
        #expect(split.analysedCodeSets == nil)
        #expect(try Self.cooccurrence(split, store: store, manifest: manifest) == expected)
    }
}

/// A pass keeps its sets while they fit the budget, and drops them once the bytes of its first 256 or more
/// participants would outgrow twice the budget over its whole range.
@Suite struct CodingPassCodeSetsTests {
    /// A pass over `participants` participants (positions in `range`), each with one segment carrying
    /// two codes (12 bytes of sets each); the participant after which the sets were dropped, if they were.
    static func droppedAfter(range: Range<Int>, budget: Int) throws -> Int? {
        let policy = try JSONDecoder().decode(CodingPolicy.self, from: Data(#"{"analysed_coders": ["C1"]}"#.utf8))
        var pass = CodingPass(participants: range.upperBound, codes: 4, coders: ["C1"], policy: policy, assigned: [:], range: range, codeSetBudget: budget)
        for participant in range {
            var coding = StoredCoding(participant: participant, coder: 0)
            coding.segments = 1
            coding.codes = [1, 3]
            coding.sets = [(0..<2, 1)]
            pass.add(coding)
            if pass.codeSets == nil { return participant - 1 }
        }
        pass.finish()
        return pass.codeSets == nil ? range.upperBound - 1 : nil
    }

    @Test func aPassDropsItsSetsBeyondTheBudgetOrItsProjection() throws {
        // 1,000 participants of 12 bytes each: 12,000 bytes.
        #expect(try Self.droppedAfter(range: 0..<1_000, budget: 12_000) == nil)
        #expect(try Self.droppedAfter(range: 500..<1_500, budget: 12_000) == nil)
        #expect(try Self.droppedAfter(range: 0..<1_000, budget: 11_999) == 999)
        // Half of that: the projection keeps them, until the bytes outgrow the budget.
        #expect(try Self.droppedAfter(range: 0..<1_000, budget: 6_000) == 500)
        // One byte less: at 256 participants the bytes so far project past twice the budget.
        #expect(try Self.droppedAfter(range: 0..<1_000, budget: 5_999) == 255)
        #expect(try Self.droppedAfter(range: 500..<1_500, budget: 5_999) == 755)
        // Fewer than 256 participants: only the budget itself.
        #expect(try Self.droppedAfter(range: 0..<200, budget: 12 * 100) == 100)
    }
}

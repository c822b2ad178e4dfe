import Foundation
import Storage
import StudyModel

/// The pass of ``StudyData`` over the store's summary of the coding, made instead from the rows of the
/// summary as the ingest of `analyze run` makes them (``CodingObserver``: on the thread that checks
/// `segments.csv`'s rows, before they are stored), so that the analysis does not read them back.
///
/// It is the store's pass to the byte: the same ranges of participants, each its own ``CodingPass`` with its
/// share of the code sets' budget, joined in order (``finished(participants:coders:)``). It holds only when
/// the rows come with their participants ascending and the coders' ids are distinct as texts (the store's
/// pass looks coders up by text); else, or when the stream stopped, it gives nothing and the analysis reads
/// the store. Its memory is the pass's own: the rows are not kept.
///
/// `@unchecked Sendable`: fed by the checking thread alone, and read (``finished(participants:coders:)``)
/// only after the ingest has taken that thread's last batch (whose queue's lock orders the two).
public final class StreamedCodingPass: CodingObserver, @unchecked Sendable {
    /// The participants and the codes stored.
    private let participantCount: Int
    private let codeCount: Int
    /// The parts of the store's pass, by their ranges of participants.
    private var passes: [CodingPass]
    private let ranges: [Range<Int>]
    /// The pass the rows go to now, and the last row's participant.
    private var current = 0
    private var lastParticipant = -1
    /// The coders met so far, by number, as bytes and as texts.
    private var coderBytes: [[UInt8]] = []
    private var coderIDs: [String] = []
    private var isValid = true

    /// The most participants `analyze run` makes the pass for as its ingest checks the rows: the pass's
    /// arrays (a few bytes and bits per participant and code, and the code sets' budget) then live beside
    /// the ingest's own memory; a larger study's pass reads the store after the ingest.
    public static let participantLimit = 50_000

    /// A pass over `participants` participants and `codes` codes under `policy`, split as ``StudyData``'s
    /// pass over the store would be (`parts`: as its `parts`, by default one per core from 5,000
    /// participants), or `nil` when it cannot be made from the rows: a coverage list (whose assignments the
    /// pass needs, and which the ingest reads after the segments).
    public init?(participants: Int, codes: Int, policy: CodingPolicy, parts: Int? = nil, codeSetBudget: Int = 4 << 20) {
        guard policy.coverage == nil else { return nil }
        participantCount = participants
        codeCount = codes
        let parts = StudyData.passParts(participants: participants, parts: parts)
        ranges = (0..<parts).map { part in (part * participants / parts)..<((part + 1) * participants / parts) }
        passes = ranges.map { range in
            CodingPass(
                participants: participants, codes: codes, coders: [], policy: policy, assigned: [:], range: range,
                codeSetBudget: codeSetBudget / parts)
        }
    }

    public func observe(_ coding: StoredCoding, coders: [[UInt8]]) {
        guard isValid else { return }
        if coders.count > coderBytes.count {
            let new = coders[coderBytes.count...].map { String(decoding: $0, as: UTF8.self) }
            coderBytes = coders
            coderIDs += new
            for index in passes.indices { passes[index].addCoders(new) }
        }
        guard coding.participant >= lastParticipant, coding.participant < participantCount else { return streamStopped() }
        lastParticipant = coding.participant
        while current + 1 < ranges.count, coding.participant >= ranges[current].upperBound { current += 1 }
        passes[current].add(coding)
    }

    public func streamStopped() {
        isValid = false
        passes = []
    }

    /// The pass over the store's summary, joined, when it holds for a store of `participants` participants
    /// whose coders are `coders` (``StoreReader/coders()``), else `nil` (read the store). Given once: asked
    /// again, it gives `nil`.
    func finished(participants: Int, codes: Int, coders: [String]) -> CodingPass? {
        defer { streamStopped() }
        guard isValid, participants == participantCount, codes == codeCount, coders.count == coderIDs.count,
            Set(coderIDs).count == coderIDs.count, Set(coders) == Set(coderIDs), !passes.isEmpty
        else { return nil }
        // Taken out of `self` (the parts' arrays then have one owner each, and are finished in place).
        var parts: [CodingPass] = []
        swap(&parts, &passes)
        var joined = parts.removeFirst()
        joined.finish()
        while !parts.isEmpty {
            var later = parts.removeFirst()
            later.finish()
            joined.append(later)
        }
        return joined
    }
}

/// The summaries computed as the ingest reads the rows of `segments.csv`, instead of by a pass over
/// the segment table after them (``StoreSummaries/fill(_:)``, which reads all its wide rows back).
///
/// It needs no store, so it runs on the thread that checks the rows: the rows of `coding` it gives are
/// written with ``StoreTransaction/insert(_:)-([CodingRow])``, and its end with
/// ``StoreTransaction/endSummaries(coders:)``. It is fed the rows to be stored; a failed ingest, which
/// stores nothing, may have fed it rows the store refused (duplicates).
///
/// It holds while the rows come participant by participant (a participant's rows together, as the
/// study's tools and the generator write them), name stored participants, and the codes end up stored
/// at the positions declared by ``StoreTransaction/summariseSegments(codes:)``; otherwise it stops, or
/// the build finds the codes elsewhere, and the build runs the pass, which gives the same rows (coders
/// are numbered in byte order either way).
public struct SummaryStream: Sendable {
    /// Emptied once stopped (not an optional: unwrapped, it was asked for its case twice a row).
    private var summary: CodingSummary
    private var isStopped = false
    private var lastParticipant: [UInt8]?
    /// The positions of the participants begun, a bit each.
    private var begun: [UInt64] = []
    /// Told each row of `coding` the stream gives (`analyze run`'s analysis), and when it stops.
    public var observer: (any CodingObserver)?
    /// The row told last (reused), and the number of codes its blob may name.
    private var observed = StoredCoding(participant: 0, coder: 0)
    private let codeCount: Int

    /// A stream of the codes `codes`, in the order they will be stored (the codebook's).
    init(codes: [String]) {
        summary = CodingSummary(codePositions: Dictionary(codes.enumerated().map { ($1, UInt32($0)) }) { first, _ in first })
        codeCount = codes.count
    }

    /// Adds a code application to be stored (the bytes need only stay valid during the call), appending
    /// the rows of `coding` of a participant that ended to `rows`.
    /// - Parameters:
    ///   - position: the stored position of the participant whose id's bytes it is given (asked when the
    ///     participant differs from the row before), `nil` when it is not stored: then the stream stops.
    ///   - codePosition: the code's place among the codes the stream was declared with, when the caller
    ///     has looked it up already (the check of `segments.csv`'s rows has), or else `nil`: the stream
    ///     looks the code's bytes up.
    ///   - sameParticipant, sameCoder: `true` when the caller knows that the participant's (the coder's)
    ///     bytes are those of the call before (the check of `segments.csv`'s rows compares them with the
    ///     row before's): then they are not compared again; `false`: they are compared.
    public mutating func add(
        participant: UnsafeRawBufferPointer, position: (UnsafeRawBufferPointer) -> Int?, code: UnsafeRawBufferPointer,
        codePosition: Int? = nil, coder: UnsafeRawBufferPointer, segment: UnsafeRawBufferPointer,
        sameParticipant: Bool = false, sameCoder: Bool = false, endingInto rows: inout [CodingRow]
    ) {
        guard !isStopped else { return }
        if !sameParticipant, lastParticipant.map({ !StoreSummaries.same(participant, $0) }) ?? true {
            lastParticipant = Array(participant)
            // A participant not stored, or whose rows came back after another's: the pass will do.
            guard let position = position(participant), !wasBegun(position) else { return stop() }
            let start = rows.count
            summary.begin(participant: position, endingInto: &rows)
            if observer != nil { tell(rows[start...]) }
        }
        summary.add(code: code, position: codePosition.map(UInt32.init), coder: coder, sameCoder: sameCoder, segment: segment)
    }

    /// Gives up: the build runs the pass.
    public mutating func stop() {
        observer?.streamStopped()
        observer = nil
        isStopped = true
        summary = CodingSummary(codePositions: [:])
        begun = []
    }

    /// Ends the last participant, appending its rows to `rows`.
    /// - Returns: the coders by number (in order of first appearance), or `nil` when the stream stopped.
    public mutating func finish(endingInto rows: inout [CodingRow]) -> [[UInt8]]? {
        guard !isStopped else { return nil }
        let start = rows.count
        summary.finish(into: &rows)
        if observer != nil { tell(rows[start...]) }
        return summary.coders
    }

    /// Tells the observer the rows the stream has just given, read back as the store's pass reads them.
    private mutating func tell(_ rows: ArraySlice<CodingRow>) {
        guard let observer else { return }
        for row in rows {
            observed.participant = row.participant
            observed.coder = row.coder
            observed.segments = row.segments
            guard row.codeSets.withUnsafeBytes({ observed.decode($0, codeCount: codeCount) }) else {
                observer.streamStopped()
                self.observer = nil
                return
            }
            observer.observe(observed, coders: summary.coders)
        }
    }

    /// Whether `position` was begun before; marks it begun.
    private mutating func wasBegun(_ position: Int) -> Bool {
        let (word, bit) = (position / 64, UInt64(1) << UInt64(position % 64))
        if word >= begun.count { begun += Array(repeating: 0, count: word + 1 - begun.count) }
        defer { begun[word] |= bit }
        return begun[word] & bit != 0
    }
}

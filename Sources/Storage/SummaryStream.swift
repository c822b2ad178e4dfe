import GRDB

/// The summaries written as the ingest inserts the rows of `segments.csv`, instead of by a pass over
/// the segment table after them (``StoreSummaries/fill(_:)``, which reads all its wide rows back).
///
/// It holds while the rows come participant by participant (a participant's rows together, as the
/// study's tools and the generator write them), name stored participants, and the codes end up stored
/// at the positions declared by ``start(_:codes:)``; otherwise ``finish(_:)`` says so and the store's
/// build runs the pass, which gives the same rows (coders are numbered in byte order either way).
final class SummaryStream {
    /// The codes' ids at the positions declared (`nil`: not started).
    private var declared: [String]?
    private var writer: SummaryWriter?
    /// The look-up of a participant's position.
    private var positionQuery: Statement?
    private var lastParticipant: [UInt8]?
    /// The positions of the participants begun, a bit each.
    private var begun: [UInt64] = []

    /// Starts writing the summaries as rows are inserted, the codes to be stored at the positions of
    /// `codes` (the codebook's order).
    func start(_ db: Database, codes: [String]) throws {
        guard declared == nil else { return stop() }
        declared = codes
        positionQuery = try db.makeStatement(sql: "SELECT position FROM participant WHERE id = ?")
        writer = try SummaryWriter(db, codePositions: Dictionary(codes.enumerated().map { ($1, UInt32($0)) }) { first, _ in first })
    }

    /// Adds an inserted code application (the bytes need only stay valid during the call).
    func add(
        _ db: Database, participant: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer,
        segment: UnsafeRawBufferPointer
    ) throws {
        guard writer != nil else { return }
        if lastParticipant.map({ !StoreSummaries.same(participant, $0) }) ?? true {
            lastParticipant = Array(participant)
            let id = String(decoding: participant, as: UTF8.self)
            // A participant not stored, or whose rows came back after another's: the pass will do.
            guard let position = try Int.fetchOne(positionQuery!, arguments: [id]),
                !wasBegun(position)
            else { return stop() }
            try writer!.begin(participant: position)
        }
        writer!.add(code: code, coder: coder, segment: segment)
    }

    /// Gives up: a row came another way, or not participant by participant.
    func stop() {
        writer = nil
        positionQuery = nil
        begun = []
    }

    /// Writes the last rows and the coders.
    /// - Returns: `false` when the summaries are not written in full (the stream was stopped or never
    ///   started, or the codes were not stored at the declared positions): the caller empties them and
    ///   runs the pass.
    func finish(_ db: Database) throws -> Bool {
        guard writer != nil, let declared else { return false }
        defer { stop() }
        guard try String.fetchAll(db, sql: "SELECT id FROM code ORDER BY position") == declared,
            try Int.fetchOne(db, sql: "SELECT COUNT(*) = MAX(position) + 1 FROM code") != 0
        else { return false }
        try writer!.finish()
        return true
    }

    /// Whether `position` was begun before; marks it begun.
    private func wasBegun(_ position: Int) -> Bool {
        let (word, bit) = (position / 64, UInt64(1) << UInt64(position % 64))
        if word >= begun.count { begun += Array(repeating: 0, count: word + 1 - begun.count) }
        defer { begun[word] |= bit }
        return begun[word] & bit != 0
    }
}

import GRDB

/// One participant's stored coding, from every coder: what ``StoreReader/forEachCodeApplication(_:)`` and
/// ``StoreReader/forEachSegmentCount(_:)`` give for the participant, gathered in one pass.
public struct ParticipantCoding: Sendable, Equatable {
    public var participantID: String
    /// The segment count of every (code, coder) the participant has, ordered by code and coder.
    public var applications: [CodeApplicationCount]
    /// The distinct segments each coder coded for the participant, ordered by coder.
    public var segmentsByCoder: [(coder: String, segments: Int)]

    public static func == (lhs: ParticipantCoding, rhs: ParticipantCoding) -> Bool {
        lhs.participantID == rhs.participantID && lhs.applications == rhs.applications
            && lhs.segmentsByCoder.map(\.coder) == rhs.segmentsByCoder.map(\.coder)
            && lhs.segmentsByCoder.map(\.segments) == rhs.segmentsByCoder.map(\.segments)
    }
}

extension StoreReader {
    /// Calls `body` once per participant with segments in the store, in participant order, with the
    /// participant's code applications and distinct segments per coder.
    ///
    /// - Complexity: one pass over the segment table in primary-key order (participant, code, coder,
    ///   segment), nothing sorted; memory O(one participant's segment rows).
    public func forEachParticipantCoding(_ body: (ParticipantCoding) throws -> Void) throws {
        try withSmallPageCache { try scanParticipantCodings(body) }
    }

    private func scanParticipantCodings(_ body: (ParticipantCoding) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT participantId, code, coder, segmentId FROM segment ORDER BY participantId, code, coder, segmentId")
        var current = ParticipantCoding(participantID: "", applications: [], segmentsByCoder: [])
        var segmentsOfCoder: [String: Set<String>] = [:]
        func flush() throws {
            guard !current.applications.isEmpty else { return }
            current.segmentsByCoder = segmentsOfCoder.keys.sorted().map { ($0, segmentsOfCoder[$0]!.count) }
            try body(current)
            current.applications.removeAll(keepingCapacity: true)
            segmentsOfCoder.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let participantID: String = row[0]
            if participantID != current.participantID {
                try flush()
                current.participantID = participantID
            }
            let code: String = row[1]
            let coder: String = row[2]
            if let last = current.applications.last, last.code == code, last.coder == coder {
                current.applications[current.applications.count - 1].segments += 1
            } else {
                current.applications.append(CodeApplicationCount(participantID: participantID, code: code, coder: coder, segments: 1))
            }
            segmentsOfCoder[coder, default: []].insert(row[3])
        }
        try flush()
    }
}

extension StoreReader {
    /// Runs `body` (a pass over a whole table, which reads every page once) with a page cache of 1 MiB
    /// instead of the store's 16 MiB: the pages of a pass are not read again, and a large study's pass
    /// would otherwise fill all 16 MiB.
    func withSmallPageCache<T>(_ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -1024")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}

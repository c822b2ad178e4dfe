import Foundation
import GRDB
import StudyModel

/// The reads of the segment table: a row per segment (participant, coder, segment id and `part`), its
/// code applications packed into `codes` (``SegmentCodes``). Each read gives what the table of one row
/// per application gave, in the same order.
extension StoreReader {
    /// Calls `body` with the segment count of every (participant, code, coder) present in the store,
    /// ordered by participant, code and coder (their bytes).
    ///
    /// - Complexity: one pass over the segment table in key order (SQLite sorts it when the table has no
    ///   index of its keys); memory O(one participant's codes).
    public func forEachCodeApplication(_ body: (CodeApplicationCount) throws -> Void) throws {
        struct Key: Hashable {
            var code: [UInt8]
            var coder: [UInt8]
        }
        let scan = try StatementScan(db, sql: "SELECT participantId, coder, codes FROM segment ORDER BY participantId, coder, segmentId, part")
        var participant: [UInt8]?
        var counts: [Key: Int] = [:]
        func flush() throws {
            guard let participant else { return }
            let id = String(decoding: participant, as: UTF8.self)
            for (key, segments) in counts.sorted(by: { Self.precedes(($0.key.code, $0.key.coder), ($1.key.code, $1.key.coder)) }) {
                try body(CodeApplicationCount(
                    participantID: id, code: String(decoding: key.code, as: UTF8.self), coder: String(decoding: key.coder, as: UTF8.self),
                    segments: segments))
            }
            counts.removeAll(keepingCapacity: true)
        }
        while try scan.next() {
            if participant.map({ !scan.text(0).elementsEqual($0) }) ?? true {
                try flush()
                participant = Array(scan.text(0))
            }
            let coder = Array(scan.text(1))
            SegmentCodes.forEach(in: scan.blob(2)) { code, _ in
                counts[Key(code: Array(code), coder: coder), default: 0] += 1
                return true
            }
        }
        try flush()
    }

    /// The number of distinct segments (a stretch of an interview, whatever codes it carries) each coder
    /// coded for each participant, ordered by participant and coder.
    public func forEachSegmentCount(_ body: (_ participantID: String, _ coder: String, _ segments: Int) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT participantId, coder, COUNT(DISTINCT segmentId) FROM segment
                GROUP BY participantId, coder ORDER BY participantId, coder
                """)
        while let row = try rows.next() { try body(row[0], row[1], row[2]) }
    }

    /// Calls `body` with the codes of every segment that carries at least one of `codes` (only those
    /// codes, in byte order), with its participant and coder, ordered by participant, coder and segment.
    ///
    /// - Complexity: one pass over the segment table in key order (sorted by SQLite without the index);
    ///   memory O(codes).
    public func forEachSegmentCodes(
        codes: [String], _ body: (_ participantID: String, _ coder: String, _ codes: [String]) throws -> Void
    ) throws {
        guard !codes.isEmpty else { return }
        try withSmallPageCache { try scanSegmentCodes(codes: Set(codes.map { Array($0.utf8) }), body) }
    }

    private func scanSegmentCodes(
        codes: Set<[UInt8]>, _ body: (_ participantID: String, _ coder: String, _ codes: [String]) throws -> Void
    ) throws {
        let scan = try StatementScan(
            db, sql: "SELECT participantId, coder, segmentId, codes FROM segment ORDER BY participantId, coder, segmentId, part")
        var current: [[UInt8]]?
        var segmentCodes: [[UInt8]] = []
        func flush() throws {
            guard let current, !segmentCodes.isEmpty else { return }
            try body(
                String(decoding: current[0], as: UTF8.self), String(decoding: current[1], as: UTF8.self),
                segmentCodes.sorted { $0.lexicographicallyPrecedes($1) }.map { String(decoding: $0, as: UTF8.self) })
            segmentCodes.removeAll(keepingCapacity: true)
        }
        while try scan.next() {
            let key = [Array(scan.text(0)), Array(scan.text(1)), Array(scan.text(2))]
            if key != current {
                try flush()
                current = key
            }
            SegmentCodes.forEach(in: scan.blob(3)) { code, _ in
                let code = Array(code)
                if codes.contains(code) { segmentCodes.append(code) }
                return true
            }
        }
        try flush()
    }

    /// The excerpts one code was applied to, with who coded them, in participant and file order (the
    /// applications of one line by coder and segment id).
    public func excerpts(code: String) throws -> [(participantID: String, coder: String, excerpt: String, language: String?)] {
        let scan = try StatementScan(
            db, sql: "SELECT participantId, coder, segmentId, codes, excerpt, language FROM segment WHERE excerpt IS NOT NULL")
        let wanted = Array(code.utf8)
        var found: [(key: [[UInt8]], line: Int, excerpt: String, language: String?)] = []
        while try scan.next() {
            guard let line = wanted.withUnsafeBytes({ SegmentCodes.line(of: $0, in: scan.blob(3)) }) else { continue }
            found.append((
                [Array(scan.text(0)), Array(scan.text(1)), Array(scan.text(2))], line, String(decoding: scan.text(4), as: UTF8.self),
                scan.isNull(5) ? nil : String(decoding: scan.text(5), as: UTF8.self)))
        }
        found.sort { first, second in
            if first.key[0] != second.key[0] { return first.key[0].lexicographicallyPrecedes(second.key[0]) }
            if first.line != second.line { return first.line < second.line }
            return Self.precedes((first.key[1], first.key[2]), (second.key[1], second.key[2]))
        }
        return found.map { (String(decoding: $0.key[0], as: UTF8.self), String(decoding: $0.key[1], as: UTF8.self), $0.excerpt, $0.language) }
    }

    /// Calls `body` with every stored code application (a row of `segments.csv`), ordered by participant,
    /// document (none first), start (none last), end, segment id, excerpt, code and coder: the rows of one
    /// segment come together, the segments of a document in its order.
    ///
    /// - Complexity: one pass over the segment table, sorted by SQLite; memory O(one segment's rows).
    public func forEachSegment(_ body: (CodedSegment) throws -> Void) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT segmentId, participantId, coder, document, start, "end", excerpt, language, codes FROM segment
                ORDER BY participantId, document, start IS NULL, start, "end", segmentId, excerpt
                """)
        var group: [CodedSegment] = []
        func flush() throws {
            group.sort { Self.precedes((Array($0.code.utf8), Array($0.coder.utf8)), (Array($1.code.utf8), Array($1.coder.utf8))) }
            for segment in group { try body(segment) }
            group.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let segment = CodedSegment(
                segmentID: row[0], participantID: row[1], code: "", coder: row[2], document: row[3], start: row[4], end: row[5],
                excerpt: row[6], language: row[7])
            // The texts compared by their bytes, as SQLite sorts them.
            func same(_ first: String?, _ second: String?) -> Bool {
                guard let first, let second else { return first == nil && second == nil }
                return first.utf8.elementsEqual(second.utf8)
            }
            if let first = group.first,
                !same(first.participantID, segment.participantID) || !same(first.document, segment.document) || first.start != segment.start
                    || first.end != segment.end || !same(first.segmentID, segment.segmentID) || !same(first.excerpt, segment.excerpt)
            {
                try flush()
            }
            let codes: Data = row[8]
            codes.withUnsafeBytes { blob in
                for (code, line) in SegmentCodes.applications(in: blob) {
                    var application = segment
                    application.code = code
                    application.line = line
                    group.append(application)
                }
            }
        }
        try flush()
    }

    /// The number of stored code applications (rows of `segments.csv`).
    public func segmentRowCount() throws -> Int {
        let scan = try StatementScan(db, sql: "SELECT codes FROM segment")
        var count = 0
        while try scan.next() { count += SegmentCodes.count(in: scan.blob(0)) }
        return count
    }

    /// Whether `first` comes before `second` in byte order of the first bytes, then of the second.
    private static func precedes(_ first: ([UInt8], [UInt8]), _ second: ([UInt8], [UInt8])) -> Bool {
        first.0 != second.0 ? first.0.lexicographicallyPrecedes(second.0) : first.1.lexicographicallyPrecedes(second.1)
    }
}

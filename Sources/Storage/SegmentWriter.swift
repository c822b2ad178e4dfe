import Foundation
import GRDB

/// Writes ``SegmentBatch``es into the table `segment`: each complete segment as a row, its
/// applications packed (``SegmentCodes``), with one multi-row `INSERT` for the batch.
///
/// A segment whose participant, coder and segment id are stored already (it came back after other
/// segments, or with another document, offsets, excerpt or language) is joined to the stored ones: its
/// applications that repeat a stored one are left out as duplicates, the rest appended to the stored row
/// with the same document, offsets, excerpt and language, or else stored as the key's next `part`.
/// So the table holds each (participant, code, coder, segment) at most once, as the primary key of the
/// table of one row per application did.
final class SegmentWriter {
    private let db: Database
    /// The inserts of 1 to ``statementRows`` segments as part 0, by their number.
    private var inserts: [PreparedInsert?] = Array(repeating: nil, count: statementRows + 1)
    /// The greatest key stored, to tell the segments that need no join.
    private var keyOrder = SegmentKeyOrder()
    private var partInsert: PreparedInsert?
    private var codesUpdate: PreparedInsert?

    /// The columns of a row, in the order the inserts bind them (the `part` aside).
    static let columns = #"participantId, coder, segmentId, part, codes, document, start, "end", language, excerpt"#

    init(_ db: Database) {
        self.db = db
    }

    /// Stores the batch's complete segments and forgets them.
    ///
    /// The segments are taken in epochs of ``epoch`` (the batch's first 16, the next 16, ...; the last one
    /// shorter): an epoch's rows are inserted, then those of its segments whose key was stored already
    /// are joined to the stored rows, before the next epoch's rows are inserted. So the rows (and their
    /// rowids) come in the same order however many epochs a batch holds. The inserts themselves take up
    /// to ``statementRows`` rows a statement, each statement's rows of one participant, coder and
    /// document (bound once for all of them); a statement ends with an epoch only where a segment of the
    /// epoch may meet a stored key (``SegmentKeyOrder``: its key is not the greatest yet).
    /// - Returns: how many applications were stored, and those left out as duplicates (of a stored
    ///   application, or of one of their segment), in line order.
    func write(_ batch: inout SegmentBatch) throws -> (stored: Int, duplicates: [SegmentBatch.Duplicate]) {
        let count = batch.closedCount
        guard count > 0 else { return (0, []) }
        let epochs = (count + Self.epoch - 1) / Self.epoch
        let mayMeetStoredKey = try epochsMeetingStoredKeys(batch.segments[..<count], epochs: epochs)
        /// The rows of each epoch its inserts left out (their key was stored).
        var leftOut = Array(repeating: 0, count: epochs)
        var stored = 0
        var duplicates: [SegmentBatch.Duplicate] = []
        var start = 0
        var finished = 0
        while start < count {
            var end = start + 1
            while end < count, end - start < Self.statementRows, Self.isSameRun(batch.segments, start, end),
                end % Self.epoch != 0 || !mayMeetStoredKey[end / Self.epoch - 1]
            {
                end += 1
            }
            let written = try insert(start..<end, of: batch.segments, codes: batch.codes)
            leftOut[(end - 1) / Self.epoch] += end - start - written
            start = end
            // The epochs this statement completed: each one's segments counted, or else joined.
            while finished < epochs, min((finished + 1) * Self.epoch, count) <= end {
                let segments = finished * Self.epoch..<min((finished + 1) * Self.epoch, count)
                if leftOut[finished] == 0 {
                    for index in segments {
                        stored += batch.segments[index].applications
                        for (code, line) in batch.segments[index].repeated {
                            let segment = batch.segments[index]
                            let firstLine = batch.codes.withUnsafeBytes { codes in
                                code.withUnsafeBytes { SegmentCodes.line(of: $0, in: UnsafeRawBufferPointer(rebasing: codes[segment.codes])) }
                            }
                            duplicates.append(duplicate(line: line, code: code, coder: segment.coder, firstLine: firstLine!))
                        }
                    }
                } else {
                    for segment in batch.segments[segments] {
                        let outcome = try join(segment, of: batch, justInserted: leftOut[finished] < segments.count)
                        stored += outcome.stored
                        duplicates += outcome.duplicates
                    }
                }
                finished += 1
            }
        }
        batch.removeClosed()
        return (stored, duplicates.sorted { $0.line < $1.line })
    }

    /// The segments of an epoch (see ``write(_:)``): the segments the store's inserts took a statement
    /// each before, so that the rows come in the order they did.
    static let epoch = 16

    /// The most rows one insert statement stores.
    static let statementRows = 64

    /// Which epochs of `segments` hold a segment whose key may be stored already (it is not greater
    /// than every key stored and every key before it); the greatest key moves on past the others.
    private func epochsMeetingStoredKeys(_ segments: ArraySlice<SegmentBatch.Segment>, epochs: Int) throws -> [Bool] {
        try keyOrder.load(db)
        var meets = Array(repeating: false, count: epochs)
        var greatest: Int?
        keyOrder.withGreatest { stored in
            // The fields read in place (a segment copied out of the array costs a retain and a release).
            for index in segments.indices {
                let isAfter: Bool
                if let greatest {
                    isAfter = SegmentKeyOrder.isAfter(
                        segments[index].participantID, segments[index].coder, segments[index].segmentID,
                        (segments[greatest].participantID, segments[greatest].coder, segments[greatest].segmentID))
                } else if let stored {
                    isAfter = SegmentKeyOrder.isAfter(segments[index].participantID, segments[index].coder, segments[index].segmentID, stored)
                } else {
                    isAfter = true
                }
                if isAfter {
                    greatest = index
                } else {
                    meets[(index - segments.startIndex) / Self.epoch] = true
                }
            }
        }
        if let greatest {
            keyOrder.remember(participant: segments[greatest].participantID, coder: segments[greatest].coder, segment: segments[greatest].segmentID)
        }
        return meets
    }

    /// Whether segments `one` and `other` of `segments` have the participant, coder and document an insert
    /// binds once for its rows.
    private static func isSameRun(_ segments: [SegmentBatch.Segment], _ one: Int, _ other: Int) -> Bool {
        func same(_ first: UnsafeRawBufferPointer?, _ second: UnsafeRawBufferPointer?) -> Bool {
            guard let first, let second else { return first == nil && second == nil }
            return SegmentKeyOrder.compare(first, second) == 0
        }
        return same(segments[one].participantID, segments[other].participantID) && same(segments[one].coder, segments[other].coder)
            && same(segments[one].document, segments[other].document)
    }

    /// Inserts `segments` (of one participant, coder and document) as part 0 with one statement.
    /// - Returns: how many rows it wrote (a segment whose key is stored is left out).
    private func insert(_ rows: Range<Int>, of segments: [SegmentBatch.Segment], codes: [UInt8]) throws -> Int {
        let insert = try insertStatement(rows: rows.count)
        insert.bindWithoutCopy(1, segments[rows.lowerBound].participantID)
        insert.bindWithoutCopy(2, segments[rows.lowerBound].coder)
        insert.bindWithoutCopy(3, segments[rows.lowerBound].document)
        return try codes.withUnsafeBytes { codes in
            var index: Int32 = Self.sharedParameters
            // The fields read in place (a segment copied out of the array costs a retain and a release).
            for row in rows {
                insert.bindWithoutCopy(index + 1, segments[row].segmentID)
                insert.bindBlobWithoutCopy(index + 2, UnsafeRawBufferPointer(rebasing: codes[segments[row].codes]))
                insert.bind(index + 3, segments[row].start)
                insert.bind(index + 4, segments[row].end)
                insert.bindWithoutCopy(index + 5, segments[row].language)
                insert.bindWithoutCopy(index + 6, segments[row].excerpt)
                index += Self.rowParameters
            }
            // Its bindings are not cleared (that walked all of them after each statement): every
            // parameter of this statement is bound again before it runs again, and SQLite reads a value
            // bound without a copy only when the statement runs, so the pointers it keeps into the
            // batch's bytes after this call are never read.
            return try insert.executeCountingRows()
        }
    }

    /// The parameters an insert binds once for all its rows (participant, coder, document), and those it
    /// binds for each row.
    private static let sharedParameters: Int32 = 3
    private static let rowParameters: Int32 = 6

    /// Stores one application as ``write(_:)`` stores a batch's.
    /// - Returns: `false` when the same participant, code, coder and segment are stored already.
    func write(_ segment: SegmentBatch) throws -> Bool {
        var batch = segment
        batch.close()
        let outcome = try write(&batch)
        return outcome.stored == 1
    }

    /// Copies the rows of `table`, a table of one row per code application (the segment table before the
    /// migration `packSegments`), into `segment`, a row per segment.
    func copyRowsPerApplication(from table: String) throws {
        let scan = try StatementScan(db, sql: """
            SELECT participantId, code, coder, segmentId, document, start, "end", excerpt, language, line FROM \(table)
            ORDER BY participantId, coder, segmentId, document, start, "end", language, excerpt, line
            """)
        var batch = SegmentBatch()
        while try scan.next() {
            func text(_ column: Int32) -> UnsafeRawBufferPointer? { scan.isNull(column) ? nil : scan.text(column) }
            batch.append(
                participantID: scan.text(0), code: scan.text(1), coder: scan.text(2), segmentID: scan.text(3), document: text(4),
                start: scan.integer(5), end: scan.integer(6), excerpt: text(7), language: text(8), line: scan.integer(9) ?? 0)
            if batch.isFull { _ = try write(&batch) }
        }
        batch.close()
        _ = try write(&batch)
    }

    /// Joins a complete segment of `batch` to the stored rows of its key (see the type's description).
    /// `justInserted`: the batch's insert ran, and stored the segment unless a row of its key was there.
    private func join(
        _ segment: SegmentBatch.Segment, of batch: SegmentBatch, justInserted: Bool
    ) throws -> (stored: Int, duplicates: [SegmentBatch.Duplicate]) {
        let ours = Array(batch.codes[segment.codes])
        let parts = try storedParts(of: segment)
        var kept: [UInt8] = []
        var keptCount = 0
        /// The line of each code stored before this segment came (its own applications or the parts').
        var firstLines: [[UInt8]: Int] = [:]
        var duplicates: [SegmentBatch.Duplicate] = []
        if justInserted, parts.contains(where: { $0.codes == ours }) {
            // Stored by the insert (a segment's lines are its own, so no other row holds the same blob).
            keptCount = segment.applications
            ours.withUnsafeBytes { _ = SegmentCodes.forEach(in: $0) { code, line in firstLines[Array(code)] = line; return true } }
        } else {
            var stored: [[UInt8]: Int] = [:]
            for part in parts {
                part.codes.withUnsafeBytes { _ = SegmentCodes.forEach(in: $0) { code, line in stored[Array(code)] = line; return true } }
            }
            ours.withUnsafeBytes { blob in
                _ = SegmentCodes.forEach(in: blob) { code, line in
                    let key = Array(code)
                    if let first = stored[key] {
                        duplicates.append(duplicate(line: line, code: key, coder: segment.coder, firstLine: first))
                        firstLines[key] = first
                    } else {
                        SegmentCodes.append(code: code, line: line, to: &kept)
                        keptCount += 1
                        firstLines[key] = line
                    }
                    return true
                }
            }
            if !kept.isEmpty { try store(kept, of: segment, besides: parts) }
        }
        for (code, line) in segment.repeated {
            duplicates.append(duplicate(line: line, code: code, coder: segment.coder, firstLine: firstLines[code]!))
        }
        return (keptCount, duplicates)
    }

    /// A stored row of a segment's key.
    private struct Part {
        var part: Int
        var codes: [UInt8]
        var document: [UInt8]?
        var start: Int?
        var end: Int?
        var language: [UInt8]?
        var excerpt: [UInt8]?
    }

    private func storedParts(of segment: SegmentBatch.Segment) throws -> [Part] {
        let scan = try StatementScan(
            db,
            sql: """
                SELECT part, codes, document, start, "end", language, excerpt FROM segment
                WHERE participantId = ? AND coder = ? AND segmentId = ? ORDER BY part
                """,
            texts: [segment.participantID, segment.coder, segment.segmentID].map { Array($0) })
        var parts: [Part] = []
        while try scan.next() {
            parts.append(Part(
                part: scan.integer(0) ?? 0, codes: Array(scan.blob(1)), document: scan.optionalText(2), start: scan.integer(3),
                end: scan.integer(4), language: scan.optionalText(5), excerpt: scan.optionalText(6)))
        }
        return parts
    }

    /// Stores applications of a segment beside its key's stored rows: appended to the row of the same
    /// document, offsets, excerpt and language, or as the next part.
    private func store(_ codes: [UInt8], of segment: SegmentBatch.Segment, besides parts: [Part]) throws {
        func field(_ bytes: UnsafeRawBufferPointer?) -> [UInt8]? { bytes.map { Array($0) } }
        let same = parts.first {
            $0.document == field(segment.document) && $0.start == segment.start && $0.end == segment.end
                && $0.language == field(segment.language) && $0.excerpt == field(segment.excerpt)
        }
        try withExtendedLifetime(segment.owner) {
            try codes.withUnsafeBytes { blob in
                if let same {
                    if codesUpdate == nil {
                        codesUpdate = try PreparedInsert(db, sql: """
                            UPDATE segment SET codes = CAST(codes || ? AS BLOB) WHERE participantId = ? AND coder = ? AND segmentId = ? AND part = ?
                            """)
                    }
                    let update = codesUpdate!
                    update.bindBlobWithoutCopy(1, blob)
                    update.bindWithoutCopy(2, segment.participantID)
                    update.bindWithoutCopy(3, segment.coder)
                    update.bindWithoutCopy(4, segment.segmentID)
                    update.bind(5, same.part)
                    _ = try update.executeAndClear()
                } else {
                    if partInsert == nil {
                        partInsert = try PreparedInsert(db, sql: "INSERT INTO segment (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    }
                    let insert = partInsert!
                    bind(segment, part: (parts.map(\.part).max() ?? -1) + 1, codes: blob, to: insert)
                    _ = try insert.executeAndClear()
                }
            }
        }
    }

    /// Binds a segment's fields (where its owner keeps them), with `part` and `codes`, to a single-row
    /// insert's parameters.
    private func bind(_ segment: SegmentBatch.Segment, part: Int, codes: UnsafeRawBufferPointer, to insert: PreparedInsert) {
        insert.bindWithoutCopy(1, segment.participantID)
        insert.bindWithoutCopy(2, segment.coder)
        insert.bindWithoutCopy(3, segment.segmentID)
        insert.bind(4, part)
        insert.bindBlobWithoutCopy(5, codes)
        insert.bindWithoutCopy(6, segment.document)
        insert.bind(7, segment.start)
        insert.bind(8, segment.end)
        insert.bindWithoutCopy(9, segment.language)
        insert.bindWithoutCopy(10, segment.excerpt)
    }

    private func duplicate(line: Int, code: [UInt8], coder: UnsafeRawBufferPointer, firstLine: Int) -> SegmentBatch.Duplicate {
        SegmentBatch.Duplicate(
            line: line, code: String(decoding: code, as: UTF8.self), coder: String(decoding: coder, as: UTF8.self), firstLine: firstLine)
    }

    /// The insert of `rows` segments as part 0 (1 to ``statementRows``) of one participant, coder and
    /// document, prepared on first use.
    private func insertStatement(rows: Int) throws -> PreparedInsert {
        if let insert = inserts[rows] { return insert }
        let values = (0..<rows).map { row in
            let first = Int(Self.sharedParameters) + row * Int(Self.rowParameters)
            let own = (1...Int(Self.rowParameters)).map { "?\(first + $0)" }
            return "(?1, ?2, \(own[0]), 0, \(own[1]), ?3, \(own[2]), \(own[3]), \(own[4]), \(own[5]))"
        }
        let insert = try PreparedInsert(db, sql: "INSERT OR IGNORE INTO segment (\(Self.columns)) VALUES \(values.joined(separator: ", "))")
        inserts[rows] = insert
        return insert
    }
}

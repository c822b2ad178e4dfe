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
///
/// A full batch whose keys come in ascending order, all above the greatest key stored, cannot meet a stored
/// key, so it is stored with one statement of ``SegmentBatch/capacity`` rows; any other batch is stored
/// ``chunk`` segments a statement, each statement's segments joined before the next runs. Both give the
/// rows the same order (and rowids) as statements of ``chunk`` segments each.
///
/// The table's unique index of the keys (``StudyStore/segmentKeyIndex``) is made before the first batch
/// whose keys do not ascend above the greatest stored: only such a batch may meet a stored key, and its
/// statements find them by the index (`INSERT OR IGNORE`). Until then the rows are only appended, with no
/// index to keep (M: every batch ascends, so its store has none).
final class SegmentWriter {
    private let db: Database
    /// The most segments a statement stores when they may meet a stored key: the order the rows of such a
    /// batch get (a joined segment's part after its statement's rows) is that of statements of this size.
    static let chunk = 16
    /// The inserts of 1 to ``chunk`` segments, and of ``SegmentBatch/capacity``, as part 0, by their number
    /// (the other sizes are never prepared).
    private var inserts: [PreparedInsert?] = Array(repeating: nil, count: SegmentBatch.capacity + 1)
    private var partInsert: PreparedInsert?
    private var codesUpdate: PreparedInsert?
    /// The greatest key stored (see ``SegmentKey``), read from the table on first use.
    private var greatest: SegmentKey?
    private var greatestRead = false
    /// Whether the table's unique index of the keys is known to exist (made by this writer, or before).
    private var keysIndexed = false

    /// The columns of a row, in the order the inserts bind them (the `part` aside).
    static let columns = #"participantId, coder, segmentId, part, codes, document, start, "end", language, excerpt"#

    init(_ db: Database) {
        self.db = db
    }

    /// Stores the batch's complete segments and forgets them.
    /// - Returns: how many applications were stored, and those left out as duplicates (of a stored
    ///   application, or of one of their segment), in line order.
    func write(_ batch: inout SegmentBatch) throws -> (stored: Int, duplicates: [SegmentBatch.Duplicate]) {
        let count = batch.closedCount
        guard count > 0 else { return (0, []) }
        var stored = 0
        var duplicates: [SegmentBatch.Duplicate] = []
        let ascending = try keysAscend(in: batch, count: count)
        if !ascending { try indexKeys() }
        let size = ascending && count == SegmentBatch.capacity ? count : Self.chunk
        var first = 0
        while first < count {
            let outcome = try write(first..<min(count, first + size), of: batch)
            stored += outcome.stored
            duplicates += outcome.duplicates
            first += size
        }
        noteGreatest(of: batch, count: count, ascending: ascending)
        batch.removeClosed()
        // A chunk's lines all come before the next chunk's, so this is each chunk's order in turn.
        return (stored, duplicates.sorted { $0.line < $1.line })
    }

    /// Stores the complete segments `range` of `batch` with one statement, then joins those whose key was
    /// stored already.
    private func write(_ range: Range<Int>, of batch: SegmentBatch) throws -> (stored: Int, duplicates: [SegmentBatch.Duplicate]) {
        let insert = try insertStatement(rows: range.count)
        let written = try batch.codes.withUnsafeBytes { codes in
            batch.segments.withUnsafeBufferPointer { segments in
                for (row, index) in range.enumerated() {
                    bind(segments.baseAddress! + index, part: nil, codes: codes, to: insert, first: Int32(9 * row))
                }
            }
            // Its bindings are not cleared (that walked all 9 × `count` of them after each statement):
            // every parameter of this statement is bound again before it runs again, and SQLite reads a
            // value bound without a copy only when the statement runs, so the pointers it keeps into
            // the batch's bytes after this call are never read.
            return try insert.executeCountingRows()
        }
        var stored = 0
        var duplicates: [SegmentBatch.Duplicate] = []
        if written == range.count {
            for index in range {
                stored += batch.segments[index].applications
                guard !batch.segments[index].repeated.isEmpty else { continue }
                let segment = batch.segments[index]
                for (code, line) in segment.repeated {
                    let firstLine = batch.codes.withUnsafeBytes { codes in
                        code.withUnsafeBytes { SegmentCodes.line(of: $0, in: UnsafeRawBufferPointer(rebasing: codes[segment.codes])) }
                    }
                    duplicates.append(duplicate(line: line, code: code, coder: segment.coder, firstLine: firstLine!))
                }
            }
        } else {
            for index in range {
                let outcome = try join(batch.segments[index], of: batch, justInserted: written > 0)
                stored += outcome.stored
                duplicates += outcome.duplicates
            }
        }
        return (stored, duplicates)
    }

    /// Makes the table's unique index of the keys unless it has it: a write that may meet a stored key
    /// finds it by the index.
    private func indexKeys() throws {
        guard !keysIndexed else { return }
        try db.execute(sql: StudyStore.segmentKeyIndex)
        keysIndexed = true
    }

    /// Whether the first `count` segments of `batch` have keys in ascending order, the first above the
    /// greatest stored: then none of them meets a stored key or another of them.
    private func keysAscend(in batch: SegmentBatch, count: Int) throws -> Bool {
        if !greatestRead {
            greatest = try SegmentKey.greatest(in: db)
            greatestRead = true
        }
        return batch.segments.withUnsafeBufferPointer { segments in
            // By pointer: a segment read by value was copied (its owner retained) for each comparison.
            let first = segments.baseAddress!
            if let greatest, greatest.order(first.pointee.key) >= 0 { return false }
            for index in 1..<count where SegmentKey.order((first + index - 1).pointee.key, (first + index).pointee.key) >= 0 {
                return false
            }
            return true
        }
    }

    /// Keeps the greatest of the stored key and those of the first `count` segments of `batch` (`ascending`:
    /// their keys ascend, so the last is the greatest).
    private func noteGreatest(of batch: SegmentBatch, count: Int, ascending: Bool) {
        batch.segments.withUnsafeBufferPointer { segments in
            let first = segments.baseAddress!
            var largest = count - 1
            if !ascending {
                largest = 0
                for index in 1..<count where SegmentKey.order((first + largest).pointee.key, (first + index).pointee.key) < 0 {
                    largest = index
                }
            }
            if let greatest, greatest.order((first + largest).pointee.key) >= 0 { return }
            greatest = SegmentKey((first + largest).pointee.key)
        }
    }

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
                    bind(segment, part: (parts.map(\.part).max() ?? -1) + 1, codes: blob, to: insert, first: 0)
                    _ = try insert.executeAndClear()
                }
            }
        }
    }

    /// Binds a segment's fields (where its owner keeps them) to the parameters after `first` (its codes: all of `codes` when `part` is
    /// given, else its range of them; `part`: bound after the segment id, or else 0 in the statement).
    private func bind(
        _ segment: SegmentBatch.Segment, part: Int?, codes: UnsafeRawBufferPointer, to insert: PreparedInsert, first: Int32
    ) {
        withUnsafePointer(to: segment) { bind($0, part: part, codes: codes, to: insert, first: first) }
    }

    /// ``bind(_:part:codes:to:first:)`` of the segment at `pointer` (read in place: a segment passed by value
    /// was copied, its owner retained and released, for every row).
    private func bind(
        _ pointer: UnsafePointer<SegmentBatch.Segment>, part: Int?, codes: UnsafeRawBufferPointer, to insert: PreparedInsert, first: Int32
    ) {
        var index = first
        func next() -> Int32 {
            index += 1
            return index
        }
        insert.bindWithoutCopy(next(), pointer.pointee.participantID)
        insert.bindWithoutCopy(next(), pointer.pointee.coder)
        insert.bindWithoutCopy(next(), pointer.pointee.segmentID)
        if let part { insert.bind(next(), part) }
        insert.bindBlobWithoutCopy(next(), part == nil ? UnsafeRawBufferPointer(rebasing: codes[pointer.pointee.codes]) : codes)
        insert.bindWithoutCopy(next(), pointer.pointee.document)
        insert.bind(next(), pointer.pointee.start)
        insert.bind(next(), pointer.pointee.end)
        insert.bindWithoutCopy(next(), pointer.pointee.language)
        insert.bindWithoutCopy(next(), pointer.pointee.excerpt)
    }

    private func duplicate(line: Int, code: [UInt8], coder: UnsafeRawBufferPointer, firstLine: Int) -> SegmentBatch.Duplicate {
        SegmentBatch.Duplicate(
            line: line, code: String(decoding: code, as: UTF8.self), coder: String(decoding: coder, as: UTF8.self), firstLine: firstLine)
    }

    /// The insert of `rows` segments as part 0 (1 to ``chunk``, or ``SegmentBatch/capacity``), prepared on first use.
    private func insertStatement(rows: Int) throws -> PreparedInsert {
        if let insert = inserts[rows] { return insert }
        let values = Array(repeating: "(?, ?, ?, 0, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let insert = try PreparedInsert(db, sql: "INSERT OR IGNORE INTO segment (\(Self.columns)) VALUES \(values)")
        inserts[rows] = insert
        return insert
    }
}

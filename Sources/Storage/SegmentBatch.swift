import Foundation
import StudyModel

/// Code applications gathered into the store's segment rows, to be stored with one multi-row `INSERT`
/// (``StoreTransaction/insert(_:)-(SegmentBatch)``).
///
/// Consecutive applications of one segment (the same participant, coder and segment id, with the same
/// document, offsets, excerpt and language: the rows `segments.csv` gives a segment's codes in) become one
/// row, whose codes and lines are packed into one blob (``SegmentCodes``): the excerpt is stored once per
/// segment, not once per code. SQLite's work for a statement (opening the table's cursor, starting and
/// halting its program) is paid once for up to ``capacity`` rows. A segment's fields are bound where they
/// lie: in the bytes of the record that began it, kept alive by the `owner` given with it (the records
/// of `segments.csv` share their batch's bytes, which never move or change), or else in a copy the
/// batch makes, so that the caller's bytes need not outlive the call that adds them.
///
/// A code repeated within the segment being gathered is left out at once and noted (``Duplicate``); one
/// repeating a stored application is found by the insert.
public struct SegmentBatch {
    /// The most complete segments a batch holds: one statement stores them when their keys ascend
    /// (``SegmentWriter``).
    public static let capacity = 64

    /// A segment row: its fields' bytes (kept by ``owner``) and its applications in ``codes``.
    struct Segment {
        var participantID: UnsafeRawBufferPointer
        var coder: UnsafeRawBufferPointer
        var segmentID: UnsafeRawBufferPointer
        var document: UnsafeRawBufferPointer?
        var excerpt: UnsafeRawBufferPointer?
        var language: UnsafeRawBufferPointer?
        var start: Int?
        var end: Int?
        /// Its applications in ``codes``.
        var codes: Range<Int>
        var applications: Int
        /// The applications left out as repeating one of the segment (a code and the line repeating it).
        var repeated: [(code: [UInt8], line: Int)] = []
        /// Keeps the fields' bytes where they are.
        let owner: AnyObject

        /// Its key in the table's unique index (the part aside).
        var key: SegmentKey.Fields { (participantID, coder, segmentID) }
    }

    /// A code application left out because its participant, code, coder and segment were stored already.
    public struct Duplicate: Equatable, Sendable {
        /// The line that repeated the application.
        public var line: Int
        public var code: String
        public var coder: String
        /// The line of the application stored.
        public var firstLine: Int
    }

    private(set) var codes: [UInt8] = []
    private(set) var segments: [Segment] = []
    /// Whether the last segment may take more applications.
    private var isOpen = false

    public init() {
        segments.reserveCapacity(Self.capacity + 1)
    }

    /// Whether no application waits to be stored.
    public var isEmpty: Bool { segments.isEmpty }

    /// Whether ``capacity`` segments are complete (the one being gathered aside).
    public var isFull: Bool { closedCount >= Self.capacity }

    /// The segments a store writes: all but the one being gathered.
    var closedCount: Int { segments.count - (isOpen ? 1 : 0) }

    /// Adds a code application given as the UTF-8 bytes of its fields (`nil`: NULL): the fields of
    /// `segments.csv`'s rows, with no `String` built for each. It joins the segment being gathered when
    /// it is the same segment, or else completes it and begins the next.
    /// - Parameter owner: an object whose life keeps every field's bytes where they are, unchanged (a
    ///   record's storage): the segment it begins binds them there, and keeps `owner`. `nil`: the bytes
    ///   need only stay valid during the call (the fields of the segment it begins are copied).
    public mutating func append(
        participantID: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer,
        segmentID: UnsafeRawBufferPointer, document: UnsafeRawBufferPointer?, start: Int?, end: Int?,
        excerpt: UnsafeRawBufferPointer?, language: UnsafeRawBufferPointer?, line: Int, owner: AnyObject? = nil
    ) {
        if isOpen, case let last = segments.count - 1,
            isSame(segments[last], participantID, coder, segmentID, document, start, end, excerpt, language)
        {
            let stored = codes.withUnsafeBytes { SegmentCodes.line(of: code, in: UnsafeRawBufferPointer(rebasing: $0[segments[last].codes])) }
            if stored != nil {
                segments[last].repeated.append((Array(code), line))
            } else {
                SegmentCodes.append(code: code, line: line, to: &codes)
                segments[last].codes = segments[last].codes.lowerBound..<codes.count
                segments[last].applications += 1
            }
            return
        }
        precondition(!isFull, "a batch holds at most \(Self.capacity) complete segments")
        let first = codes.count
        SegmentCodes.append(code: code, line: line, to: &codes)
        if let owner {
            segments.append(Segment(
                participantID: participantID, coder: coder, segmentID: segmentID, document: document, excerpt: excerpt,
                language: language, start: start, end: end, codes: first..<codes.count, applications: 1, owner: owner))
        } else {
            let copies = FieldCopies([participantID, coder, segmentID, document, excerpt, language])
            segments.append(Segment(
                participantID: copies.fields[0]!, coder: copies.fields[1]!, segmentID: copies.fields[2]!, document: copies.fields[3],
                excerpt: copies.fields[4], language: copies.fields[5], start: start, end: end, codes: first..<codes.count,
                applications: 1, owner: copies))
        }
        isOpen = true
    }

    /// Adds a code application given as text (a coding tool's).
    mutating func append(_ segment: CodedSegment) {
        var buffer: [UInt8] = []
        func put(_ text: String?) -> Range<Int>? {
            guard let text else { return nil }
            let first = buffer.count
            buffer.append(contentsOf: text.utf8)
            return first..<buffer.count
        }
        let fields = [
            segment.participantID, segment.code, segment.coder, segment.segmentID, segment.document, segment.excerpt,
            segment.language,
        ].map(put)
        buffer.withUnsafeBytes { all in
            func field(_ index: Int) -> UnsafeRawBufferPointer? { fields[index].map { UnsafeRawBufferPointer(rebasing: all[$0]) } }
            append(
                participantID: field(0)!, code: field(1)!, coder: field(2)!, segmentID: field(3)!, document: field(4),
                start: segment.start, end: segment.end, excerpt: field(5), language: field(6), line: segment.line)
        }
    }

    /// Completes the segment being gathered: the next application begins another (which the insert joins
    /// to this one when they are the same segment).
    public mutating func close() {
        isOpen = false
    }

    /// Forgets the complete segments (stored), keeping the one being gathered and its room.
    mutating func removeClosed() {
        guard isOpen, var open = segments.last else {
            codes.removeAll(keepingCapacity: true)
            segments.removeAll(keepingCapacity: true)
            return
        }
        codes.removeSubrange(0..<open.codes.lowerBound)
        open.codes = 0..<open.codes.count
        segments.removeAll(keepingCapacity: true)
        segments.append(open)
    }

    private func isSame(
        _ segment: Segment, _ participantID: UnsafeRawBufferPointer, _ coder: UnsafeRawBufferPointer,
        _ segmentID: UnsafeRawBufferPointer, _ document: UnsafeRawBufferPointer?, _ start: Int?, _ end: Int?,
        _ excerpt: UnsafeRawBufferPointer?, _ language: UnsafeRawBufferPointer?
    ) -> Bool {
        guard segment.start == start, segment.end == end else { return false }
        let same = ShortBytes.equal as (UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) -> Bool
        return same(segment.segmentID, segmentID) && same(segment.participantID, participantID) && same(segment.coder, coder)
            && same(segment.document, document) && same(segment.language, language) && same(segment.excerpt, excerpt)
    }
}

/// The copies of a segment's fields, for bytes that need only stay valid during ``SegmentBatch``'s
/// `append` (a coding tool's texts, the rows a migration reads): one allocation, freed with the object.
private final class FieldCopies {
    private let base: UnsafeMutableRawPointer
    /// The copies, in the order given (`nil` stays `nil`).
    private(set) var fields: [UnsafeRawBufferPointer?] = []

    init(_ originals: [UnsafeRawBufferPointer?]) {
        base = .allocate(byteCount: max(1, originals.reduce(0) { $0 + ($1?.count ?? 0) }), alignment: 1)
        var offset = 0
        for original in originals {
            guard let original else {
                fields.append(nil)
                continue
            }
            if let address = original.baseAddress { (base + offset).copyMemory(from: address, byteCount: original.count) }
            fields.append(UnsafeRawBufferPointer(start: base + offset, count: original.count))
            offset += original.count
        }
    }

    deinit {
        base.deallocate()
    }
}

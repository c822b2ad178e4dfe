import Foundation
import StudyModel

/// Code applications gathered into the store's segment rows, to be stored with one multi-row `INSERT`
/// (``StoreTransaction/insert(_:)-(SegmentBatch)``).
///
/// Consecutive applications of one segment (the same participant, coder and segment id, with the same
/// document, offsets, excerpt and language: the rows `segments.csv` gives a segment's codes in) become one
/// row, whose codes and lines are packed into one blob (``SegmentCodes``): the excerpt is stored once per
/// segment, not once per code. SQLite's work for a statement (opening the table's cursor, starting and
/// halting its program) is paid once for up to ``capacity`` rows. The fields' bytes are copied into the
/// batch, so that the records need not outlive the call that adds them.
///
/// A code repeated within the segment being gathered is left out at once and noted (``Duplicate``); one
/// repeating a stored application is found by the insert.
public struct SegmentBatch {
    /// The most segments one statement stores.
    public static let capacity = 16

    /// A segment row: ranges of ``bytes`` and ``codes``.
    struct Segment {
        var participantID: Range<Int>
        var coder: Range<Int>
        var segmentID: Range<Int>
        var document: Range<Int>?
        var excerpt: Range<Int>?
        var language: Range<Int>?
        var start: Int?
        var end: Int?
        /// Its applications in ``codes``.
        var codes: Range<Int>
        var applications: Int
        /// The applications left out as repeating one of the segment (a code and the line repeating it).
        var repeated: [(code: [UInt8], line: Int)] = []
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

    private(set) var bytes: [UInt8] = []
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
    public mutating func append(
        participantID: UnsafeRawBufferPointer, code: UnsafeRawBufferPointer, coder: UnsafeRawBufferPointer,
        segmentID: UnsafeRawBufferPointer, document: UnsafeRawBufferPointer?, start: Int?, end: Int?,
        excerpt: UnsafeRawBufferPointer?, language: UnsafeRawBufferPointer?, line: Int
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
        func copy(_ field: UnsafeRawBufferPointer) -> Range<Int> {
            let first = bytes.count
            SegmentCodes.appendBytes(field, to: &bytes)
            return first..<bytes.count
        }
        let first = codes.count
        SegmentCodes.append(code: code, line: line, to: &codes)
        segments.append(Segment(
            participantID: copy(participantID), coder: copy(coder), segmentID: copy(segmentID), document: document.map(copy),
            excerpt: excerpt.map(copy), language: language.map(copy), start: start, end: end, codes: first..<codes.count,
            applications: 1))
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
            bytes.removeAll(keepingCapacity: true)
            codes.removeAll(keepingCapacity: true)
            segments.removeAll(keepingCapacity: true)
            return
        }
        let (byteShift, codeShift) = (open.participantID.lowerBound, open.codes.lowerBound)
        bytes.removeSubrange(0..<byteShift)
        codes.removeSubrange(0..<codeShift)
        func shifted(_ range: Range<Int>) -> Range<Int> { range.lowerBound - byteShift..<range.upperBound - byteShift }
        open.participantID = shifted(open.participantID)
        open.coder = shifted(open.coder)
        open.segmentID = shifted(open.segmentID)
        open.document = open.document.map(shifted)
        open.excerpt = open.excerpt.map(shifted)
        open.language = open.language.map(shifted)
        open.codes = 0..<open.codes.count
        segments.removeAll(keepingCapacity: true)
        segments.append(open)
    }

    /// The bytes of a segment's field.
    func field(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    private func isSame(
        _ segment: Segment, _ participantID: UnsafeRawBufferPointer, _ coder: UnsafeRawBufferPointer,
        _ segmentID: UnsafeRawBufferPointer, _ document: UnsafeRawBufferPointer?, _ start: Int?, _ end: Int?,
        _ excerpt: UnsafeRawBufferPointer?, _ language: UnsafeRawBufferPointer?
    ) -> Bool {
        guard segment.start == start, segment.end == end else { return false }
        func same(_ range: Range<Int>?, _ field: UnsafeRawBufferPointer?) -> Bool {
            guard let range, let field else { return range == nil && field == nil }
            guard range.count == field.count else { return false }
            return range.isEmpty || bytes.withUnsafeBytes { memcmp($0.baseAddress! + range.lowerBound, field.baseAddress!, range.count) == 0 }
        }
        return same(segment.segmentID, segmentID) && same(segment.participantID, participantID) && same(segment.coder, coder)
            && same(segment.document, document) && same(segment.language, language) && same(segment.excerpt, excerpt)
    }
}

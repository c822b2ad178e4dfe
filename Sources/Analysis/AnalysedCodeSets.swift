/// The analysed coding's sets of two or more codes (the codes segments carry together), with their
/// segments, participant by participant: kept from the pass over the store's summary (``CodingPass``) so
/// that co-occurrence's segment pairs need not read the summary a second time.
///
/// Kept only within a budget of bytes, and for a codebook of at most 256 codes (a code is a byte): a pass
/// that outgrows the budget drops the sets (``add(participant:sets:codes:)`` returns `false`) and
/// co-occurrence reads the summary again. At M (20,000 participants, 60 codes) they take about 1 MB; a
/// study of 200,000 participants would need ten times that.
///
/// Each participant's sets are its position and the length of its sets' bytes (4 bytes each, least
/// significant first), then per set the number of its codes (a byte), its segments (LEB128: 7 bits a
/// byte, least significant first) and its codes (codebook positions, a byte each, in the stored order).
struct AnalysedCodeSets: Sendable {
    /// The bytes the sets may take.
    let budget: Int
    /// The participants' sets, one participant after another, in ascending participant order.
    private(set) var bytes: [UInt8] = []

    /// No sets yet, within `budget` bytes.
    init(budget: Int) {
        self.budget = budget
    }

    /// Whether a codebook of `codeCount` codes has its sets kept (a code is a byte).
    static func keeps(codeCount: Int) -> Bool { codeCount <= 256 }

    /// Adds `participant`'s sets (participants in ascending order): `sets` gives, per set, where its codes
    /// start in `codes` (each with the set's segments) and how many there are (2 or more); `false` when the
    /// sets no longer fit the budget, or a set has more than 255 codes (the caller drops them).
    mutating func add(participant: Int, sets: [(start: Int, count: Int)], codes: [(code: Int, segments: Int)]) -> Bool {
        var encoded: [UInt8] = []
        for (start, count) in sets {
            guard count < 256 else { return false }
            Self.encode(codes: codes[start..<(start + count)].map(\.code), segments: codes[start].segments, into: &encoded)
        }
        return add(participant: participant, encodedSets: encoded[...])
    }

    /// Adds `participant`'s sets (participants in ascending order) already in this type's bytes (each
    /// set's by ``encode(codes:segments:into:)``); `false` when the sets no longer fit the budget (the
    /// caller drops them).
    mutating func add(participant: Int, encodedSets sets: ArraySlice<UInt8>) -> Bool {
        guard !sets.isEmpty else { return true }
        precondition(participant >= 0 && participant <= Int(UInt32.max), "a participant position below 2³²")
        guard sets.count <= Int(UInt32.max) else { return false }
        for byte in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: participant >> (8 * byte))) }
        for byte in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: sets.count >> (8 * byte))) }
        bytes += sets
        return bytes.count <= budget
    }

    /// Appends a set's bytes to `bytes`: the number of its codes (2 to 255), its segments in LEB128 and its
    /// codes (codebook positions below 256), a byte each.
    static func encode<Codes: Collection>(codes: Codes, segments: Int, into bytes: inout [UInt8]) where Codes.Element == Int {
        precondition(codes.count < 256, "a set of at most 255 codes")
        precondition(segments >= 0, "segments")
        bytes.append(UInt8(codes.count))
        var segments = segments
        while segments >= 0x80 {
            bytes.append(UInt8(segments & 0x7F) | 0x80)
            segments >>= 7
        }
        bytes.append(UInt8(segments))
        for code in codes { bytes.append(UInt8(truncatingIfNeeded: code)) }
    }

    /// Appends the sets of `later`, of participants after this one's (the next part of a pass split by
    /// participant); `false` when both no longer fit the budget.
    mutating func append(_ later: AnalysedCodeSets) -> Bool {
        bytes += later.bytes
        return bytes.count <= budget
    }

    /// Calls `body` with each set in participant order, but not those of participants `skip` passes over:
    /// the participant, the set's codes (codebook positions, valid during the call) and its segments.
    func forEachSet(
        skipping skip: (_ participant: Int) -> Bool, _ body: (_ participant: Int, _ codes: UnsafeBufferPointer<UInt8>, _ segments: Int) -> Void
    ) {
        bytes.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                let participant = Self.word(bytes, at: offset)
                let end = offset + 8 + Self.word(bytes, at: offset + 4)
                offset += 8
                if skip(participant) {
                    offset = end
                    continue
                }
                while offset < end {
                    let count = Int(bytes[offset])
                    offset += 1
                    var segments = 0
                    var shift = 0
                    while true {
                        let byte = bytes[offset]
                        offset += 1
                        segments |= Int(byte & 0x7F) << shift
                        if byte < 0x80 { break }
                        shift += 7
                    }
                    body(participant, UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]), segments)
                    offset += count
                }
            }
        }
    }

    /// The 4-byte word at `offset`, least significant byte first.
    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }
}

import GRDB

/// One coder's coding of one participant, from the store's summary `coding` (see
/// ``StoreReader/forEachCoding(_:)``): the distinct segments, and how many of them carry exactly each
/// set of codes.
///
/// Stored as a row per participant and coder whose `codeSets` blob holds, for each set in order, the
/// number of its codes, its segments and its codes' positions (ascending), each as 4 bytes, most
/// significant first.
public struct StoredCoding: Sendable {
    /// The participant's position (its index in ``StoreReader/participants(attributes:)``).
    public var participant: Int
    /// The coder's position (its index in ``StoreReader/coders()``).
    public var coder: Int
    /// The distinct segments (the sum of the sets' segments).
    public var segments: Int
    /// The code sets in order: each set's codes are `codes[set.codes]`.
    public var sets: [(codes: Range<Int>, segments: Int)]
    /// The codes of all sets, set after set: positions in the codebook of ``StoreReader/codebook()``.
    public var codes: [Int]

    public init(participant: Int, coder: Int) {
        self.participant = participant
        self.coder = coder
        segments = 0
        sets = []
        codes = []
    }

    /// Appends a set's stored form to `blob`.
    /// (The words are written into a buffer on the stack and appended at once: a byte appended at a time
    /// checked the array's capacity and uniqueness for each, about a hundred instructions a word.)
    static func append(codes: ArraySlice<UInt32>, segments: Int, to blob: inout [UInt8]) {
        let counts = (UInt32(codes.count), UInt32(segments))
        withUnsafeTemporaryAllocation(byteCount: 4 * (2 + codes.count), alignment: 4) { words in
            var offset = 0
            func put(_ word: UInt32) {
                words.storeBytes(of: word.bigEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
            }
            put(counts.0)
            put(counts.1)
            for code in codes { put(code) }
            blob.append(contentsOf: UnsafeRawBufferPointer(words))
        }
    }

    /// Reads the sets of a stored blob; `false` when the blob is not of that shape (a set's codes run
    /// past its end, bytes are left over, or a code's position is not below `codeCount`): the words are
    /// read only within the blob.
    mutating func decode(_ blob: UnsafeRawBufferPointer, codeCount: Int) -> Bool {
        sets.removeAll(keepingCapacity: true)
        codes.removeAll(keepingCapacity: true)
        var offset = 0
        while offset + 8 <= blob.count {
            let count = Self.word(blob, at: offset)
            let segments = Self.word(blob, at: offset + 4)
            let start = offset + 8
            guard count <= (blob.count - start) / 4 else { return false }
            let first = codes.count
            for index in 0..<count {
                let code = Self.word(blob, at: start + 4 * index)
                guard code < codeCount else { return false }
                codes.append(code)
            }
            offset = start + 4 * count
            sets.append((first..<codes.count, segments))
        }
        return offset == blob.count
    }

    /// The 4-byte word at `offset` of `blob`, most significant byte first.
    @inline(__always)
    private static func word(_ blob: UnsafeRawBufferPointer, at offset: Int) -> Int {
        Int(UInt32(bigEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
}

extension StoreReader {
    /// The coders of the segments, by position (the `coder` of ``StoredCoding``).
    public func coders() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM coder ORDER BY position")
    }

    /// Calls `body` with every coder's coding of every participant with segments, from the store's
    /// summary `coding`, ordered by participant position and coder position; only those of the
    /// participants at `positions`, when given (part of a pass split over several connections).
    ///
    /// - Complexity: one pass over the summary (a row per participant and coder; the segment table is
    ///   not read), with a small page cache; memory O(one row). The value passed is reused: copy what
    ///   you keep.
    public func forEachCoding(participants positions: Range<Int>? = nil, _ body: (StoredCoding) throws -> Void) throws {
        try withSmallPageCache {
            // The positions a row may name (0 up to the table's largest: participant's is indexed): a row
            // naming another is damaged, and is not handed out to index arrays with.
            func positionCount(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT max(position) + 1 FROM \(table)") ?? 0
            }
            let (participants, coders, codeCount) = (try positionCount("participant"), try positionCount("coder"), try positionCount("code"))
            // The positions are integers, written into the statement as numbers.
            let range = positions.map { " WHERE participant >= \($0.lowerBound) AND participant < \($0.upperBound)" } ?? ""
            let scan = try StatementScan(
                db, sql: "SELECT participant, coder, segments, codeSets FROM coding\(range) ORDER BY participant, coder")
            var coding = StoredCoding(participant: 0, coder: 0)
            while try scan.next() {
                coding.participant = scan.integer(0) ?? -1
                coding.coder = scan.integer(1) ?? -1
                coding.segments = scan.integer(2) ?? -1
                guard (0..<participants).contains(coding.participant), (0..<coders).contains(coding.coder),
                    coding.segments >= 0, coding.decode(scan.blob(3), codeCount: codeCount)
                else {
                    throw StoreError.damagedCoding(participant: coding.participant, coder: coding.coder)
                }
                try body(coding)
            }
        }
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

import Storage

/// The ids an ingest has met (participants or survey respondents), each with the line (or case) it was
/// first met on: the duplicate-id check's table (``IdentityChecks``), and the participant ids the
/// loaders of segments, coverage, Taguette and QDPX check ids against.
///
/// The ids are kept as bytes (``KnownIDs``) with the first lines beside them in one array, not as a
/// `[String: Int]`: at 200,000 participants that dictionary was the ingest's largest heap item (19 MB
/// while it grew). Two ids are the same when their `String`s are equal (canonical equivalence), as in
/// the dictionary: an id is kept and looked up by the UTF-8 of its normalised form (NFC, what `String`
/// compares and hashes), which for ASCII, every id of a generated study, is the id's own bytes.
struct IDTable: Sendable {
    /// The ids' NFC bytes.
    private var ids = KnownIDs()
    /// The line each id was first met on, by the id's number in `ids`.
    private var lines: [Int] = []
    /// The stored position of each id's participant, by the id's number (-1: not stored; ids past the
    /// end: none noted).
    private var positions: [Int32] = []

    /// No ids.
    init() {}

    /// The ids of a set or list (an id's line is its place).
    init(_ ids: some Sequence<String>) {
        for (line, id) in ids.enumerated() { _ = firstLine(of: id, notingLine: line) }
    }

    /// The number of distinct ids.
    var count: Int { ids.count }

    /// The line `id` was first met on; or, when it is met for the first time, `nil`, and `line` is noted as its first.
    mutating func firstLine(of id: String, notingLine line: Int) -> Int? {
        let (index, inserted) = Self.withCanonicalBytes(of: id) { ids.insert($0) }
        guard inserted else { return lines[index] }
        lines.append(line)
        return nil
    }

    /// The line `id` was first met on, or `nil` when it was not met.
    func firstLine(of id: String) -> Int? {
        Self.withCanonicalBytes(of: id) { ids.index(of: $0) }.map { lines[$0] }
    }

    /// Notes the stored position of the participant whose id is `id` (met before).
    mutating func note(position: Int, of id: String) {
        guard let index = Self.withCanonicalBytes(of: id, { ids.index(of: $0) }) else { return }
        // Grown in place (an array of the missing slots, built and appended, cost 1,400 instructions a participant).
        if positions.count <= index { positions.append(contentsOf: repeatElement(-1, count: index + 1 - positions.count)) }
        positions[index] = Int32(position)
    }

    /// The stored position noted for the participant whose id's UTF-8 is `bytes`, when the id is ASCII
    /// (its bytes are then the stored id's, which the store compares byte for byte).
    func position(of bytes: UnsafeRawBufferPointer) -> Int? {
        guard Self.isASCII(bytes), let index = ids.index(of: bytes), index < positions.count, positions[index] >= 0 else { return nil }
        return Int(positions[index])
    }

    /// Whether `id` was met.
    func contains(_ id: String) -> Bool {
        Self.withCanonicalBytes(of: id) { ids.contains($0) }
    }

    /// Whether the id whose UTF-8 is `bytes` (a CSV field) was met: no `String` is built for an ASCII id.
    func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if Self.isASCII(bytes) { return ids.contains(bytes) }
        return contains(String(decoding: bytes, as: UTF8.self))
    }

    /// The UTF-8 of `id`'s NFC form: `id`'s own bytes when they are ASCII.
    private static func withCanonicalBytes<Result>(of id: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var id = id
        if id.withUTF8({ isASCII(UnsafeRawBufferPointer($0)) }) { return id.withUTF8 { body(UnsafeRawBufferPointer($0)) } }
        // The standard library's own normalisation, the one `String`'s `==` and hashing use.
        return id._nfcCodeUnits.withUnsafeBytes(body)
    }

    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }
}

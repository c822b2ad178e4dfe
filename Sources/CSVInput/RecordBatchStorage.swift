/// The bytes and field ends of one batch of records, which its ``CSVRecord``s share: filled by the
/// parser's ``RecordSink``, handed over whole (not copied) when the batch is taken, and never changed
/// afterwards.
///
/// `@unchecked Sendable`: the buffers are written only by the sink that allocated the storage, before
/// it hands the storage over; afterwards every owner only reads them. For the same reason the runtime's
/// exclusivity checks are off (the records read the buffers' addresses for every field).
final class RecordBatchStorage: @unchecked Sendable {
    /// The bytes of all fields of the batch's records, one after the other.
    @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var byteCapacity: Int
    /// `ends[i]` is the end offset in `bytes` of the batch's field `i`.
    @exclusivity(unchecked) private(set) var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private(set) var endCapacity: Int

    init(byteCapacity: Int, endCapacity: Int) {
        self.byteCapacity = byteCapacity
        self.endCapacity = endCapacity
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    /// Grows the bytes' buffer to at least `capacity`, keeping its first `count` bytes.
    func growBytes(to capacity: Int, keeping count: Int) {
        byteCapacity = max(byteCapacity * 2, capacity)
        bytes = Self.move(count, of: bytes, toCapacity: byteCapacity)
    }

    /// Grows the ends' buffer to at least `capacity`, keeping its first `count` ends.
    func growEnds(to capacity: Int, keeping count: Int) {
        endCapacity = max(endCapacity * 2, capacity)
        ends = Self.move(count, of: ends, toCapacity: endCapacity)
    }

    /// A new buffer of `capacity` elements that starts with the first `count` of `buffer`, which is freed.
    private static func move<Element>(
        _ count: Int, of buffer: UnsafeMutablePointer<Element>, toCapacity capacity: Int
    ) -> UnsafeMutablePointer<Element> {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        grown.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        return grown
    }

    /// The bytes of the batch's field `index`.
    @inline(__always)
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[index] - start)
    }
}

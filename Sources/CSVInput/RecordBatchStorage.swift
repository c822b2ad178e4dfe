import Foundation

/// The bytes and field ends of one batch of records, which its ``CSVRecord``s share: filled by the
/// parser's ``RecordSink``, handed over whole (not copied) when the batch is taken, and never changed
/// afterwards.
///
/// `@unchecked Sendable`: the buffers are written only by the sink that allocated the storage, before
/// it hands the storage over; afterwards every owner only reads them. For the same reason the runtime's
/// exclusivity checks are off (the records read the buffers' addresses for every field).
@usableFromInline
final class RecordBatchStorage: @unchecked Sendable {
    /// The bytes of all fields of the batch's records, one after the other.
    @usableFromInline @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var byteCapacity: Int
    /// `ends[i]` is the end offset in `bytes` of the batch's field `i`.
    @usableFromInline @exclusivity(unchecked) private(set) var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private(set) var endCapacity: Int

    /// Where the buffers go when the storage is gone, for a later batch of the same file (`nil`: freed).
    private let recycler: BatchBufferRecycler?

    /// A storage of at least these capacities: buffers a gone batch left in `recycler`, or new ones.
    init(byteCapacity: Int, endCapacity: Int, recycler: BatchBufferRecycler? = nil) {
        self.recycler = recycler
        if let buffers = recycler?.take(byteCapacity: byteCapacity, endCapacity: endCapacity) {
            (bytes, self.byteCapacity, ends, self.endCapacity) = buffers
        } else {
            self.byteCapacity = byteCapacity
            self.endCapacity = endCapacity
            bytes = .allocate(capacity: byteCapacity)
            ends = .allocate(capacity: endCapacity)
        }
    }

    deinit {
        if recycler?.keep((bytes, byteCapacity, ends, endCapacity)) != true {
            bytes.deallocate()
            ends.deallocate()
        }
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

/// The buffers of a file's batches that are gone (their records dropped by whatever thread held them
/// last), kept for the batches the parser starts next, at most ``limit`` of them.
///
/// A batch's storage is half a MiB or so; allocated new for every batch and freed a few batches later,
/// it made the heap grow and shrink, and every page the parser then wrote into was a fresh page the
/// kernel had to fault in and zero (M's ingest: some 5,000 page faults and the parse thread's largest
/// cost after libcsv's).
///
/// `@unchecked Sendable`: `buffers` is read and written only under `lock`.
final class BatchBufferRecycler: @unchecked Sendable {
    typealias Buffers = (bytes: UnsafeMutablePointer<UInt8>, byteCapacity: Int, ends: UnsafeMutablePointer<Int>, endCapacity: Int)

    /// The most buffers kept: batches are handed over a few at a time (the reader's and the ingest's
    /// queues), so a few free ones suffice, and more would only hold memory.
    static let limit = 2

    private let lock = NSLock()
    private var buffers: [Buffers] = []

    init() {
        buffers.reserveCapacity(Self.limit)
    }

    deinit {
        for kept in buffers {
            kept.bytes.deallocate()
            kept.ends.deallocate()
        }
    }

    /// Buffers kept of at least these capacities, or `nil` (any that are smaller are freed).
    func take(byteCapacity: Int, endCapacity: Int) -> Buffers? {
        lock.lock()
        defer { lock.unlock() }
        while let kept = buffers.popLast() {
            if kept.byteCapacity >= byteCapacity, kept.endCapacity >= endCapacity { return kept }
            kept.bytes.deallocate()
            kept.ends.deallocate()
        }
        return nil
    }

    /// Keeps a gone storage's buffers.
    /// - Returns: `false` when ``limit`` are kept already: the caller frees them.
    func keep(_ kept: Buffers) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard buffers.count < Self.limit else { return false }
        buffers.append(kept)
        return true
    }
}

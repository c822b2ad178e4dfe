import Foundation

/// A growing run of bytes that ``JSONStreamWriter`` writes its text into: a pointer, a count and a
/// capacity, appended to without the checks of an `Array` (uniqueness, exclusivity, a generic
/// `append(contentsOf:)`) on every byte or run of bytes.
///
/// Only its owner touches it, on one thread; a pointer it hands out (``text``) is valid until the
/// next append or the buffer's end.
final class JSONByteBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes so far (valid until the next append).
    var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    subscript(position: Int) -> UInt8 { start[position] }

    /// The bytes in `range`, as an array.
    func array(_ range: Range<Int>) -> [UInt8] {
        Array(UnsafeBufferPointer(start: start + range.lowerBound, count: range.count))
    }

    /// Makes room for `extra` more bytes.
    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always) func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        start[count] = first
        start[count + 1] = second
        count += 2
    }

    @inline(__always) func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// `byte`, `times` times.
    @inline(__always) func append(repeating byte: UInt8, times: Int) {
        guard times > 0 else { return }
        reserve(times)
        (start + count).update(repeating: byte, count: times)
        count += times
    }

    /// Drops the bytes from `newCount` on.
    func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        count = newCount
    }

    /// Drops the bytes from `position` on, copying them into `other` (emptied first).
    func move(from position: Int, to other: JSONByteBuffer) {
        other.count = 0
        other.append(UnsafeBufferPointer(start: start + position, count: count - position))
        count = position
    }

    /// Whether the bytes in `range` are `other`'s bytes.
    func equals(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        range.count == other.count && other.withUnsafeBufferPointer { other in
            range.isEmpty || memcmp(start + range.lowerBound, other.baseAddress!, range.count) == 0
        }
    }
}

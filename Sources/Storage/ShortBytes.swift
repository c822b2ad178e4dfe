import Glibc

/// Equality of short byte strings: ids, codes, coders and languages of a few to twenty bytes, which the
/// ingest compares for every row of `segments.csv` (with the row before's, or in an index). Up to 16
/// bytes are compared by two loads each side that may overlap: a call of `memcmp`, or a comparison byte
/// by byte (`elementsEqual`), cost more than the comparison itself.
public enum ShortBytes {
    /// Whether the `count` bytes at `one` and at `other` are the same.
    @inlinable @inline(__always)
    public static func equal(_ one: UnsafeRawPointer, _ other: UnsafeRawPointer, count: Int) -> Bool {
        if count > 16 { return memcmp(one, other, count) == 0 }
        if count >= 8 {
            return one.loadUnaligned(as: UInt64.self) == other.loadUnaligned(as: UInt64.self)
                && one.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == other.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return one.loadUnaligned(as: UInt32.self) == other.loadUnaligned(as: UInt32.self)
                && one.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == other.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        for offset in 0..<count where one.load(fromByteOffset: offset, as: UInt8.self) != other.load(fromByteOffset: offset, as: UInt8.self) {
            return false
        }
        return true
    }

    /// Whether `bytes` and `other` are the same bytes (`nil` is never the same).
    @inlinable @inline(__always)
    public static func equal(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]?) -> Bool {
        guard let other, other.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        return other.withUnsafeBytes { equal(base, $0.baseAddress!, count: bytes.count) }
    }

    /// Whether `one` and `other` are the same bytes (`nil` only as `nil`).
    @inlinable @inline(__always)
    public static func equal(_ one: UnsafeRawBufferPointer?, _ other: UnsafeRawBufferPointer?) -> Bool {
        guard let one, let other else { return one == nil && other == nil }
        guard one.count == other.count else { return false }
        guard let first = one.baseAddress, let second = other.baseAddress, !one.isEmpty else { return true }
        return equal(first, second, count: one.count)
    }
}

/// Segment counts in a flat table of participants × codes, one byte a count: a participant rarely has
/// more than 254 segments of one code, and a large study (200,000 participants, 60 codes) then holds
/// 12 MB instead of 48. A count from 255 up is kept exactly beside the table (the byte says only
/// "look there"), so no count is ever clipped.
struct SegmentCounts: Sendable {
    /// The byte that marks a count kept in ``overflow``.
    private static let marker = UInt8.max

    private var counts: [UInt8]
    /// The counts from ``marker`` up, by flat index.
    private var overflow: [Int: Int] = [:]

    /// A table of `size` zero counts.
    init(size: Int) {
        counts = Array(repeating: 0, count: size)
    }

    var size: Int { counts.count }

    /// The count at flat index `index`.
    @inline(__always)
    subscript(index: Int) -> Int {
        let count = counts[index]
        return count == Self.marker ? overflow[index]! : Int(count)
    }

    /// Adds `amount` (not negative) to the count at `index`.
    mutating func add(_ amount: Int, at index: Int) {
        precondition(amount >= 0, "segment counts only grow")
        let total = self[index] + amount
        if total < Int(Self.marker) {
            counts[index] = UInt8(total)
        } else {
            counts[index] = Self.marker
            overflow[index] = total
        }
    }

    /// The sum of the counts at `range`.
    func sum(_ range: Range<Int>) -> Int {
        var sum = 0
        for index in range {
            let count = counts[index]
            sum += count == Self.marker ? overflow[index]! : Int(count)
        }
        return sum
    }
}

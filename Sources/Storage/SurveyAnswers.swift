/// A survey respondent's answers (the `answers` blob of a row of `surveyRespondent`): for each, in the
/// order they were stored, the item id's UTF-8 byte count, its bytes, and the answer: a byte 0 (no
/// answer), 1 followed by the value (not negative), or 2 followed by `-1 - value` (negative). The byte
/// count and the numbers are unsigned LEB128 numbers, as in ``SegmentCodes``.
///
/// ```swift
/// var blob: [UInt8] = []
/// SurveyAnswers.append(item: "q1", value: 3, to: &blob)    // 0x02, "q1", 0x01, 0x03
/// SurveyAnswers.append(item: "q2", value: nil, to: &blob)  // 0x02, "q2", 0x00
/// ```
///
/// The items are their ids, not places in the stored instrument, as the rows of `surveyAnswer` that the
/// blob replaced were: any id is kept as it is, and a store converted from those rows keeps each answer,
/// whatever its item (the read matches answers to the instrument's items by id, as it did).
public enum SurveyAnswers {
    /// Why ``answers(in:)`` found a blob not of this shape.
    public struct Malformed: Error, Equatable {
        /// Where in the blob the answer that could not be read starts.
        public var offset: Int

        public init(offset: Int) { self.offset = offset }
    }

    /// Appends the answer `value` (`nil`: no answer) to the item whose id is `item` to `blob`.
    public static func append(item: String, value: Int?, to blob: inout [UInt8]) {
        var item = item
        item.withUTF8 { bytes in
            appendNumber(UInt(bytes.count), to: &blob)
            blob.append(contentsOf: bytes)
        }
        switch value {
        case nil:
            blob.append(0)
        case let value? where value >= 0:
            blob.append(1)
            appendNumber(UInt(value), to: &blob)
        case let value?:
            blob.append(2)
            appendNumber(UInt(-1 - value), to: &blob)
        }
    }

    /// The answers of `blob` in order, each item id as text.
    /// - Throws: ``Malformed`` when the blob ends within an answer or an answer's byte is not 0, 1 or 2.
    public static func answers(in blob: UnsafeRawBufferPointer) throws -> [(itemID: String, value: Int?)] {
        var answers: [(itemID: String, value: Int?)] = []
        var offset = 0
        while offset < blob.count {
            let start = offset
            guard let count = SegmentCodes.number(in: blob, at: &offset), count <= blob.count - offset else { throw Malformed(offset: start) }
            let item = String(decoding: UnsafeRawBufferPointer(rebasing: blob[offset..<offset + count]), as: UTF8.self)
            offset += count
            guard offset < blob.count else { throw Malformed(offset: start) }
            let kind = blob[offset]
            offset += 1
            switch kind {
            case 0:
                answers.append((item, nil))
            case 1, 2:
                guard let magnitude = SegmentCodes.number(in: blob, at: &offset) else { throw Malformed(offset: start) }
                answers.append((item, kind == 1 ? magnitude : -1 - magnitude))
            default:
                throw Malformed(offset: start)
            }
        }
        return answers
    }

    /// The answers of `blob` in order.
    public static func answers(in blob: [UInt8]) throws -> [(itemID: String, value: Int?)] {
        try blob.withUnsafeBytes { try answers(in: $0) }
    }

    private static func appendNumber(_ value: UInt, to blob: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            blob.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        blob.append(UInt8(rest))
    }
}

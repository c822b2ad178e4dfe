import CSVInput
import Testing

/// `CSVRecord.field(_:)` against the standard library's `String(validating:as:)`, the reference: every
/// field of the kinds below, read through `CSVReader`, must decode to the same text or fail alike.
@Suite struct CSVFieldDecodingTests {
    /// The fields of one file read back and compared; returns (disagreements, invalid fields).
    private func compare(_ fields: [[UInt8]], perRecord: Int) throws -> (Int, Int) {
        var file: [UInt8] = []
        for (index, field) in fields.enumerated() {
            file += field
            file.append(index % perRecord == perRecord - 1 || index == fields.count - 1 ? 0x0A : 0x2C)
        }
        let reader = try CSVReader(path: try temporaryFile(file))
        var index = 0
        var disagreements = 0
        var invalid = 0
        while let record = try reader.next() {
            for column in 0..<record.count {
                let expected = String(validating: fields[index], as: UTF8.self)
                if record.field(column) != expected { disagreements += 1 }
                if expected == nil { invalid += 1 }
                index += 1
            }
        }
        #expect(index == fields.count)
        return (disagreements, invalid)
    }

    /// Every two-byte field, and every three-byte one of the leads whose second byte has its own range
    /// (E0, ED, F0, F4), of ordinary leads (C2, E1) and of bytes that never lead (80, C1, F5, FF).
    @Test func shortFieldsOfEveryByte() throws {
        let plain = { (byte: Int) in ![0x00, 0x0A, 0x0D, 0x09, 0x20, 0x22, 0x2C].contains(byte) }
        var fields: [[UInt8]] = []
        for first in 0...255 where plain(first) {
            for second in 0...255 where plain(second) { fields.append([UInt8(first), UInt8(second)]) }
        }
        for lead: UInt8 in [0x80, 0xC1, 0xC2, 0xE0, 0xE1, 0xED, 0xF0, 0xF4, 0xF5, 0xFF] {
            for second in 0...255 where plain(second) {
                for third: UInt8 in [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0] {
                    fields.append([lead, UInt8(second), third])
                    fields.append([lead, UInt8(second), 0x80, third])
                }
            }
        }
        let (disagreements, invalid) = try compare(fields, perRecord: 16)
        #expect(disagreements == 0)
        #expect(invalid > fields.count / 4 && invalid < fields.count)
    }

    /// Random mixtures of ASCII, Cyrillic, emoji and stray bytes, up to 40 bytes long.
    @Test func randomMixtures() throws {
        // Each starts with a letter, so that none is empty (an empty line is no record).
        let fields = randomByteMixtures(count: 20_000, prefix: Array("a".utf8))
        let (disagreements, invalid) = try compare(fields, perRecord: 9)
        #expect(disagreements == 0)
        #expect(invalid > 2_000 && invalid < 18_000)
        // The well-formed ones alone: a file the parser finds well-formed throughout, whose fields are
        // decoded without a second check.
        let wellFormed = fields.filter { String(validating: $0, as: UTF8.self) != nil }
        #expect(try compare(wellFormed, perRecord: 9) == (0, 0))
    }
}

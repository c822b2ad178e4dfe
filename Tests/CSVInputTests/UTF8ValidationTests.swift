@testable import CSVInput
import Testing

/// `UTF8Validation` against the standard library's validating initializer, which is the reference:
/// every byte sequence of the kinds below must get the same verdict from both.
@Suite struct UTF8ValidationTests {
    private func agrees(_ bytes: [UInt8]) -> Bool {
        let reference = String(validating: bytes, as: UTF8.self) != nil
        return bytes.withUnsafeBytes { UTF8Validation.isValid($0) } == reference
    }

    @Test func everyOneAndTwoByteSequence() {
        var disagreements = 0
        for first in 0...255 {
            if !agrees([UInt8(first)]) { disagreements += 1 }
            for second in 0...255 where !agrees([UInt8(first), UInt8(second)]) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }

    /// Every continuation of the leads whose second byte has its own range (E0, ED, F0, F4), of an
    /// ordinary three-byte lead (E1) and of bytes that never lead (80, C1, F5, FF).
    @Test func everyThreeByteSequenceOfTheSpecialLeads() {
        var disagreements = 0
        for lead: UInt8 in [0x80, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF] {
            for second in 0...255 {
                for third in 0...255 where !agrees([lead, UInt8(second), UInt8(third)]) { disagreements += 1 }
                for fourth: UInt8 in [0x7F, 0x80, 0xBF, 0xC0]
                where !agrees([lead, UInt8(second), 0x80, fourth]) { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
    }

    /// Random mixtures of ASCII runs (the eight-byte fast path), Cyrillic, emoji and stray bytes, at
    /// every alignment and length up to 40.
    @Test func randomMixturesAtEveryAlignment() {
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("x".utf8), Array("Қазақ".utf8), Array("я".utf8), Array("😀".utf8),
            [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF],
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var disagreements = 0
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            while bytes.count < random(41) { bytes += pieces[random(pieces.count)] }
            if !agrees(bytes) { disagreements += 1 }
            if String(validating: bytes, as: UTF8.self) == nil { invalid += 1 }
        }
        #expect(disagreements == 0)
        // Both verdicts occur often, so the comparison means something.
        #expect(invalid > 2_000 && invalid < 18_000)
    }
}

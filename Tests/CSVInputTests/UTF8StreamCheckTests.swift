@testable import CSVInput
import Testing

/// `UTF8StreamCheck` against the standard library's `String(validating:as:)`, the reference: every byte
/// sequence of the kinds below gets the same verdict, whole and cut into two blocks at every place.
@Suite struct UTF8StreamCheckTests {
    /// Whether the check agrees with the reference on `bytes`, fed whole and split at every offset.
    private func agrees(_ bytes: [UInt8]) -> Bool {
        let reference = String(validating: bytes, as: UTF8.self) != nil
        return bytes.withUnsafeBytes { all in
            (0...all.count).allSatisfy { cut in
                var check = UTF8StreamCheck()
                check.check(UnsafeRawBufferPointer(rebasing: all[..<cut]))
                check.check(UnsafeRawBufferPointer(rebasing: all[cut...]))
                return check.isWellFormed == reference && check.hasFailed == (check.hasFailed && !reference)
            }
        }
    }

    @Test func everyOneAndTwoByteSequence() {
        var disagreements = 0
        for first in 0...255 {
            if !agrees([UInt8(first)]) { disagreements += 1 }
            for second in 0...255 where !agrees([UInt8(first), UInt8(second)]) { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }

    /// Every continuation of the leads whose second byte has its own range (E0, ED, F0, F4), of ordinary
    /// leads (C2, E1, F1) and of bytes that never lead (80, C1, F5, FF), three and four bytes long.
    @Test func everySequenceOfTheSpecialLeads() {
        var disagreements = 0
        for lead: UInt8 in [0x80, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF] {
            for second in 0...255 {
                for third in 0...255 where !agrees([lead, UInt8(second), UInt8(third)]) { disagreements += 1 }
                for fourth: UInt8 in [0x41, 0x7F, 0x80, 0xBF, 0xC0]
                where !agrees([lead, UInt8(second), 0x80, fourth]) { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
    }

    /// Random mixtures of ASCII runs (the eight-byte skip), Cyrillic, emoji and stray bytes, up to 40
    /// bytes, every one also cut at every place.
    @Test func randomMixtures() {
        var disagreements = 0
        var invalid = 0
        for bytes in randomByteMixtures(count: 5_000) {
            if !agrees(bytes) { disagreements += 1 }
            if String(validating: bytes, as: UTF8.self) == nil { invalid += 1 }
        }
        #expect(disagreements == 0)
        // Both verdicts occur often, so the comparison means something.
        #expect(invalid > 500 && invalid < 4_500)
    }

    /// Longer random texts (runs of ASCII past 32 bytes, Cyrillic, three- and four-byte characters,
    /// broken bytes), fed in random blocks: after every block the word-at-a-time check agrees with the
    /// automaton alone, byte by byte, and at the end with the reference.
    @Test func theWordsAgreeWithTheAutomatonBlockByBlock() {
        let pieces: [[UInt8]] = [
            Array(String(repeating: "abcdefgh", count: 5).utf8), Array("x, ".utf8), Array("Қазақ тілі ".utf8),
            Array("я".utf8), Array("—".utf8), Array("😀".utf8), [0x80], [0xC3], [0xC0, 0xAF], [0xC1, 0xBF],
            [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xFF], [0xF5, 0x80],
        ]
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var disagreements = 0
        var invalid = 0
        for _ in 0..<4_000 {
            var bytes: [UInt8] = []
            let length = random(300)
            // Mostly well-formed pieces, so that failures come late in the text as often as early.
            while bytes.count < length { bytes += pieces[random(10) < 8 ? random(6) : random(pieces.count)] }
            let reference = String(validating: bytes, as: UTF8.self) != nil
            if !reference { invalid += 1 }
            var fast = UTF8StreamCheck()
            var plain = UTF8StreamCheck()
            var agreed = true
            bytes.withUnsafeBytes { all in
                var start = 0
                while start < all.count {
                    let block = UnsafeRawBufferPointer(rebasing: all[start..<min(all.count, start + 1 + random(80))])
                    fast.check(block)
                    plain.checkEachByte(block)
                    if fast.isWellFormed != plain.isWellFormed || fast.hasFailed != plain.hasFailed { agreed = false }
                    start += block.count
                }
            }
            if !agreed || fast.isWellFormed != reference { disagreements += 1 }
        }
        #expect(disagreements == 0)
        #expect(invalid > 400 && invalid < 3_600)
    }

    @Test func aFailureIsFinal() {
        var check = UTF8StreamCheck()
        [0x61, 0xFF].withUnsafeBytes { check.check($0) }
        Array("all well after".utf8).withUnsafeBytes { check.check($0) }
        #expect(check.hasFailed)
        #expect(!check.isWellFormed)
    }
}

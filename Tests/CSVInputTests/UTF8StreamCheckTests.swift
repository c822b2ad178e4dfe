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
        var texts = RandomTexts(pieces: pieces, seed: 0x2545_F491_4F6C_DD1D)
        var disagreements = 0
        var invalid = 0
        for _ in 0..<4_000 {
            let bytes = texts.text(upTo: 300, wellFormedPieces: 6, wellFormedIn: (8, 10))
            let reference = String(validating: bytes, as: UTF8.self) != nil
            if !reference { invalid += 1 }
            var fast = UTF8StreamCheck()
            var plain = UTF8StreamCheck()
            var agreed = true
            bytes.withUnsafeBytes { all in
                var start = 0
                while start < all.count {
                    let block = UnsafeRawBufferPointer(rebasing: all[start..<min(all.count, start + 1 + texts.number(below: 80))])
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

    /// A whole block's check (``UTF8StreamCheck/checkBlock(_:)``: 32-byte chunks through the C scan where
    /// the processor has AVX2) against the automaton alone, byte by byte, and against `memchr` for its
    /// NUL bytes and carriage returns.
    private func blockAgrees(_ bytes: [UInt8], cuts: [Int] = []) -> Bool {
        var block = UTF8StreamCheck()
        var plain = UTF8StreamCheck()
        return bytes.withUnsafeBytes { all in
            var start = 0
            for end in cuts + [all.count] where end >= start {
                let part = UnsafeRawBufferPointer(rebasing: all[start..<end])
                let found = block.checkBlock(part)
                plain.checkEachByte(part)
                if found.hasNUL != part.contains(0) || found.hasCarriageReturn != part.contains(UInt8(ascii: "\r"))
                    || block.isWellFormed != plain.isWellFormed || block.hasFailed != plain.hasFailed {
                    return false
                }
                start = end
            }
            return block.isWellFormed == (String(validating: bytes, as: UTF8.self) != nil)
        }
    }

    /// Every sequence of two bytes, and of three after the leads with ranges of their own, placed in a
    /// text of 96 bytes where the 32-byte chunks see it: at the start, across the first chunk's end
    /// (every place), and inside the second chunk; the text is Cyrillic around, so that the pair's
    /// neighbours are leads and continuations too.
    @Test func theBlockScanAgreesOnEverySequenceAtTheChunksEdges() {
        let text = Array("Қазақ тілі, русский язык; 12345 abc — ещё раз Қазақ тілі".utf8)
        var disagreements = 0
        var invalid = 0
        for offset in [0, 29, 30, 31, 32, 45] {
            func place(_ sequence: [UInt8]) -> [UInt8] {
                // The text before the sequence is cut between characters: ASCII padding up to the offset.
                Array(repeating: UInt8(ascii: "x"), count: offset) + sequence + text.prefix(96 - offset - sequence.count)
            }
            for first in 0...255 {
                for second in 0...255 {
                    let bytes = place([UInt8(first), UInt8(second)])
                    if !blockAgrees(bytes) { disagreements += 1 }
                    if String(validating: bytes, as: UTF8.self) == nil { invalid += 1 }
                }
            }
            let others: [UInt8] = [0x00, 0x0D, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xD0, 0xE2, 0xF0, 0xFF]
            for lead: UInt8 in [0xC2, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5] {
                for second in 0...255 {
                    for third in others where !blockAgrees(place([lead, UInt8(second), third])) { disagreements += 1 }
                    for fourth in others where lead >= 0xF0 && !blockAgrees(place([lead, UInt8(second), 0x80, fourth])) {
                        disagreements += 1
                    }
                }
            }
        }
        #expect(disagreements == 0)
        #expect(invalid > 100_000)
    }

    /// Long random texts with NUL bytes and carriage returns among the pieces, cut into random blocks:
    /// after every block the block check agrees with the automaton alone and with `memchr`.
    @Test func theBlockScanAgreesOnRandomTextsInBlocks() {
        let pieces: [[UInt8]] = [
            Array(String(repeating: "abcdefgh", count: 5).utf8), Array("x, ".utf8), Array("Қазақ тілі ".utf8),
            Array("я".utf8), Array("—".utf8), Array("😀".utf8), Array("\r\n".utf8), [0], [0x80], [0xC3],
            [0xC0, 0xAF], [0xC1, 0xBF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xFF], [0xF5, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x9F, 0xBF],
        ]
        var texts = RandomTexts(pieces: pieces, seed: 0x9E37_79B9_7F4A_7C15)
        var disagreements = 0
        var invalid = 0
        for _ in 0..<4_000 {
            let bytes = texts.text(upTo: 600, wellFormedPieces: 8, wellFormedIn: (39, 40))
            if String(validating: bytes, as: UTF8.self) == nil { invalid += 1 }
            var cuts: [Int] = []
            while (cuts.last ?? 0) < bytes.count { cuts.append((cuts.last ?? 0) + 1 + texts.number(below: 200)) }
            if !blockAgrees(bytes, cuts: cuts.dropLast()) { disagreements += 1 }
        }
        #expect(disagreements == 0)
        #expect(invalid > 400 && invalid < 3_600)
    }

    /// The C scan vouches for all but the last chunk's rest of a well-formed text (a character cut by
    /// the end left out), and for nothing of a text broken in its first chunk, where the processor has
    /// AVX2; without it, for nothing.
    @Test func theScanVouchesForWholeChunks() {
        let text = Array(String(repeating: "Қазақ тілі, 12 — ", count: 40).utf8) + [0xD0]
        var found: Int32 = 0
        let vouched = text.withUnsafeBytes { UTF8StreamCheck.scan($0, found: &found) }
        let broken = ([0xC0, 0x80] + text).withUnsafeBytes { UTF8StreamCheck.scan($0, found: &found) }
        if UTF8StreamCheck.scanChecksUTF8 {
            #expect(vouched >= text.count - 35 && vouched < text.count)
            #expect(String(validating: text[..<vouched], as: UTF8.self) != nil)
        } else {
            #expect(vouched == 0)
        }
        #expect(broken == 0)
        #expect(found == 0)
    }

    @Test func aFailureIsFinal() {
        var check = UTF8StreamCheck()
        [0x61, 0xFF].withUnsafeBytes { check.check($0) }
        Array("all well after".utf8).withUnsafeBytes { check.check($0) }
        #expect(check.hasFailed)
        #expect(!check.isWellFormed)
    }
}

/// Seeded random texts of pieces (the same on every run), mostly of the well-formed pieces that come
/// first, so that failures come late in a text as often as early.
private struct RandomTexts {
    let pieces: [[UInt8]]
    var seed: UInt64

    /// A number in `0..<bound`.
    mutating func number(below bound: Int) -> Int {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((seed >> 33) % UInt64(bound))
    }

    /// A text of pieces up to a random length below `bound`: each piece one of the first
    /// `wellFormedPieces` with a chance of `wellFormedIn.0` in `wellFormedIn.1`, else any.
    mutating func text(upTo bound: Int, wellFormedPieces: Int, wellFormedIn: (Int, Int)) -> [UInt8] {
        var bytes: [UInt8] = []
        let length = number(below: bound)
        while bytes.count < length {
            let wellFormed = number(below: wellFormedIn.1) < wellFormedIn.0
            bytes += pieces[wellFormed ? number(below: wellFormedPieces) : number(below: pieces.count)]
        }
        return bytes
    }
}

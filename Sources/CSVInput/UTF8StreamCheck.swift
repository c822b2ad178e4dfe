internal import CBlockScan

/// Checks that a stream of bytes is well-formed UTF-8 (The Unicode Standard, §3.9, Table 3-7) as it
/// passes, block by block: a character cut by a block's end is finished in the next block.
///
/// Most bytes are checked eight at a time in one machine word (``checkWords(_:_:_:)``): runs of ASCII,
/// 32 bytes a step, and text of ASCII and two-byte characters (Cyrillic), with a few operations on the
/// whole word. A word holding anything else (a three- or four-byte character, a broken sequence) goes
/// through a shift-based automaton, byte by byte: each byte's row of `transitions` holds, at the bit
/// offset of every state, the state that byte leads to (6 bits each), so a byte costs a load, a shift
/// and a mask, without branches. A failure is final. `UTF8StreamCheckTests` compare it with
/// `String(validating:as:)` and with the automaton alone. (Swift's `SIMD16<UInt8>` was tried for the
/// words: its comparisons and `any` compiled to loops ten times slower.)
///
/// A whole block (``checkBlock(_:)``) goes 32 bytes at a time through C with AVX2 when the processor
/// has it (`CBlockScan`), which also finds its NUL bytes and carriage returns in the same pass; the
/// words and the automaton then check only what the chunks leave (a character under way at the start,
/// the last 32 bytes or fewer, a block that breaks UTF-8).
struct UTF8StreamCheck {
    private var state = UTF8StreamCheck.accept

    /// Whether a byte so far broke the encoding (then all that follows is unchecked).
    var hasFailed: Bool { state == Self.failed }
    /// Whether the bytes so far are well-formed and end between characters.
    var isWellFormed: Bool { state == Self.accept }

    /// Checks the next bytes of the stream.
    mutating func check(_ bytes: UnsafeRawBufferPointer) {
        guard var pointer = bytes.baseAddress, state != Self.failed else { return }
        let end = pointer + bytes.count
        var state = self.state
        transitions.withUnsafeBufferPointer { table in
            while pointer < end {
                // A character under way, other than one awaiting its last byte (which the words carry),
                // is finished byte by byte.
                while state != Self.accept, state != Self.tail1, state != Self.failed, pointer < end {
                    state = (table[Int(pointer.load(as: UInt8.self))] &>> state) & 63
                    pointer += 1
                }
                if state == Self.failed || pointer == end { break }
                state = Self.checkWords(&pointer, end, state)
                // What the words could not vouch for: the next eight bytes (or the rest), byte by byte.
                let stop = min(pointer + 8, end)
                while pointer < stop {
                    state = (table[Int(pointer.load(as: UInt8.self))] &>> state) & 63
                    pointer += 1
                }
                if state == Self.failed { break }
            }
        }
        self.state = state
    }

    /// Checks the next bytes of the stream, a block of the file, as ``check(_:)`` does, and finds
    /// whether they hold a NUL byte or a carriage return, in one pass where the processor allows
    /// (see the type's description).
    mutating func checkBlock(_ bytes: UnsafeRawBufferPointer) -> (hasNUL: Bool, hasCarriageReturn: Bool) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (false, false) }
        // A character under way is finished byte by byte (at most three), so that the scan starts
        // between characters.
        var start = 0
        var found: Int32 = 0
        while start < bytes.count, state != Self.accept, state != Self.failed {
            let byte = base.load(fromByteOffset: start, as: UInt8.self)
            state = (transitions[Int(byte)] &>> state) & 63
            if byte == 0 { found |= Int32(ANALYZE_BLOCK_HAS_NUL) }
            if byte == UInt8(ascii: "\r") { found |= Int32(ANALYZE_BLOCK_HAS_CARRIAGE_RETURN) }
            start += 1
        }
        var scanned: Int32 = 0
        let vouched = Self.scan(UnsafeRawBufferPointer(rebasing: bytes[start...]), found: &scanned)
        found |= scanned
        if state != Self.failed {
            check(UnsafeRawBufferPointer(rebasing: bytes[(start + vouched)...]))
        }
        return (found & Int32(ANALYZE_BLOCK_HAS_NUL) != 0, found & Int32(ANALYZE_BLOCK_HAS_CARRIAGE_RETURN) != 0)
    }

    /// The C scan of `bytes`, which start between characters: the length of a prefix of them it found
    /// well-formed and ending between characters (0 when they break UTF-8, or without AVX2), and in
    /// `found` whether they hold a NUL byte (`ANALYZE_BLOCK_HAS_NUL`) or a carriage return.
    static func scan(_ bytes: UnsafeRawBufferPointer, found: inout Int32) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            found = 0
            return 0
        }
        return analyze_block_scan(base.assumingMemoryBound(to: UInt8.self), bytes.count, &found)
    }

    /// Whether ``scan(_:found:)`` checks UTF-8 on this processor (it has AVX2).
    static var scanChecksUTF8: Bool { analyze_block_scan_checks_utf8() != 0 }

    /// Checks the next bytes with the automaton alone, one byte at a time: the plain path, which
    /// ``check(_:)`` must agree with at every block's end (`UTF8StreamCheckTests` compare them).
    mutating func checkEachByte(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        for byte in bytes where state != Self.failed {
            state = (transitions[Int(byte)] &>> state) & 63
        }
        self.state = state
    }

    /// Checks whole words from `pointer` on, starting in `state` (``accept`` or ``tail1``), as long as
    /// each word holds only ASCII and two-byte characters (a character may be cut by the word's end);
    /// stops before the first word that holds anything else, or fewer than eight bytes before `end`.
    /// - Returns: the state after the words checked.
    ///
    /// In a word, bit 7 of each byte says whether the byte is a continuation (`10xxxxxx`), the lead of
    /// a two-byte character (`110xxxxx`) or a longer lead (`111xxxxx`); the word is well-formed when
    /// every continuation follows a lead, every lead is followed by one, no lead is `C0` or `C1`
    /// (overlong), and nothing leads a longer character. A lead in the last byte carries over. After
    /// a word of ASCII, runs of ASCII are skipped 32 bytes a step.
    @inline(__always)
    static func checkWords(
        _ pointer: inout UnsafeRawPointer, _ end: UnsafeRawPointer, _ state: UInt64
    ) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        // 0x80 (bit 7 of the word's first byte): the byte before the word was a lead, and the word's
        // first byte must continue it.
        var pending: UInt64 = state == tail1 ? 0x80 : 0
        while end - pointer >= 8 {
            let word = pointer.loadUnaligned(as: UInt64.self)
            let top = word & high
            if top | pending == 0 {
                pointer += 8
                while end - pointer >= 32,
                      (pointer.loadUnaligned(as: UInt64.self) | pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                        | pointer.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                        | pointer.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) & high == 0 {
                    pointer += 32
                }
                continue
            }
            let second = word &<< 1
            let continuation = top & ~second
            // Every lead (`11xxxxxx`); none may lead a longer character (`111xxxxx`).
            let lead = top & second
            // Bits 1–4 of a lead: none set is C0 or C1, a two-byte form of ASCII.
            let payload = (word & 0x1E1E_1E1E_1E1E_1E1E) &+ 0x7F7F_7F7F_7F7F_7F7F
            guard lead & (word &<< 2) == 0, lead & ~payload == 0, continuation == (lead &<< 8) | pending
            else { break }
            pending = lead &>> 56
            pointer += 8
        }
        return pending == 0 ? accept : tail1
    }

    // The states, as bit offsets into a row; `failed` is 0, so that a row's unset bits mean failure.
    fileprivate static let failed: UInt64 = 0
    fileprivate static let accept: UInt64 = 6
    fileprivate static let tail1: UInt64 = 12  // one continuation byte to come
    fileprivate static let tail2: UInt64 = 18
    fileprivate static let tail3: UInt64 = 24
    fileprivate static let afterE0: UInt64 = 30  // A0–BF, then one more
    fileprivate static let afterED: UInt64 = 36  // 80–9F (no surrogates), then one more
    fileprivate static let afterF0: UInt64 = 42  // 90–BF, then two more
    fileprivate static let afterF4: UInt64 = 48  // 80–8F (nothing above U+10FFFF), then two more

    /// The state that `byte` leads to from `state`.
    fileprivate static func next(from state: UInt64, _ byte: UInt8) -> UInt64 {
        let continuation = (0x80...0xBF).contains(byte)
        switch state {
        case accept:
            switch byte {
            case 0x00...0x7F: return accept
            case 0xC2...0xDF: return tail1
            case 0xE0: return afterE0
            case 0xE1...0xEC, 0xEE...0xEF: return tail2
            case 0xED: return afterED
            case 0xF0: return afterF0
            case 0xF1...0xF3: return tail3
            case 0xF4: return afterF4
            default: return failed
            }
        case tail1: return continuation ? accept : failed
        case tail2: return continuation ? tail1 : failed
        case tail3: return continuation ? tail2 : failed
        case afterE0: return (0xA0...0xBF).contains(byte) ? tail1 : failed
        case afterED: return (0x80...0x9F).contains(byte) ? tail1 : failed
        case afterF0: return (0x90...0xBF).contains(byte) ? tail2 : failed
        case afterF4: return (0x80...0x8F).contains(byte) ? tail2 : failed
        default: return failed
        }
    }
}

/// Row `byte`: for every state, at its bit offset, the state `byte` leads to.
private let transitions: [UInt64] = (0...255).map { byte in
    let states: [UInt64] = [
        UTF8StreamCheck.accept, UTF8StreamCheck.tail1, UTF8StreamCheck.tail2, UTF8StreamCheck.tail3,
        UTF8StreamCheck.afterE0, UTF8StreamCheck.afterED, UTF8StreamCheck.afterF0, UTF8StreamCheck.afterF4,
    ]
    return states.reduce(0) { row, state in row | UTF8StreamCheck.next(from: state, UInt8(byte)) << state }
}

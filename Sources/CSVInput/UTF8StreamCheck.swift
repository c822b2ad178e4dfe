/// Checks that a stream of bytes is well-formed UTF-8 (The Unicode Standard, §3.9, Table 3-7) as it
/// passes, block by block: a character cut by a block's end is finished in the next block.
///
/// A shift-based automaton: each byte's row of `transitions` holds, at the bit offset of every state,
/// the state that byte leads to (6 bits each), so a byte costs a load, a shift and a mask, without
/// branches; runs of ASCII between characters are skipped eight bytes at a time. A failure is final.
/// `UTF8StreamCheckTests` compare it with `String(validating:as:)`.
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
            while pointer < end, state != Self.failed {
                if state == Self.accept, end - pointer >= 8,
                   pointer.loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    pointer += 8
                    continue
                }
                let stop = min(pointer + 8, end)
                while pointer < stop {
                    state = (table[Int(pointer.load(as: UInt8.self))] &>> state) & 63
                    pointer += 1
                }
            }
        }
        self.state = state
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

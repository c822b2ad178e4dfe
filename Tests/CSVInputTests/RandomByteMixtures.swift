/// `count` seeded random byte sequences of up to 40 bytes: pieces of ASCII runs, Cyrillic, emoji and
/// bytes that break UTF-8 (stray continuations, cut sequences, surrogates, overlong forms), each
/// sequence starting with `prefix`. The same on every run.
func randomByteMixtures(count: Int, prefix: [UInt8] = []) -> [[UInt8]] {
    let pieces: [[UInt8]] = [
        Array("abcdefgh".utf8), Array("x".utf8), Array("Қазақ".utf8), Array("я".utf8), Array("😀".utf8),
        [0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF],
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    return (0..<count).map { _ in
        var bytes = prefix
        while bytes.count < random(41) { bytes += pieces[random(pieces.count)] }
        return bytes
    }
}

@testable import CSVInput
import Foundation
import Statistics
import Testing

/// The reader trusts the blocks' thread for UTF-8, NUL bytes and carriage returns (``BlockReader``)
/// and checks lines itself only in a block that breaks UTF-8. These tests compare it with the plain
/// path (every line checked by the parse, `checksEveryLine`) on random files cut into blocks of every
/// small size, so that characters, line ends, quotes, NUL bytes and broken sequences fall on block
/// boundaries.
@Suite struct CSVBlockCheckTests {
    /// What a whole read of a file gives: its records, and the error that ended it, if any.
    struct Reading: Equatable {
        var records: [CSVRecord] = []
        var error: CSVError?
    }

    static func read(
        _ path: String, encoding: CSVEncoding = .utf8, blockSize: Int, checksEveryLine: Bool
    ) -> Reading {
        var reading = Reading()
        do {
            let reader = try CSVReader(
                path: path, encoding: encoding, blockSize: blockSize, checksEveryLine: checksEveryLine)
            while let record = try reader.next() { reading.records.append(record) }
        } catch {
            reading.error = error
        }
        return reading
    }

    /// A random CSV text: records of unquoted and quoted fields made of text pieces (ASCII, Cyrillic,
    /// emoji, bytes that break UTF-8), quoted fields across LF, CRLF and CR line ends, blank lines,
    /// and now and then a NUL byte or a quote that libcsv refuses. The line ends are drawn from
    /// `lineEnds`.
    static func randomFile(
        _ generator: inout SeededGenerator, faults: Bool, lineEnds: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
    ) -> [UInt8] {
        let pieces: [[UInt8]] = [
            Array("abc".utf8), Array("x".utf8), Array("Қазақ".utf8), Array("я".utf8), Array("😀".utf8),
            Array("ǅ€".utf8), Array(" ".utf8),
        ]
        let broken: [[UInt8]] = [[0x80], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF]]
        var bytes: [UInt8] = generator.uniform(below: 4) == 0 ? [0xEF, 0xBB, 0xBF] : []
        for _ in 0..<(1 + generator.uniform(below: 12)) {
            let fields = 1 + generator.uniform(below: 4)
            for field in 0..<fields {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                let quoted = generator.uniform(below: 3) == 0
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                for _ in 0..<generator.uniform(below: 5) {
                    switch generator.uniform(below: 40) {
                    case 0 where faults: bytes += broken[generator.uniform(below: broken.count)]
                    case 1 where faults && generator.uniform(below: 8) == 0: bytes.append(0)
                    case 2 where quoted: bytes += lineEnds[generator.uniform(below: lineEnds.count)]
                    case 3 where quoted: bytes += [UInt8(ascii: "\""), UInt8(ascii: "\"")]
                    case 4 where faults && !quoted && generator.uniform(below: 8) == 0: bytes.append(UInt8(ascii: "\""))
                    default: bytes += pieces[generator.uniform(below: pieces.count)]
                    }
                }
                if quoted { bytes.append(UInt8(ascii: "\"")) }
            }
            bytes += lineEnds[generator.uniform(below: lineEnds.count)]
            if generator.uniform(below: 6) == 0 { bytes += lineEnds[generator.uniform(below: lineEnds.count)] }
        }
        if generator.uniform(below: 3) == 0, let last = bytes.last, last == 0x0A || last == 0x0D {
            bytes.removeLast()  // no line end after the last record
            if faults, generator.uniform(below: 2) == 0 { bytes += [0xD0] }  // a character cut by the end
        }
        return bytes
    }

    @Test func blockChecksGiveWhatEveryLineCheckedGives() throws {
        var generator = SeededGenerator(seed: 20_261_203)
        let blockSizes = [1, 2, 3, 4, 5, 7, 8, 13, 31, 64, 1 << 16]
        var brokenFiles = 0
        var recordsMarkedBroken = 0
        for file in 0..<600 {
            let bytes = Self.randomFile(&generator, faults: file % 3 != 0)
            let path = try temporaryFile(bytes)
            let plain = Self.read(path, blockSize: 1 << 16, checksEveryLine: true)
            if String(validating: bytes, as: UTF8.self) == nil { brokenFiles += 1 }
            recordsMarkedBroken += plain.records.filter { !$0.isValidUTF8 }.count
            for blockSize in blockSizes {
                let fast = Self.read(path, blockSize: blockSize, checksEveryLine: false)
                #expect(fast == Self.read(path, blockSize: blockSize, checksEveryLine: true), "file \(file), blocks of \(blockSize)")
                // A byte-order mark is recognised in a first block of three bytes or more.
                if blockSize >= 3 || bytes.first != 0xEF {
                    #expect(fast == plain, "file \(file), blocks of \(blockSize)")
                }
            }
            // A record said to be well-formed is: its fields are decoded without a check.
            for record in plain.records where record.isValidUTF8 {
                for index in 0..<record.count {
                    #expect(String(validating: record.bytes(at: index), as: UTF8.self) != nil)
                }
            }
        }
        // The files did exercise what the checks are for.
        #expect(brokenFiles > 100)
        #expect(recordsMarkedBroken > 100)
    }

    @Test func convertedFilesReadAlikeInEveryBlockSize() throws {
        var generator = SeededGenerator(seed: 1_251)
        for file in 0..<100 {
            var bytes = Self.randomFile(&generator, faults: false)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // the UTF-16 file has its own mark
            let text = String(decoding: bytes, as: UTF8.self)
            var utf16: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let path = try temporaryFile(utf16)
            let plain = Self.read(path, encoding: .utf16, blockSize: 1 << 16, checksEveryLine: true)
            #expect(plain.error == nil, "file \(file)")
            for blockSize in [2, 3, 5, 64] {  // the byte-order mark needs a first block of two bytes
                #expect(Self.read(path, encoding: .utf16, blockSize: blockSize, checksEveryLine: false) == plain, "file \(file), blocks of \(blockSize)")
            }
        }
    }
}

import CSVInput
import Foundation
import Testing

/// `CSVReader` parses on a thread of its own, batches of records ahead: what the caller sees must be
/// what a parse on its own thread gives, and a reader let go must stop reading.
@Suite struct CSVReadAheadTests {
    @Test func recordsLinesAndTheEndingErrorArriveInFileOrder() throws {
        // 5,000 records over many batches, every tenth spanning two lines, then a malformed quote.
        var text = ""
        var expected: [(line: Int, first: String)] = []
        var line = 1
        for index in 0..<5_000 {
            expected.append((line, "r\(index)"))
            if index % 10 == 0 {
                text += "r\(index),\"two\nlines\"\n"
                line += 2
            } else {
                text += "r\(index),x\n"
                line += 1
            }
        }
        text += "bad,a\"b\n"
        let reader = try CSVReader(path: try temporaryFile(text))
        var seen: [(line: Int, first: String)] = []
        let error = #expect(throws: CSVError.self) {
            while let record = try reader.next() { seen.append((record.line, record.field(0) ?? "?")) }
        }
        #expect(seen.count == 5_000)
        #expect(seen.map(\.line) == expected.map(\.line))
        #expect(seen.map(\.first) == expected.map(\.first))
        #expect(error?.reason == .malformedQuote)
        #expect(error?.line == line)
        // The error ends the file.
        #expect(try reader.next() == nil)
    }

    @Test func aReaderLetGoStopsReading() throws {
        let text = String(repeating: "a,b,c,d\n", count: 400_000)  // 3.2 MB, about 49 blocks
        let path = try temporaryFile(text)
        // Written on the reader's thread; read here only after the reader is gone (it waits for that thread).
        var observed = 0
        var reader: CSVReader? = try CSVReader(path: path) { observed += $0.count }
        #expect(try reader?.next()?.fields == ["a", "b", "c", "d"])
        reader = nil
        let afterwards = observed
        Thread.sleep(forTimeInterval: 0.05)
        #expect(observed == afterwards)
        #expect(afterwards > 0 && afterwards < text.utf8.count)
    }

    @Test func noBlockIsObservedAfterTheErrorThatEndsAFile() throws {
        // A NUL byte on line 2 of a 3.2 MB file: the parse stops in the first block, while the blocks'
        // thread could read on. When `next()` throws, that thread has returned: the observer has seen
        // what it will ever see, which the caller may read at once (the ingest's hash, its progress).
        let text = "a,b\n1,\u{0}\n" + String(repeating: "a,b,c,d\n", count: 400_000)
        let path = try temporaryFile(text)
        var observed = 0
        // A slow observer (2 ms a block, as a slow disk or a busy machine makes it): the blocks' thread
        // is still reading ahead when the parse fails.
        let reader = try CSVReader(path: path) {
            observed += $0.count
            Thread.sleep(forTimeInterval: 0.002)
        }
        let error = #expect(throws: CSVError.self) { while try reader.next() != nil {} }
        #expect(error?.reason == .nulByte)
        let atTheError = observed
        Thread.sleep(forTimeInterval: 0.05)
        #expect(observed == atTheError)
        #expect(atTheError > 0 && atTheError < text.utf8.count)
    }
}

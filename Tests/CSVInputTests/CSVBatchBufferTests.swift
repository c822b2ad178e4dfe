@testable import CSVInput
import Foundation
import Statistics
import Testing

/// A batch's buffers are used again for a later batch of the same file once every record of the batch
/// is gone (`BatchBufferRecycler`): records still held keep their bytes, and a record read into used
/// buffers has exactly its own bytes.
@Suite struct CSVBatchBufferTests {
    /// 30,000 records (about 30 batches) of fields longer and shorter than the ones before them, every
    /// fifth with a quoted field across two lines (records under way at a batch's end move to the next
    /// batch's buffers); every 97th record is held to the end, the rest dropped as they are read.
    @Test func heldRecordsKeepTheirBytesWhileBuffersAreUsedAgain() throws {
        var text = ""
        var expected: [[String]] = []
        for index in 0..<30_000 {
            let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index % 26)))
            let long = String(repeating: letter, count: (index * 7_919) % 300)
            let quoted = index % 5 == 0 ? "q,\(index)\nx" : "plain"
            expected.append(["r\(index)", long, quoted])
            text += "r\(index),\(long),\(index % 5 == 0 ? "\"\(quoted)\"" : quoted)\n"
        }
        let reader = try CSVReader(path: try temporaryFile(text))
        var held: [(index: Int, record: CSVRecord)] = []
        var mismatches = 0
        var count = 0
        while let record = try reader.next() {
            if record.fields != expected[count] { mismatches += 1 }
            if count % 97 == 0 { held.append((count, record)) }
            count += 1
        }
        #expect(count == 30_000)
        #expect(mismatches == 0)
        #expect(held.count == 310)
        #expect(held.filter { $0.record.fields != expected[$0.index] }.isEmpty)
    }

    /// libcsv gathers each field in the batch's storage (its field buffer is the storage's free room): fields
    /// longer than the storage's first 64 KiB and than a block, under way when the storage grows or a batch
    /// is taken (a field over many blocks ends a batch's last block), quoted with doubled quotes and line
    /// feeds or unquoted with spaces trimmed, empty either way, all read as written, with their lines; read
    /// whole block by block, and a line at a time (every line checked), in blocks of 64 KiB and of 1,000 bytes.
    @Test func fieldsGatheredInTheStorageAcrossGrowthAndBatches() throws {
        var generator = SeededGenerator(seed: 20_261_205)
        var text = ""
        var expected: [(line: Int, fields: [String])] = []
        var line = 1
        for index in 0..<4_000 {
            var fields: [String] = []
            var written: [String] = []
            for column in 0..<4 {
                let roll = generator.next() % 1_000
                let length = roll < 2 ? 70_000 + Int(generator.next() % 250_000) : roll < 100 ? 0 : Int(generator.next() % 40)
                let letter = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8((index + column) % 26)))
                var value = String(repeating: letter, count: length)
                if length > 2, generator.next() % 4 == 0 {
                    // Quoted, with a doubled quote and a line feed inside.
                    value = "\(value.prefix(length / 2))\"\n\(value.dropFirst(length / 2))"
                    written.append("\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                } else if length == 0, generator.next() % 2 == 0 {
                    written.append("\"\"")
                } else {
                    written.append((length > 0 && generator.next() % 3 == 0 ? "  " : "") + value + (generator.next() % 3 == 0 ? " \t" : ""))
                }
                fields.append(value)
            }
            expected.append((line, fields))
            let record = written.joined(separator: ",") + "\n"
            line += record.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            text += record
        }
        let path = try temporaryFile(text)
        for (blockSize, checksEveryLine) in [(1 << 16, false), (1 << 16, true), (1_000, false)] {
            let reader = try CSVReader(path: path, blockSize: blockSize, checksEveryLine: checksEveryLine)
            var count = 0
            var mismatches = 0
            while let record = try reader.next() {
                if count >= expected.count || record.line != expected[count].line || record.fields != expected[count].fields {
                    mismatches += 1
                }
                count += 1
            }
            #expect(count == 4_000, "block size \(blockSize)")
            #expect(mismatches == 0, "block size \(blockSize), every line checked: \(checksEveryLine)")
        }
        #expect(expected.contains { $0.fields.contains { $0.utf8.count > 1 << 17 } })
    }

    /// The recycler keeps at most its limit of buffers, gives them back for a batch that fits in them,
    /// and frees (does not give) those too small.
    @Test func theRecyclerKeepsAFewBuffersAndGivesThoseThatFit() {
        let recycler = BatchBufferRecycler()
        func buffers(_ byteCapacity: Int, _ endCapacity: Int) -> BatchBufferRecycler.Buffers {
            (.allocate(capacity: byteCapacity), byteCapacity, .allocate(capacity: endCapacity), endCapacity)
        }
        let first = buffers(1_000, 100)
        let second = buffers(2_000, 100)
        let third = buffers(3_000, 100)
        #expect(recycler.keep(first))
        #expect(recycler.keep(second))
        #expect(BatchBufferRecycler.limit == 2)
        #expect(!recycler.keep(third))
        third.bytes.deallocate()
        third.ends.deallocate()
        // The last kept fits: given back as it was.
        let taken = recycler.take(byteCapacity: 1_500, endCapacity: 50)
        #expect(taken?.bytes == second.bytes && taken?.byteCapacity == 2_000 && taken?.ends == second.ends)
        // The one left is too small: freed, none given.
        #expect(recycler.take(byteCapacity: 1_500, endCapacity: 50) == nil)
        #expect(recycler.take(byteCapacity: 1, endCapacity: 1) == nil)
        taken.map { $0.bytes.deallocate(); $0.ends.deallocate() }
        // A storage gone leaves its buffers to the next one that fits.
        var storage: RecordBatchStorage? = RecordBatchStorage(byteCapacity: 4_096, endCapacity: 64, recycler: recycler)
        let address = storage!.bytes
        storage = nil
        let next = RecordBatchStorage(byteCapacity: 4_000, endCapacity: 64, recycler: recycler)
        #expect(next.bytes == address && next.byteCapacity == 4_096)
    }
}

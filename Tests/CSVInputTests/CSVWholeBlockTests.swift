@testable import CSVInput
import Foundation
import Statistics
import Testing

/// A block of well-formed UTF-8 without NUL bytes or carriage returns goes to libcsv whole, and the
/// reader counts lines from the line ends libcsv reports (``RecordParser``). These tests read files
/// with known records, lines and errors in blocks of many sizes, so that blank lines, quoted line
/// feeds, spaces and errors fall on every block edge, both ways: whole blocks and every line checked.
@Suite struct CSVWholeBlockTests {
    static let blockSizes = [1, 2, 3, 4, 5, 7, 8, 13, 31, 64, 100, 1_000, 1 << 16]

    /// Reads `text` in blocks of every size of ``blockSizes``, whole blocks and every line checked, and
    /// expects the same reading each time.
    static func reading(
        of text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CSVBlockCheckTests.Reading {
        let path = try temporaryFile(text)
        let plain = CSVBlockCheckTests.read(path, blockSize: 1 << 16, checksEveryLine: true)
        for blockSize in blockSizes {
            for checksEveryLine in [false, true] {
                let reading = CSVBlockCheckTests.read(path, blockSize: blockSize, checksEveryLine: checksEveryLine)
                #expect(reading == plain, "blocks of \(blockSize), every line: \(checksEveryLine)", sourceLocation: sourceLocation)
            }
        }
        return plain
    }

    @Test func blankLinesCountButMakeNoRecord() throws {
        let reading = try Self.reading(of: "a,b\n\n  \n\t\n1,2\n\n\n3,4\n \n")
        #expect(reading.records.map(\.line) == [1, 5, 8])
        #expect(reading.records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(reading.error == nil)
    }

    @Test func spacesAroundFieldsAreTrimmed() throws {
        let reading = try Self.reading(of: "  a  , \"b \"  ,\tc\t, ,\" \"\n  x,y  \n")
        #expect(reading.records.map(\.fields) == [["a", "b ", "c", "", " "], ["x", "y"]])
        #expect(reading.records.map(\.line) == [1, 2])
    }

    @Test func quotedLineFeedsOnBlockEdgesKeepLines() throws {
        // Line feeds inside quotes at every offset of the small blocks, one right after the opening
        // quote and one right before the closing one, and a record after an empty quoted line.
        let text = "id,text\n1,\"\nfirst\n\nsecond\n\"\n2,plain\n3,\"\"\"\n\"\"\"\n4,\"a\nb\",\"c\nd\"\n5,last"
        let reading = try Self.reading(of: text)
        #expect(reading.records.map(\.line) == [1, 2, 7, 8, 10, 13])
        #expect(reading.records.map(\.fields) == [
            ["id", "text"], ["1", "\nfirst\n\nsecond\n"], ["2", "plain"], ["3", "\"\n\""], ["4", "a\nb", "c\nd"],
            ["5", "last"],
        ])
    }

    @Test func crlfAndLineFeedFilesAgree() throws {
        let lines = "a,b\n1,\"x\ny\"\n\n2,3\n"
        let crlf = try Self.reading(of: lines.replacingOccurrences(of: "\n", with: "\r\n"))
        let lf = try Self.reading(of: lines)
        #expect(crlf.records.map(\.line) == [1, 2, 5])
        #expect(lf.records.map(\.line) == [1, 2, 5])
        #expect(crlf.records.map(\.fields) == [["a", "b"], ["1", "x\r\ny"], ["2", "3"]])
        #expect(lf.records.map(\.fields) == [["a", "b"], ["1", "x\ny"], ["2", "3"]])
    }

    @Test func carriageReturnsAfterWholeBlocksKeepLines() throws {
        // A lone CR inside a quoted field that starts in a block of line feeds and ends in one, and
        // CRLF line ends after a long stretch of LF ones.
        let head = String(repeating: "r,\"q\nq\"\n", count: 40)
        let text = head + "x,\"a\rb\nc\"\n" + "y,1\r\nz,2\r\n" + head
        let reading = try Self.reading(of: text)
        #expect(reading.records.count == 83)
        #expect(reading.records[40].line == 81)
        #expect(reading.records[40].fields == ["x", "a\rb\nc"])
        #expect(reading.records[41].line == 84)
        #expect(reading.records[42].line == 85)
        #expect(reading.records.last?.line == 84 + 2 + 2 * 39)
    }

    @Test func errorAfterALongMultiLineField() throws {
        // A quoted field of 3,000 lines (about 300 KiB, several whole blocks), then a quote inside the
        // unquoted field after it.
        let field = (0..<3_000).map { "line \($0) " + String(repeating: "ж", count: 40) }.joined(separator: "\n")
        let reading = try Self.reading(of: "id,text,x\n1,\"\(field)\",a\"b\n2,3,4\n")
        #expect(reading.records.map(\.line) == [1])
        #expect(reading.error?.line == 3_001)
        #expect(reading.error?.column == 3)
        #expect(reading.error?.reason == .malformedQuote)
    }

    @Test func textAfterAClosingQuoteOnALaterLine() throws {
        let reading = try Self.reading(of: "a,b\n\n1,\"x\n\ny\"z,2\n")
        #expect(reading.records.map(\.line) == [1])
        #expect(reading.error?.line == 5)
        #expect(reading.error?.column == 2)
        #expect(reading.error?.reason == .malformedQuote)
    }

    @Test func unterminatedQuoteNamesItsFirstLine() throws {
        let reading = try Self.reading(of: "a,b\n\n1,\"x\n\ny\n2,3\n")
        #expect(reading.records.map(\.line) == [1])
        #expect(reading.error?.line == 3)
        #expect(reading.error?.column == 2)
        #expect(reading.error?.reason == .unterminatedQuote(openedAtLine: 3))
    }

    @Test func recordsCutByBatchesAndBlocks() throws {
        // 20,000 records, one in seven over three lines, with blank lines: records under way when a
        // batch is handed over go with the next batch.
        var text = "id,text\n"
        var lines: [Int] = [1]
        var line = 2
        for index in 0..<20_000 {
            lines.append(line)
            if index % 7 == 0 {
                text += "\(index),\"one\ntwo\nthree\"\n"
                line += 3
            } else if index % 11 == 0 {
                text += "\(index), spaced \n\n"
                line += 2
            } else {
                text += "\(index),Қазақ\n"
                line += 1
            }
        }
        let path = try temporaryFile(text)
        for blockSize in [100, 4_096, 1 << 16] {
            let reading = CSVBlockCheckTests.read(path, blockSize: blockSize, checksEveryLine: false)
            #expect(reading.error == nil)
            #expect(reading.records.map(\.line) == lines, "blocks of \(blockSize)")
            #expect(reading.records[1].fields == ["0", "one\ntwo\nthree"])
            #expect(reading.records[12].fields == ["11", "spaced"])
            #expect(reading.records.last?.fields == ["19999", "one\ntwo\nthree"])
            #expect(reading == CSVBlockCheckTests.read(path, blockSize: blockSize, checksEveryLine: true))
        }
    }

    @Test func randomLineFeedFilesReadAlikeBothWays() throws {
        // Files with LF line ends only, most of them well-formed: nearly every block goes whole.
        var generator = SeededGenerator(seed: 12)
        for file in 0..<300 {
            let bytes = CSVBlockCheckTests.randomFile(&generator, faults: file % 4 == 0, lineEnds: [[0x0A]])
            let path = try temporaryFile(bytes)
            let plain = CSVBlockCheckTests.read(path, blockSize: 1 << 16, checksEveryLine: true)
            for blockSize in [1, 2, 3, 5, 8, 13, 64, 1 << 16] where blockSize >= 3 || bytes.first != 0xEF {
                #expect(CSVBlockCheckTests.read(path, blockSize: blockSize, checksEveryLine: false) == plain, "file \(file), blocks of \(blockSize)")
            }
        }
    }
}

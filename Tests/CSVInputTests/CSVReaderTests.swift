import CSVInput
import Foundation
import Testing
import TestSupport

/// Writes `bytes` to a temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "t.csv") throws -> String {
    let directory = try TestScratch.folder("csvinput")
    let url = directory.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

func temporaryFile(_ text: String, name: String = "t.csv") throws -> String {
    try temporaryFile(Array(text.utf8), name: name)
}

/// All records of `text` as (line, fields).
func records(in text: String) throws -> [(Int, [String])] {
    try records(inBytes: Array(text.utf8))
}

func records(inBytes bytes: [UInt8]) throws -> [(Int, [String])] {
    let reader = try CSVReader(path: try temporaryFile(bytes))
    var result: [(Int, [String])] = []
    while let record = try reader.next() { result.append((record.line, record.fields)) }
    return result
}

@Suite struct CSVReaderTests {
    @Test(arguments: [
        ("a,b\n1,2\n", [[("a"), "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("\"x,y\",z\n", [["x,y", "z"]]),
        ("\"she said \"\"hi\"\"\",2\n", [["she said \"hi\"", "2"]]),
        ("a,,c\n", [["a", "", "c"]]),
        ("a,\"\",c\n", [["a", "", "c"]]),
        ("  padded  ,\"  kept  \"\n", [["padded", "  kept  "]]),
        ("Қазақ,Русский,English\n", [["Қазақ", "Русский", "English"]]),
    ])
    func parsesFields(_ csv: String, _ expected: [[String]]) throws {
        #expect(try records(in: csv).map(\.1) == expected)
    }

    @Test func quotedLineBreaksKeepPhysicalLineNumbers() throws {
        let parsed = try records(in: "id,text\n1,\"first\nsecond\nthird\"\n2,plain\n3,\"x\r\ny\"\n")
        #expect(parsed.map(\.0) == [1, 2, 5, 6])
        #expect(parsed[1].1 == ["1", "first\nsecond\nthird"])
        #expect(parsed[3].1 == ["3", "x\r\ny"])
    }

    @Test func crlfAndLoneCarriageReturnEndLines() throws {
        #expect(try records(in: "a,b\r\n1,2\r\n3,4\r\n").map(\.0) == [1, 2, 3])
        #expect(try records(in: "a,b\r1,2\r3,4").map(\.0) == [1, 2, 3])
        #expect(try records(in: "a,b\r\n1,2\r\n").map(\.1) == [["a", "b"], ["1", "2"]])
    }

    @Test func blankLinesProduceNoRecordButCountAsLines() throws {
        #expect(try records(in: "a\n\n\nb\n").map(\.0) == [1, 4])
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let parsed = try records(inBytes: [0xEF, 0xBB, 0xBF] + Array("participant_id,country\nP1,KZ\n".utf8))
        #expect(parsed.map(\.1) == [["participant_id", "country"], ["P1", "KZ"]])
    }

    @Test func utf16IsRejected() throws {
        let error = #expect(throws: CSVError.self) { try records(inBytes: [0xFF, 0xFE, 0x61, 0x00]) }
        #expect(error?.reason == .utf16)
        #expect(error?.line == 1)
    }

    @Test func unterminatedQuoteNamesTheLineItOpenedOn() throws {
        let error = #expect(throws: CSVError.self) { try records(in: "a,b\n1,2\n3,\"never closed\n4,5\n") }
        #expect(error?.reason == .unterminatedQuote(openedAtLine: 3))
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error.map { String(describing: $0) }?.hasSuffix(
            ":3:2: unterminated quoted field (the quote opened on line 3)") == true)
    }

    @Test func quoteInsideUnquotedFieldIsRejected() throws {
        let error = #expect(throws: CSVError.self) { try records(in: "a,b\n1,2\nx,ab\"c\n") }
        #expect(error?.reason == .malformedQuote)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
    }

    @Test func nulByteIsRejected() throws {
        let error = #expect(throws: CSVError.self) { try records(inBytes: Array("a,b\n1,".utf8) + [0, 0x32, 0x0A]) }
        #expect(error?.reason == .nulByte)
        #expect(error?.line == 2)
    }

    @Test func invalidUTF8IsVisiblePerField() throws {
        let reader = try CSVReader(path: try temporaryFile(Array("ok,".utf8) + [0xC3, 0x28] + [0x0A]))
        let record = try #require(try reader.next())
        #expect(record.field(0) == "ok")
        #expect(record.field(1) == nil)
    }

    @Test func missingFileIsReported() {
        let error = #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/x.csv") }
        #expect(error?.description == "/nonexistent/x.csv: cannot read file: No such file or directory")
    }

    @Test func recordsSpanningManyBlocksKeepTheirLines() throws {
        // 3,000 records with a long quoted multi-line field cross many 64 KiB blocks.
        var text = "id,text\n"
        let field = String(repeating: "x", count: 97)
        for index in 0..<3000 { text += "\(index),\"\(field)\n\(field)\"\r\n" }
        let parsed = try records(in: text)
        #expect(parsed.count == 3001)
        #expect(parsed.last?.0 == 2 + 2 * 2999)
        #expect(parsed.last?.1 == ["2999", "\(field)\n\(field)"])
    }

    @Test func blockObserverSeesEveryByte() throws {
        let text = "a,b\n" + String(repeating: "1,2\n", count: 40_000)
        var seen = 0
        let reader = try CSVReader(path: try temporaryFile(text)) { seen += $0.count }
        var count = 0
        while try reader.next() != nil { count += 1 }
        #expect(count == 40_001)
        #expect(seen == text.utf8.count)
    }
}

@Suite struct CSVTableReaderTests {
    @Test func raggedRowIsRecoverable() throws {
        let table = try CSVTableReader(path: try temporaryFile("a,b\n1,2\n3\n4,5,6\n7,8\n"))
        #expect(try table.next()?.fields == ["1", "2"])
        let short = #expect(throws: CSVError.self) { try table.next() }
        #expect(short?.reason == .fieldCount(expected: 2, found: 1))
        #expect(short?.line == 3)
        let long = #expect(throws: CSVError.self) { try table.next() }
        #expect(long?.description.hasSuffix(":4: expected 2 fields as in the header, found 3") == true)
        #expect(try table.next()?.fields == ["7", "8"])
        #expect(try table.next() == nil)
    }

    @Test func headerProblems() throws {
        let missing = #expect(throws: CSVError.self) {
            try CSVTableReader(path: try temporaryFile("participant_id,role\n"), requiredColumns: ["participant_id", "country", "role", "x"])
        }
        #expect(missing?.description.hasSuffix(":1: missing required columns 'country', 'x'") == true)
        let duplicate = #expect(throws: CSVError.self) { try CSVTableReader(path: try temporaryFile("a,b,a\n")) }
        #expect(duplicate?.reason == .duplicateColumn("a"))
        #expect(duplicate?.column == 3)
        let empty = #expect(throws: CSVError.self) { try CSVTableReader(path: try temporaryFile("")) }
        #expect(empty?.reason == .emptyFile)
        let blankName = #expect(throws: CSVError.self) { try CSVTableReader(path: try temporaryFile("a,,c\n")) }
        #expect(blankName?.reason == .emptyColumnName)
        let semicolons = #expect(throws: CSVError.self) {
            try CSVTableReader(path: try temporaryFile("participant_id;country;role\nP1;KZ;mother\n"), requiredColumns: ["participant_id"])
        }
        #expect(semicolons?.description.hasSuffix(
            ":1: the header is one field separated by semicolons: save the file with commas as the delimiter") == true)
    }
}

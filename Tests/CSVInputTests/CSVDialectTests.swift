import CSVInput
import Foundation
import Testing

/// Files in another delimiter or encoding, read because their dialect is declared.
@Suite struct CSVDialectTests {
    func records(_ bytes: [UInt8], delimiter: Character = ",", encoding: CSVEncoding) throws -> [(Int, [String?])] {
        let reader = try CSVReader(
            path: try temporaryFile(bytes), delimiter: delimiter.asciiValue!, encoding: encoding)
        var result: [(Int, [String?])] = []
        while let record = try reader.next() { result.append((record.line, (0..<record.count).map(record.field))) }
        return result
    }

    @Test func windows1251BytesBecomeTheirCharacters() throws {
        // Python: 'Ёлка;№5;«кавычки»;€;Іі\n'.encode('cp1251')
        let bytes: [UInt8] = [168, 235, 234, 224, 59, 185, 53, 59, 171, 234, 224, 226, 251, 247, 234, 232, 187, 59, 136, 59, 178, 179, 10]
        let parsed = try records(bytes, delimiter: ";", encoding: .windows1251)
        #expect(parsed.count == 1)
        #expect(parsed[0].1 == ["Ёлка", "№5", "«кавычки»", "€", "Іі"])
    }

    @Test func windows1251UnassignedByteLeavesItsFieldUnreadable() throws {
        let parsed = try records(Array("a,".utf8) + [0x98] + [0x0A], encoding: .windows1251)
        #expect(parsed[0].1 == ["a", nil])
    }

    @Test func utf16KeepsLinesOfTheOriginalFile() throws {
        let text = "id,text\r\n1,\"two\r\nlines\"\r\n\r\n2,Жұмыс 😀\r\n"
        let little = try records([UInt8]([0xFF, 0xFE]) + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, encoding: .utf16)
        let big = try records([UInt8]([0xFE, 0xFF]) + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, encoding: .utf16)
        let noMark = try records(Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, encoding: .utf16)
        let expected: [(Int, [String?])] = [(1, ["id", "text"]), (2, ["1", "two\r\nlines"]), (5, ["2", "Жұмыс 😀"])]
        for parsed in [little, big, noMark] {
            #expect(parsed.map(\.0) == expected.map(\.0))
            #expect(parsed.map(\.1) == expected.map(\.1))
        }
    }

    @Test func aSurrogatePairCutByTheBlockEndIsJoined() throws {
        // The byte-order mark and 32,766 units fill 65,534 bytes: the emoji's two units straddle the 64 KiB block.
        let text = "id\n" + String(repeating: "x", count: 32_763) + "😀\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let parsed = try records(bytes, encoding: .utf16)
        #expect(parsed.count == 2)
        #expect(parsed[1].1 == [String(repeating: "x", count: 32_763) + "😀"])
    }

    @Test func aLoneSurrogateLeavesItsFieldUnreadable() throws {
        let units: [UInt16] = Array("a,".utf16) + [0xD800] + Array("b\n".utf16)
        let parsed = try records(units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, encoding: .utf16)
        #expect(parsed[0].1 == ["a", nil])
    }

    @Test func aByteOrderMarkAgainstTheDeclarationIsAnError() throws {
        let error = #expect(throws: CSVError.self) {
            try records([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8), encoding: .windows1251)
        }
        #expect(error?.description.hasSuffix(
            ":1: the file starts with a UTF-8 byte-order mark, but its dialect declares encoding windows-1251") == true)
    }

    @Test func theNulBytesFieldIsCountedWithTheDeclaredDelimiter() throws {
        let error = #expect(throws: CSVError.self) {
            try records(Array("a;b;c\n1;2;".utf8) + [0, 0x0A], delimiter: ";", encoding: .utf8)
        }
        #expect(error?.reason == .nulByte)
        #expect(error?.line == 2)
        #expect(error?.column == 3)
    }

    @Test func theBlockObserverSeesTheOriginalBytes() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a,b\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        var seen: [UInt8] = []
        let reader = try CSVReader(path: try temporaryFile(bytes), encoding: .utf16) { seen += $0 }
        while try reader.next() != nil {}
        #expect(seen == bytes)
    }
}

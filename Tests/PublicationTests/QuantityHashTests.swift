import Analysis
@testable import Publication
import Testing

/// `Quantity`'s own hash (its atoms folded into one word) keeps sets and dictionaries right: equal
/// quantities hash alike, and quantities that differ in kind, names or atoms stay apart.
@Suite struct QuantityHashTests {
    @Test func equalQuantitiesHashAlikeAndDifferentOnesStayApart() {
        var quantities: [Quantity] = []
        for atoms in [[0], [1], [0, 1], [1, 2], [0, 1, 2], [2, 1], [12], [1, 2, 0]] {
            quantities += [
                .participants(atoms: atoms), .row(kind: .code, id: "a", atoms: atoms), .row(kind: .code, id: "ab", atoms: atoms),
                .row(kind: .factorCategory, id: "a", atoms: atoms), .respondents(instrument: "p", atoms: atoms),
                .answer(instrument: "p", item: "q1", value: 0, atoms: atoms), .answer(instrument: "p", item: "q1", value: 1, atoms: atoms),
                .noAnswer(instrument: "p", item: "q1", atoms: atoms), .answered(instrument: "p", item: "q1", atoms: atoms),
                .pair(first: "a", second: "b", atoms: atoms), .pair(first: "b", second: "a", atoms: atoms),
            ]
        }
        var numbers: [Quantity: Int] = [:]
        for (number, quantity) in quantities.enumerated() { numbers[quantity] = number }
        #expect(numbers.count == quantities.count)
        for (number, quantity) in quantities.enumerated() {
            let copy = quantity.replacingAtoms(Array(quantity.atoms))
            #expect(copy.hashValue == quantity.hashValue)
            #expect(numbers[copy] == number)
        }
    }

    /// A row's kind is hashed by its place among the kinds, and a space by its own hash: every kind has
    /// a place of its own, equal spaces hash alike, and spaces (and rows) that differ only in a kind or a
    /// name hash apart.
    @Test func kindsAndSpacesHashByTheirPartsAndStayApart() {
        #expect(RowKind.allCases.map(\.ordinal) == Array(0..<RowKind.allCases.count))
        var spaces: [Space] = [.participants]
        for kind in RowKind.allCases { spaces += [.row(kind: kind, id: "a"), .row(kind: kind, id: "b")] }
        spaces += [
            .respondents(instrument: "p"), .respondents(instrument: "t"), .item(instrument: "p", item: "q1"),
            .item(instrument: "p", item: "q2"), .item(instrument: "t", item: "q1"), .pair(first: "a", second: "b"),
            .pair(first: "b", second: "a"),
        ]
        #expect(Set(spaces.map(\.hashValue)).count == spaces.count)
        var numbers: [Space: Int] = [:]
        for (number, space) in spaces.enumerated() { numbers[space] = number }
        for (number, space) in spaces.enumerated() {
            let copy: Space = switch space {
            case .row(let kind, let id): .row(kind: RowKind(rawValue: kind.rawValue)!, id: String(decoding: Array(id.utf8), as: UTF8.self))
            default: space
            }
            #expect(copy.hashValue == space.hashValue && numbers[copy] == number)
        }
        let rows = RowKind.allCases.map { Quantity.row(kind: $0, id: "a", atoms: [0, 1]) }
        #expect(Set(rows.map(\.hashValue)).count == rows.count)
        #expect(Set(rows.map(\.space)) == Set(RowKind.allCases.map { Space.row(kind: $0, id: "a") }))
    }
}

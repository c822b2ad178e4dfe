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
}

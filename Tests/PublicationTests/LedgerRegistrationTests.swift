import Analysis
@testable import Publication
import Testing

/// The ledger's registration: each quantity numbered once, in order, with its places once each; each
/// space's quantities and numbers in registration order (kept by the space's place in `spaces`).
@Suite struct LedgerRegistrationTests {
    private static func place(_ row: String, _ column: String, table: String = "t") -> DisclosureLedger.Place {
        .init(table: table, row: row, column: column)
    }

    /// A quantity registered again keeps its number and gains only a place it did not have, in the
    /// order the places came; the spaces and their quantities keep the order of first registration.
    @Test func quantitiesAndPlacesAreNumberedOnceInOrder() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let fathers = Quantity.row(kind: .code, id: "a", atoms: [0])
        let pair = Quantity.pair(first: "a", second: "b", atoms: [0, 1])
        #expect(ledger.quantities.count == 9)
        #expect(ledger.number(of: fathers) == 3)
        #expect(ledger.number(of: pair) == 8)
        #expect(ledger.number(of: .row(kind: .code, id: "b", atoms: [0, 1])) == nil)

        // The same count in another table, then at a place it already has.
        try ledger.register(fathers, value: 3, at: Self.place("code:a", "father", table: "u"))
        try ledger.register(fathers, value: 3, at: Self.place("code:a", "KZ/father"))
        try ledger.register(fathers, value: 3, at: Self.place("code:a", "father", table: "u"))
        #expect(ledger.quantities.count == 9)
        #expect(ledger.number(of: fathers) == 3)
        #expect(ledger.entry(number: 3).places == [Self.place("code:a", "KZ/father"), Self.place("code:a", "father", table: "u")])
        #expect(ledger.entry(number: 3).value == 3)
        #expect(ledger.entry(number: 3).order == 3)

        // A new quantity of a known space goes last in it; one of a new space opens the space.
        let both = Quantity.row(kind: .code, id: "b", atoms: [0, 1])
        try ledger.register(both, value: 6, at: Self.place("code:b", "KZ"))
        let reversed = Quantity.pair(first: "b", second: "a", atoms: [0, 1])
        try ledger.register(reversed, value: 6, at: Self.place("pair:b|a", "KZ", table: "u"))
        #expect(ledger.number(of: both) == 9)
        #expect(ledger.number(of: reversed) == 10)
        #expect(ledger.spaces == [
            .participants, .row(kind: .code, id: "a"), .row(kind: .code, id: "b"), .pair(first: "a", second: "b"),
            .pair(first: "b", second: "a"),
        ])
        let codeB = Space.row(kind: .code, id: "b")
        #expect(ledger.quantities(in: codeB) == [
            .row(kind: .code, id: "b", atoms: [0]), .row(kind: .code, id: "b", atoms: [1]), both,
        ])
        #expect(ledger.numbers(in: codeB) == [6, 7, 9])
        #expect(ledger.numbers(in: .pair(first: "b", second: "a")) == [10])
        #expect(ledger.quantities(in: .row(kind: .code, id: "c")).isEmpty)
        #expect(ledger.numbers(in: .respondents(instrument: "x")).isEmpty)
        for (number, quantity) in ledger.quantities.enumerated() {
            #expect(ledger.number(of: quantity) == number)
            #expect(ledger.entry(number: number).order == number)
        }
    }

    /// `hiddenQuantities(in:)` is the space's hidden quantities in registration order.
    @Test func hiddenQuantitiesOfASpaceInOrder() throws {
        var ledger = try CooccurrenceDisclosureTests.ledger()
        let codeA = Space.row(kind: .code, id: "a")
        #expect(ledger.hiddenQuantities(in: codeA) == [.row(kind: .code, id: "a", atoms: [0]), .row(kind: .code, id: "a", atoms: [1])])
        ledger.hide(.row(kind: .code, id: "a", atoms: [0, 1]), .fullCell)
        #expect(ledger.hiddenQuantities(in: codeA) == ledger.quantities(in: codeA))
        #expect(ledger.hiddenQuantities(in: .participants).isEmpty)
        #expect(ledger.hiddenQuantities(in: .row(kind: .code, id: "c")).isEmpty)
    }
}

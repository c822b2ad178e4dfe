import Analysis
@testable import Publication
import Testing

/// Co-occurrence counts under disclosure control: Fréchet's bounds tie a pair's count to its codes'.
@Suite struct CooccurrenceDisclosureTests {
    /// Kazakh mothers and fathers, 10 each. Code a: 6 mothers, 3 fathers (hidden); code b: 6 mothers, no
    /// father; both: the same 6 mothers. Published: both groups' sizes, a's country total (9), b per
    /// group; a's two cells are hidden. Alone, a's row lets the fathers' count be anything in 0…9.
    static func ledger() throws -> DisclosureLedger {
        let basis = DisclosureBasis(
            variables: ["country", "role"], profiles: [["KZ", "father"], ["KZ", "mother"]], participants: [10, 10],
            rows: [BasisRow(kind: .code, id: "a", counts: [3, 6]), BasisRow(kind: .code, id: "b", counts: [0, 6])], surveys: [],
            pairs: [BasisPair(first: "a", second: "b", counts: [0, 6])])
        var ledger = DisclosureLedger(basis: basis)
        func place(_ row: String, _ column: String) -> DisclosureLedger.Place { .init(table: "t", row: row, column: column) }
        try ledger.register(.participants(atoms: [0]), value: 10, at: place("base", "KZ/father"))
        try ledger.register(.participants(atoms: [1]), value: 10, at: place("base", "KZ/mother"))
        try ledger.register(.participants(atoms: [0, 1]), value: 20, at: place("base", "KZ"))
        try ledger.register(.row(kind: .code, id: "a", atoms: [0]), value: 3, at: place("code:a", "KZ/father"))
        try ledger.register(.row(kind: .code, id: "a", atoms: [1]), value: 6, at: place("code:a", "KZ/mother"))
        try ledger.register(.row(kind: .code, id: "a", atoms: [0, 1]), value: 9, at: place("code:a", "KZ"))
        try ledger.register(.row(kind: .code, id: "b", atoms: [0]), value: 0, at: place("code:b", "KZ/father"))
        try ledger.register(.row(kind: .code, id: "b", atoms: [1]), value: 6, at: place("code:b", "KZ/mother"))
        try ledger.register(.pair(first: "a", second: "b", atoms: [0, 1]), value: 6, at: place("pair:a|b", "KZ"))
        ledger.hide(.row(kind: .code, id: "a", atoms: [0]), .primary)
        ledger.hide(.row(kind: .code, id: "a", atoms: [1]), .complementary)
        return ledger
    }

    /// The published pair (6 of them mention both) puts all 6 in the mothers' group (no father mentions
    /// b), so a's mothers are at least 6 and its fathers at most 3: 0…3, four values. The audit refuses;
    /// the pair's own protection hides the pair count, and a's fathers are 0…9 again.
    @Test func aPairCountThatPinsAHiddenCodeCountIsHidden() throws {
        var ledger = try Self.ledger()
        let fathers = Quantity.row(kind: .code, id: "a", atoms: [0])
        let pair = Space.pair(first: "a", second: "b")
        let region = ledger.program(for: pair).region()
        #expect(ledger.interval(of: fathers, inSpace: pair, region: region) == (0, 3))
        #expect(ledger.interval(of: fathers, in: ledger.program(for: fathers.space).region()) == (0, 9))
        #expect(throws: PublicationError.self) { try DisclosureAudit(ledger: ledger, minimumCount: 5) }

        DisclosurePass(minimumCount: 5).protectPair(pair, in: &ledger)
        #expect(ledger[.pair(first: "a", second: "b", atoms: [0, 1])]?.hidden == .complementary)
        let audit = try DisclosureAudit(ledger: ledger, minimumCount: 5)
        #expect(audit.entries.first { $0.row == "code:a" && $0.column == "KZ/father" }.map { [$0.lower, $0.upper] } == [0, 9])
    }

    /// One group of 10: a mentioned by 9, b by 5, both by 4 (a small count). Whatever else is published,
    /// 9 + 5 − 10 = 4 ≤ both ≤ 5: the crosstabs alone leave it two values, so that is all its
    /// protection asks (its structural width), and the audit passes with it hidden.
    @Test func aPairCountTheCodesAlreadyNarrowNeedsNoMoreThanTheyLeave() throws {
        let basis = DisclosureBasis(
            variables: ["country", "role"], profiles: [["KZ", "mother"]], participants: [10],
            rows: [BasisRow(kind: .code, id: "a", counts: [9]), BasisRow(kind: .code, id: "b", counts: [5])], surveys: [],
            pairs: [BasisPair(first: "a", second: "b", counts: [4])])
        var ledger = DisclosureLedger(basis: basis)
        let place = DisclosureLedger.Place(table: "t", row: "r", column: "KZ")
        try ledger.register(.participants(atoms: [0]), value: 10, at: place)
        try ledger.register(.row(kind: .code, id: "a", atoms: [0]), value: 9, at: place)
        try ledger.register(.row(kind: .code, id: "b", atoms: [0]), value: 5, at: place)
        let both = Quantity.pair(first: "a", second: "b", atoms: [0])
        try ledger.register(both, value: 4, at: .init(table: "t", row: "pair:a|b", column: "KZ"))
        ledger.hide(both, .primary)
        let pass = DisclosurePass(minimumCount: 5)
        #expect(pass.requiredInPair(both, space: both.space, ledger: ledger) == 2)
        let audit = try DisclosureAudit(ledger: ledger, minimumCount: 5)
        #expect(audit.entries.map { [$0.lower, $0.upper] } == [[4, 5]])
    }

    /// The ledger finds a pair's true counts under either order of its codes (as the basis does), and
    /// refuses a value its atoms do not add up to.
    @Test func aPairIsRegisteredUnderEitherOrderOfItsCodes() throws {
        var ledger = try Self.ledger()
        let place = DisclosureLedger.Place(table: "u", row: "pair:b|a", column: "KZ/mother")
        try ledger.register(.pair(first: "b", second: "a", atoms: [1]), value: 6, at: place)
        #expect(ledger[.pair(first: "b", second: "a", atoms: [1])]?.value == 6)
        #expect(throws: PublicationError.self) { try ledger.register(.pair(first: "b", second: "a", atoms: [0]), value: 1, at: place) }
        #expect(throws: PublicationError.self) { try ledger.register(.row(kind: .code, id: "b", atoms: [1]), value: 5, at: place) }
    }
}

import Analysis
import StudyModel
@testable import Publication
import Testing

/// The classic complementary suppression over lines listed by the quantities' numbers in the ledger
/// (``TableLinks/lines(in:)``, ``DisclosurePass/hideAlongLines(_:in:)``), against the same steps over
/// lines of quantities looked up by hashing, as the pass did before (written out below as the reference).
@Suite struct LinesByNumberTests {
    /// The sample's ledger with every table's counts registered, and the tables' links.
    private static func registered() throws -> (DisclosureLedger, TableLinks, DisclosurePass) {
        let results = try SampleReport.shared.get().results
        let basis = try #require(results.basis)
        var ledger = DisclosureLedger(basis: basis)
        let links = try TableLinks(tables: results.tables, basis: basis, groups: results.publicationGroups)
        try links.register(in: &ledger, participants: results.participants)
        return (ledger, links, DisclosurePass(minimumCount: results.minimumCount))
    }

    /// The lines by number name the lines of quantities the reference finds, in the same order.
    @Test func linesByNumberAreTheReferenceLines() throws {
        let (ledger, links, _) = try Self.registered()
        let lines = links.lines(in: ledger)
        let reference = Self.referenceLines(links, ledger)
        #expect(lines.count == reference.count)
        #expect(lines.map { $0.map { ledger.quantities[$0] } } == reference)
        #expect(lines.contains { $0.count > 3 }, "a total split into more than two parts")
    }

    /// After primary suppression, the lines by number hide the same counts for the same reasons as the
    /// reference, which hides some.
    @Test func hidingAlongLinesByNumberHidesWhatTheReferenceHides() throws {
        var (ledger, links, pass) = try Self.registered()
        pass.hidePrimary(&ledger)
        let primary = ledger.hiddenCount
        var byNumber = ledger
        pass.hideAlongLines(links.lines(in: ledger), in: &byNumber)
        var reference = ledger
        Self.referenceHideAlongLines(Self.referenceLines(links, ledger), in: &reference, pass: pass)
        #expect(reference.hiddenCount > primary, "the lines hide complementary counts")
        #expect(byNumber.hiddenCount == reference.hiddenCount)
        for number in ledger.quantities.indices {
            #expect(byNumber.hiddenReason(number: number) == reference.hiddenReason(number: number), "\(ledger.quantities[number])")
        }
    }

    /// The ledger's reads by number are its reads by quantity.
    @Test func readsByNumberAreReadsByQuantity() throws {
        let (ledger, links, pass) = try Self.registered()
        var hidden = ledger
        pass.hidePrimary(&hidden)
        pass.hideAlongLines(links.lines(in: hidden), in: &hidden)
        #expect(hidden.hiddenCount > 0)
        for (number, quantity) in hidden.quantities.enumerated() {
            #expect(hidden.isHidden(number: number) == hidden.isHidden(quantity))
            #expect(hidden.hiddenReason(number: number) == hidden[quantity]?.hidden)
            #expect(pass.required(number: number, hidden) == pass.required(quantity, hidden))
            #expect(hidden.valueAndOrder(number: number) == (hidden[quantity]!.value, hidden[quantity]!.order))
        }
        // Hiding by number: once, counted once.
        let published = try #require(hidden.quantities.indices.first { !hidden.isHidden(number: $0) })
        let count = hidden.hiddenCount
        hidden.hide(number: published, .complementary)
        hidden.hide(number: published, .primary)
        #expect(hidden.hiddenCount == count + 1)
        #expect(hidden.hiddenReason(number: published) == .complementary)
    }

    /// The room the ledger makes before registering holds every registration (each place of each count),
    /// and is not far beyond it.
    @Test func theRegistrationBoundHoldsEveryPlace() throws {
        let (ledger, links, _) = try Self.registered()
        let places = ledger.quantities.indices.reduce(0) { $0 + ledger.entry(number: $1).places.count }
        let bound = links.registrationBound()
        #expect(bound >= places)
        #expect(places > ledger.quantities.count, "some counts are shown in two tables")
        #expect(bound <= 2 * ledger.quantities.count, "\(bound) for \(ledger.quantities.count) quantities")
    }

    /// The protected ledger is a fixed point of `protect`: every row and item space, protected again
    /// with nothing passed, hides nothing more.
    @Test func theProtectedLedgerIsAFixedPointOfProtect() throws {
        let results = try SampleReport.shared.get().results
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let (ledger, _, _) = try pass.protectedLedger(results, extraTables: [], basis: nil)
        var again = ledger
        var passed = Set<Int>()
        for space in ledger.spaces where !space.isPair {
            pass.protect(space, in: &again, passed: &passed)
        }
        #expect(again.hiddenCount == ledger.hiddenCount)
        #expect(passed.count > 10, "\(passed.count) hidden counts checked")
        #expect(passed.allSatisfy { ledger.isHidden(number: $0) })
    }

    // MARK: - The reference: lines of quantities, looked up by hashing

    private static func referenceLines(_ links: TableLinks, _ ledger: DisclosureLedger) -> [[Quantity]] {
        var lines: [[Quantity]] = []
        let families = links.columnAtoms.keys.sorted().map { links.columnAtoms[$0]! }
        func splits(_ atoms: [Int]) -> [[[Int]]] {
            let whole = Set(atoms)
            return families.compactMap { family in
                let parts = family.filter { $0.count < whole.count && Set($0).isSubset(of: whole) }
                guard parts.count >= 2, Set(parts.joined()) == whole, parts.map(\.count).reduce(0, +) == whole.count else { return nil }
                return parts
            }
        }
        for space in ledger.spaces {
            let quantities = ledger.quantities(in: space)
            let registered = Set(quantities)
            for total in quantities {
                for parts in splits(total.atoms) {
                    let members = parts.map { total.replacingAtoms($0) }
                    guard members.allSatisfy(registered.contains) else { continue }
                    lines.append(members + [total])
                }
            }
        }
        for case .survey(let survey) in links.tables {
            for instrument in survey.instruments {
                let id = instrument.instrumentID
                for set in links.columnAtoms[survey.id + "|" + id]! where !set.isEmpty {
                    for item in instrument.items {
                        let answers = item.scale.values.indices.map { Quantity.answer(instrument: id, item: item.itemID, value: $0, atoms: set) }
                        let noAnswer = Quantity.noAnswer(instrument: id, item: item.itemID, atoms: set)
                        let answered = Quantity.answered(instrument: id, item: item.itemID, atoms: set)
                        let respondents = Quantity.respondents(instrument: id, atoms: set)
                        lines += [answers + [answered], answers + [noAnswer, respondents], [answered, noAnswer, respondents]]
                    }
                }
            }
        }
        return lines
    }

    private static func referenceHideAlongLines(_ lines: [[Quantity]], in ledger: inout DisclosureLedger, pass: DisclosurePass) {
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let hidden = line.filter { ledger.isHidden($0) }
                guard hidden.count == 1 else { continue }
                let protectsNoAnswer = { if case .noAnswer = hidden[0] { true } else { false } }()
                let pick = line.filter { !ledger.isHidden($0) }.min { a, b in
                    let (ea, eb) = (ledger[a]!, ledger[b]!)
                    return (pass.preference(a, protectingNoAnswer: protectsNoAnswer), a.atoms.count, ea.value == 0 ? 1 : 0, ea.value, ea.order)
                        < (pass.preference(b, protectingNoAnswer: protectsNoAnswer), b.atoms.count, eb.value == 0 ? 1 : 0, eb.value, eb.order)
                }
                guard let pick else { continue }
                ledger.hide(pick, .complementary)
                changed = true
            }
        }
    }
}

import Analysis
@testable import Publication
import Testing

/// The pass protects the pairs of codes, and the audit answers its programs, on all cores: the same
/// ledger, audit and tables as one after the other, on the sample study.
@Suite struct ConcurrentDisclosureTests {
    let results: AnalysisResults

    init() throws {
        results = try SampleReport.shared.get().results
    }

    @Test func concurrentAndSequentialPublicationAgree() throws {
        let concurrent = DisclosurePass(minimumCount: results.minimumCount)
        var sequential = concurrent
        sequential.concurrently = false
        let (a, b) = (try concurrent.publish(results), try sequential.publish(results))
        #expect(a.results == b.results)
        #expect(a.audit.csv() == b.audit.csv())
        #expect(a.audit.hiddenCounts == b.audit.hiddenCounts && a.audit.narrowest == b.audit.narrowest)
        // A joint display with two rows published with a side withheld: rows tested again on all cores.
        let withheldRows = a.results.tables.compactMap { table -> Int? in
            guard case .jointDisplay(let display) = table else { return nil }
            return display.rows.filter { $0.interviewWithheld || $0.surveyWithheld }.count
        }
        #expect(withheldRows.contains { $0 >= 2 })
        let (ledgerA, _, _) = try concurrent.protectedLedger(results, extraTables: [], basis: nil)
        let (ledgerB, _, _) = try sequential.protectedLedger(results, extraTables: [], basis: nil)
        #expect(ledgerA.quantities == ledgerB.quantities)
        #expect(ledgerA.quantities.map { ledgerA[$0]!.hidden } == ledgerB.quantities.map { ledgerB[$0]!.hidden })
        #expect(ledgerA.quantities.contains { if case .pair = $0 { ledgerA.isHidden($0) } else { false } })
    }

    /// The tables published from the ledger alone on another core while the audit runs, and the others
    /// after it, are each what publishing it with the statistic gate gives, in the tables' order.
    @Test func tablesPublishedBesideTheAuditAreThoseTheGateGives() throws {
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let published = try pass.publish(results)
        let (ledger, links, tables) = try pass.protectedLedger(results, extraTables: [], basis: nil)
        let gate = StatisticGate(ledger: ledger, minimumCount: results.minimumCount)
        #expect(published.results.tables == tables.map { links.apply($0, ledger: ledger, gate: gate) })
        let beside = tables.map { links.applyReadingLedgerAlone($0, ledger: ledger, minimumCount: results.minimumCount) }
        // Crosstabs, co-occurrence and agreement beside the audit; comparisons, surveys and joint displays after.
        #expect(beside.filter { $0 != nil }.count >= 8 && beside.filter { $0 == nil }.count >= 5)
        #expect(zip(beside, published.results.tables).allSatisfy { $0 == nil || $0 == $1 })
        // A crosstab published beside has hidden cells and tests again on its published groups.
        #expect(beside.contains { table in
            guard case .crosstab(let crosstab) = table else { return false }
            return crosstab.cells.joined().contains(TableLinks.hiddenCell) && crosstab.tests.contains { $0.testedColumns != nil }
        })
    }

    /// The audit's answers, gathered program by program, against each hidden count's interval found
    /// count by count from programs solved anew (the audit as it was written first).
    @Test func theAuditAgreesWithProgramsSolvedCountByCount() throws {
        let pass = DisclosurePass(minimumCount: results.minimumCount)
        let (ledger, _, _) = try pass.protectedLedger(results, extraTables: [], basis: nil)
        for concurrently in [true, false] {
            let audit = try DisclosureAudit(ledger: ledger, minimumCount: results.minimumCount, concurrently: concurrently)
            var byPlace: [DisclosureLedger.Place: (lower: Int, upper: Int?)] = [:]
            for entry in audit.entries { byPlace[.init(table: entry.table, row: entry.row, column: entry.column)] = (entry.lower, entry.upper) }
            var checked = 0
            for quantity in ledger.quantities where ledger.isHidden(quantity) {
                let expected = Self.interval(of: quantity, in: ledger)
                for place in ledger[quantity]!.places {
                    #expect(byPlace[place]?.lower == expected.lower && byPlace[place]?.upper == expected.upper, "\(place)")
                }
                checked += 1
            }
            #expect(checked == audit.hiddenCounts && checked > 100)
        }
    }

    /// A hidden count's interval in its space's program, met with those in the programs of the pairs
    /// of codes it is in (with a published pair count) and in its group's program.
    static func interval(of quantity: Quantity, in ledger: DisclosureLedger) -> (lower: Int, upper: Int?) {
        func meet(_ a: (lower: Int, upper: Int?), _ b: (lower: Int, upper: Int?)) -> (lower: Int, upper: Int?) {
            (max(a.lower, b.lower), [a.upper, b.upper].compactMap { $0 }.min())
        }
        var interval = ledger.interval(of: quantity, in: ledger.program(for: quantity.space).region())
        guard case .row(let kind, let id, _) = quantity else { return interval }
        for space in ledger.spaces {
            guard kind == .code, case .pair(let first, let second) = space, first == id || second == id,
                ledger.quantities(in: space).contains(where: { !ledger.isHidden($0) })
            else { continue }
            interval = meet(interval, ledger.interval(of: quantity, inSpace: space, region: ledger.program(for: space).region()))
        }
        let group = ledger.basis.rows.last { row in
            guard let members = row.members, !members.isEmpty else { return false }
            return (row.kind == kind && row.id == id) || (kind == .code && members.contains(id))
        }
        if let group {
            let program = ledger.groupProgram(group)
            interval = meet(interval, ledger.interval(of: quantity, in: program, region: program.program.region()))
        }
        return interval
    }
}

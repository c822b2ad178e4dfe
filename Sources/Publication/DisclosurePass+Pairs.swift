import Analysis

/// Complementary suppression of code co-occurrence counts (see ``DisclosurePass``).
///
/// A pair's count is linked to its codes' counts, not by a sum but by Fréchet's bounds, atom by atom:
/// `max(0, A + B − n) ≤ both ≤ min(A, B)`. So a published pair count can narrow a hidden count of
/// either code (a hidden role cell of A, say, when every participant who mentions A in a country also
/// mentions B), and the codes' published counts can narrow a hidden pair count. Each pair is checked
/// in one linear program over both codes' rows, the pair and the group sizes
/// (``DisclosureLedger/program(for:treatingAsHidden:)`` of a ``Space/pair(first:second:)``): every
/// hidden count of the three rows must keep its protection; only pair counts are hidden to restore it,
/// so no crosstab changes because of a co-occurrence table.
///
/// A hidden pair count cannot be better protected than the crosstabs leave it: where its codes'
/// published counts alone narrow it below k values (a code mentioned by nearly everyone of a country),
/// the rule asks for as many values as it has with no pair count published (its *structural* width).
extension DisclosurePass {
    /// Protects every pair space (``protectPair(_:in:)``), in the ledger's order of spaces.
    ///
    /// A pair space's program reads only its own pair counts, the group sizes and its two codes' rows
    /// with their linked bounds, which no pair's protection changes (it hides only its own pair counts),
    /// and its regions are its own in the ledger's cache. So each space is protected from the ledger as
    /// the crosstabs left it, on all cores when ``concurrently``, and the counts each one hid are hidden
    /// in the spaces' order: the same ledger as protecting one space after the other. Each task then
    /// answers the audit's questions of its space's program (``DisclosureLedger/auditPairProgram(_:program:)``),
    /// which no later step changes, and lets its region go.
    ///
    /// First the exact intervals of the hidden counts of the pairs' code rows in their rows' programs,
    /// with a point at each end (``DisclosureLedger/codeRow(_:)``), on all cores: the audit's answers
    /// of those programs, and the intervals of those counts in most pairs' programs, as of most hidden
    /// pair counts (``DisclosureLedger/rangeInPair(number:in:)``), which are then not optimised.
    func protectPairs(in ledger: inout DisclosureLedger) {
        let spaces = ledger.spaces.filter(\.isPair)
        let rows = ledger.pairedCodeRows()
        let unpaired = ledger
        let found = concurrently ? ConcurrentMap.map(rows) { unpaired.codeRow($0) } : rows.map { unpaired.codeRow($0) }
        for (row, codeRow) in zip(rows, found) {
            if !codeRow.audited.quantities.isEmpty { ledger.auditedPairs[row] = codeRow.audited }
            for (number, ends) in codeRow.extremes { ledger.codeExtremes[number] = ends }
            if codeRow.holdsAtTruth, case .row(_, let id) = row { ledger.codesAtTruth.insert(id) }
        }
        let settled = ledger
        typealias Protected = (hidden: [Quantity], requirements: [Quantity: Int], audited: DisclosureLedger.AuditedPair?)
        let protect: @Sendable (Space) -> Protected = { space in
            var own = settled
            let last = protectPair(space, in: &own)
            let audited = own.auditPairProgram(space, program: last?.program)
            return (own.quantities(in: space).filter { own.isHidden($0) && !settled.isHidden($0) }, own.structuralRequirements, audited)
        }
        let protected = concurrently ? ConcurrentMap.map(spaces, protect) : spaces.map(protect)
        for (space, (hidden, requirements, audited)) in zip(spaces, protected) {
            for quantity in hidden { ledger.hide(quantity, .complementary) }
            ledger.structuralRequirements.merge(requirements) { $1 }
            ledger.auditedPairs[space] = audited
        }
        ledger.auditedPairsHiddenCount = ledger.hiddenCount
    }

    /// Protects one pair space; records the structural requirement of each pair count whose rule asks
    /// for more than one value in ``DisclosureLedger/structuralRequirements`` (for the audit). Returns
    /// the space's program as it built it last when nothing was hidden since (the space's program as
    /// protected, for ``DisclosureLedger/auditPairProgram(_:program:)``); else `nil` (also when it found
    /// every interval of its last round without the program).
    @discardableResult
    func protectPair(_ space: Space, in ledger: inout DisclosureLedger) -> DisclosureLedger.NumberedProgram? {
        // The space's pair counts and its codes' counts, by their numbers in the ledger: the loop below
        // looks nothing up by hashing a quantity.
        let pairs = ledger.numbers(in: space)
        let pool = pairs + ledger.pairedRows(space).flatMap { ledger.numbers(in: $0) }
        // With no pair count published, the program says no more than the codes' own rows (whose counts
        // stand protected) and leaves each pair count its structural width: nothing to do.
        guard pairs.contains(where: { ledger.entry(number: $0).hidden == nil }) else { return nil }
        var passed = Set<Int>()
        // The program built last, and how many counts the ledger had hidden then: it is the space's
        // program while no more are.
        var last: (numbered: DisclosureLedger.NumberedProgram, hiddenCount: Int)?
        func current() -> DisclosureLedger.NumberedProgram? {
            last.flatMap { $0.hiddenCount == ledger.hiddenCount ? $0.numbered : nil }
        }
        // A pair count's structural requirement depends on its codes' counts only, which stay as they are;
        // the program that gives it is solved only when a pair count asks for more than one value.
        var bare: LinearProgram.Region??
        var requirement: [Int: Int] = [:]
        func required(_ number: Int) -> Int {
            if let known = requirement[number] { return known }
            let quantity = ledger.quantities[number]
            let rule = ledger.entry(number: number).hidden?.requiredValues(minimumCount: minimumCount) ?? 1
            let value = requiredInPair(quantity, rule: rule, ledger: ledger) {
                if bare == nil { bare = ledger.bareRegion(of: space) }
                return bare!
            }
            requirement[number] = value
            if case .pair = quantity, rule > 1 { ledger.structuralRequirements[quantity] = value }
            return value
        }
        while true {
            // The hidden counts not yet known to keep their protection, in order (``unsettled(_:in:passed:required:)``).
            var hidden: [Int] = []
            for number in pool where ledger.entry(number: number).hidden != nil && !passed.contains(number) {
                if required(number) <= 1 { passed.insert(number) } else { hidden.append(number) }
            }
            guard !hidden.isEmpty else { return current() }
            // The program is built, and its region found, only when a count's interval is not found
            // without optimising (``DisclosureLedger/rangeInPair(number:in:)``).
            var built: DisclosureLedger.NumberedProgram?
            func program() -> DisclosureLedger.NumberedProgram {
                if let built { return built }
                let numbered = ledger.numberedProgram(for: space)
                (built, last) = (numbered, (numbered, ledger.hiddenCount))
                return numbered
            }
            var solved: LinearProgram.Region??
            func region() -> LinearProgram.Region? {
                if solved == nil { solved = ledger.region(of: program().program, in: space) }
                return solved!
            }
            let completion = ledger.pairCompletion(of: space)
            var failing: Int?
            var failingWidth = 0
            for number in hidden {
                let needed = required(number)
                let found = width(completion.flatMap { ledger.rangeInPair(number: number, in: $0) }.map(DisclosureLedger.interval(of:))
                    ?? ledger.interval(of: ledger.quantities[number], inSpace: space, region: region(), requiring: needed))
                if found >= needed {
                    passed.insert(number)
                } else {
                    (failing, failingWidth) = (number, found)
                    break
                }
            }
            guard let failing else { return current() }
            let failingQuantity = ledger.quantities[failing]
            let candidates = complementCandidates(numbers: pairs, protecting: failingQuantity, in: ledger)
            guard !candidates.isEmpty else { return current() }  // the audit will refuse
            let needed = required(failing)
            let pick = complement(from: candidates, required: needed) { candidate in
                // The same tableau is the same region (see ``protect(_:in:passed:)``).
                if ledger.trialKeepsRegion(program(), region(), hidingNumber: candidate) { return failingWidth }
                let trial = ledger.trialRegion(program(), region(), hidingNumber: candidate)
                return width(ledger.interval(of: failingQuantity, inSpace: space, region: trial, requiring: needed))
            }
            ledger.hide(ledger.quantities[pick], .complementary)
        }
    }

    /// The values a hidden count must keep in a pair's program: its protection, but for a pair count
    /// no more than it has with no pair count of the space published.
    func requiredInPair(_ quantity: Quantity, space: Space, ledger: DisclosureLedger) -> Int {
        requiredInPair(quantity, ledger: ledger) { ledger.bareRegion(of: space) }
    }

    /// The same, given the region of the pair's program with no pair count published (`bare`, asked
    /// only for a pair count whose rule asks for more than one value, and whose width at the true counts
    /// (``DisclosureLedger/widthAtTrueCounts(of:)``, at most its width there) falls short of it).
    func requiredInPair(_ quantity: Quantity, ledger: DisclosureLedger, bare: () -> LinearProgram.Region?) -> Int {
        requiredInPair(quantity, rule: required(quantity, ledger), ledger: ledger, bare: bare)
    }

    /// The same, given the count's rule (``required(_:_:)``).
    func requiredInPair(_ quantity: Quantity, rule: Int, ledger: DisclosureLedger, bare: () -> LinearProgram.Region?) -> Int {
        guard case .pair = quantity, rule > 1, ledger.widthAtTrueCounts(of: quantity) < rule else { return rule }
        return min(rule, width(ledger.interval(of: quantity, inSpace: quantity.space, region: bare(), requiring: rule)))
    }
}

import Analysis

extension DisclosureLedger {
    /// The audit's answers of a pair space's program, found by the task that protected the space
    /// (``DisclosurePass/protectPairs(in:)``) right after it, from the region it left: the hidden counts
    /// the audit asks of that program (``AuditQuestions``), in the order it asks them, with their
    /// intervals. The region is then let go, instead of being kept until the audit (a tableau for every
    /// pair space, each on pages of its own).
    struct AuditedPair {
        let quantities: [Quantity]
        let intervals: [(lower: Int, upper: Int?)]
    }

    /// Answers the audit's questions of a pair space's program now (``AuditedPair``) and lets its region
    /// go. The program reads only the space's pair counts, its codes' rows, their linked bounds and the
    /// group sizes, which stand once the space is protected (no other pair's protection changes them), so
    /// the answers are those the audit would find from the same region; `nil` (the audit then solves the
    /// program itself) for a pair of a code with itself. `program`, when given, is the space's program as
    /// the ledger stands (the one ``DisclosurePass/protectPair(_:in:)`` built last, nothing hidden
    /// since), which is then not built again.
    func auditPairProgram(_ space: Space, program given: LinearProgram? = nil) -> AuditedPair? {
        let rows = pairedRows(space)
        guard rows.count == 2, rows[0] != rows[1] else { return nil }
        // The audit asks the program about its hidden pair counts, and about its codes' hidden counts
        // when it publishes a pair count; in the ledger's order.
        var numbers = self.numbers(in: space)
        if publishesPairCount(space) { numbers += rows.flatMap { self.numbers(in: $0) } }
        numbers.sort()
        let hidden = numbers.filter { entry(number: $0).hidden != nil }
        let quantities = hidden.map { self.quantities[$0] }
        defer { forgetRegion(of: space) }
        guard !quantities.isEmpty else { return AuditedPair(quantities: [], intervals: []) }
        // A count found without optimising where it can be (``rangeInPair(number:in:)``: a code's from
        // its row's ends, a pair count from its codes' published counts); the region only for the others.
        var solved: LinearProgram.Region??
        let completion = pairCompletion(of: space)
        let intervals = zip(hidden, quantities).map { number, quantity in
            if let range = completion.flatMap({ rangeInPair(number: number, in: $0) }) { return Self.interval(of: range) }
            if solved == nil { solved = region(of: given ?? program(for: space), in: space) }
            return interval(of: quantity, inSpace: space, region: solved!)
        }
        return AuditedPair(quantities: quantities, intervals: intervals)
    }

    /// The intervals the pair space's task found for these questions (all of them in the space's own
    /// program, in this order); `nil` when it found none or asked others, or when a count was hidden
    /// since (the program may then be another).
    func auditedIntervals(of space: Space, for questions: [Quantity]) -> [(lower: Int, upper: Int?)]? {
        guard hiddenCount == auditedPairsHiddenCount, let audited = auditedPairs[space], audited.quantities == questions
        else { return nil }
        return audited.intervals
    }
}

import Analysis
import Statistics
import StudyModel

/// Disclosure control over everything a report publishes at once: every table of the plan and every
/// table a notebook asks for, seen through one ``DisclosureBasis``.
///
/// 1. **One quantity per count.** A count in two tables (UK fathers in the country × role table and
///    in fathers vs mothers) is one quantity, hidden in both or in neither.
/// 2. **Primary suppression.** Counts from 1 to k − 1 (k = `disclosure.minimum_count`) are hidden,
///    group sizes included; with `disclosure.full_cells: suppress` (the default) so is a count equal to
///    its group's size when the group has fewer than 2k members ("all 5 grandparents": a small group
///    whose every member is described). Every count over a hidden group size is hidden.
/// 3. **Complementary suppression, checked by linear programming.** For each hidden count the pass
///    finds the smallest and largest values consistent with every published count, total and group
///    size of every table (its ``DisclosureAudit``): per row, then with the bounds between a category
///    and its codes, then over a category and all its codes at once. While a sensitive count keeps
///    fewer values than its protection (``HidingReason/requiredValues(minimumCount:)``), it hides one
///    more published count (the one that widens the interval enough, finest groups first).
/// 4. **Statistics only from published counts.** A test, effect size or reliability is published only
///    when every count it is computed from is published or follows exactly from published counts; a
///    row is tested on the groups whose counts are published (named in the table), a comparison pooled
///    over strata falls back to Fisher's test of the pooled counts, and Benjamini–Hochberg runs over
///    the published tests. Intercoder statistics are withheld for codes with a hidden coder count.
/// 5. **Segment counts** (code applications) are not published per cell: a participant count never
///    exceeds its segment count, so they would need a protection of their own; internal builds
///    (`--no-suppression`) show them.
///
/// Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, §4.3 (linked tables, audit by
/// linear programming: the interval a hidden cell can take is its "feasibility interval").
public struct DisclosurePass: Sendable {
    /// Counts below this (and above 0) are hidden, and every hidden count must stay able to take at
    /// least this many values.
    public let minimumCount: Int
    /// Whether a count equal to its group's size is hidden.
    public let suppressFullCells: Bool

    /// Whether independent linear programs (pairs of codes, the audit's programs) are solved, and a
    /// joint display's rows tested again, on all cores; the result is the same either way (the tests
    /// compare the two).
    var concurrently = true

    public init(minimumCount: Int, suppressFullCells: Bool = true) {
        self.minimumCount = minimumCount
        self.suppressFullCells = suppressFullCells
    }

    /// The results as they may be published, and the audit of what they hide.
    /// - Parameters:
    ///   - results: the analysis results, unpublished (with their ``DisclosureBasis``).
    ///   - extraTables: tables published beside the plan's (a notebook's crosstabs).
    /// - Throws: ``PublicationError`` when the results lack their basis or do not match it, or when
    ///   the final audit finds a hidden count narrowed below the rule.
    public func publish(
        _ results: AnalysisResults, extraTables: [TableResult] = [], basis: DisclosureBasis? = nil
    ) throws(PublicationError) -> PublishedResults {
        let (ledger, links, tables) = try protectedLedger(results, extraTables: extraTables, basis: basis)
        // The tables published from the ledger alone (crosstabs, co-occurrence, agreement) are published
        // on another core while the audit runs; the others ask the statistic gate, whose regions are the
        // ones the audit's programs optimise in place (a region is used by one thread at a time), so they
        // follow the audit on this thread. The same tables, in the same order.
        let minimumCount = minimumCount
        let readingLedger = BackgroundValue<[TableResult?], Never>(concurrently: concurrently) {
            tables.map { links.applyReadingLedgerAlone($0, ledger: ledger, minimumCount: minimumCount) }
        }
        var audit = try DisclosureAudit(ledger: ledger, minimumCount: minimumCount, concurrently: concurrently)
        let gate = StatisticGate(ledger: ledger, minimumCount: minimumCount)
        var published = results
        published.basis = nil
        published.suppressionApplied = true
        let besides = readingLedger.value()
        let all = tables.indices.map { index in
            besides[index] ?? links.apply(tables[index], ledger: ledger, gate: gate, concurrently: concurrently)
        }
        published.tables = Array(all.prefix(results.tables.count))
        audit.recordWithheldStatistics(of: all)
        return PublishedResults(results: published, extraTables: Array(all.dropFirst(results.tables.count)), audit: audit)
    }

    /// The ledger of every count the results and the extra tables publish, with the counts the pass
    /// hides hidden (steps 1–3 of ``DisclosurePass``), the tables' links, and the tables.
    func protectedLedger(
        _ results: AnalysisResults, extraTables: [TableResult], basis: DisclosureBasis?
    ) throws(PublicationError) -> (DisclosureLedger, TableLinks, [TableResult]) {
        var (ledger, links, tables) = try protectedBeforePairs(results, extraTables: extraTables, basis: basis)
        // Co-occurrence counts last: they hide only each other, so what stood above stands.
        protectPairs(in: &ledger)
        return (ledger, links, tables)
    }

    /// The same, with every count protected but the pairs of codes' (``protectPairs(in:)``).
    func protectedBeforePairs(
        _ results: AnalysisResults, extraTables: [TableResult], basis: DisclosureBasis?
    ) throws(PublicationError) -> (DisclosureLedger, TableLinks, [TableResult]) {
        guard let basis = basis ?? results.basis else {
            throw .inconsistent("no disclosure basis in the results")
        }
        var ledger = DisclosureLedger(basis: basis)
        let tables = results.tables + extraTables
        let links = try TableLinks(tables: tables, basis: basis, groups: results.publicationGroups)
        try links.register(in: &ledger, participants: results.participants)

        hidePrimary(&ledger)
        hideAlongLines(links.lines(in: ledger), in: &ledger)
        // Protecting a survey item can hide its column's respondents: go round until nothing changes.
        // First each row on its own (a group row and its codes apart), then with the bounds that tie
        // a group to its codes: these only narrow what each row allows, so the rows must stand first.
        for linked in [false, true] {
            var passed = Set<Int>()
            var hiddenCount = -1
            while hiddenCount != ledger.hiddenCount {
                hiddenCount = ledger.hiddenCount
                if linked { linkGroupsAndCodes(in: &ledger) }
                let spaces = ledger.spaces.filter { !$0.isPair }
                for space in spaces.filter({ $0.bases == nil }) + spaces.filter({ $0.bases != nil }) {
                    protect(space, in: &ledger, passed: &passed)
                    if space.bases == nil { hideCountsOverHiddenBases(of: space, in: &ledger) }
                }
            }
        }
        for group in ledger.basis.rows where !(group.members ?? []).isEmpty {
            protectJointly(group, in: &ledger)
        }
        return (ledger, links, tables)
    }

    // MARK: - Suppression

    private func isSmall(_ count: Int) -> Bool { count > 0 && count < minimumCount }

    /// Hides the small counts and the full cells of small groups (step 2 of ``DisclosurePass``), reading
    /// each count's value by its number (only a full cell's groups are looked up by quantity).
    func hidePrimary(_ ledger: inout DisclosureLedger) {
        for number in ledger.quantities.indices {
            let value = ledger.valueAndOrder(number: number).value
            if isSmall(value) {
                ledger.hide(number: number, .primary)
            } else if suppressFullCells, value > 0, value < 2 * minimumCount,
                wholes(of: ledger.quantities[number]).contains(where: { ledger[$0]?.value == value })
            {
                ledger.hide(number: number, .fullCell)
            }
        }
    }

    /// The groups a count is a part of: its base; for an answer the number who answered; for a pair of
    /// codes each code's participants ("all 6 who mention A also mention B").
    private func wholes(of quantity: Quantity) -> [Quantity] {
        switch quantity {
        case .row(_, _, let atoms): [.participants(atoms: atoms)]
        case .answer(let instrument, let item, _, let atoms): [.answered(instrument: instrument, item: item, atoms: atoms)]
        case .pair(let first, let second, let atoms): [.row(kind: .code, id: first, atoms: atoms), .row(kind: .code, id: second, atoms: atoms)]
        default: []
        }
    }

    /// Classic complementary suppression: in every line of quantities bound by one sum with exactly one
    /// hidden member, hides one more (the finest, then the smallest non-zero), until no line has one.
    /// It settles most cases cheaply; the linear programs check and finish the job.
    ///
    /// The lines list their members by number (``TableLinks/lines(in:)``): each pass reads the entries in
    /// place, without hashing a quantity or copying a line.
    func hideAlongLines(_ lines: [[Int]], in ledger: inout DisclosureLedger) {
        var changed = true
        while changed {
            changed = false
            for line in lines {
                var hidden: Int?
                var hiddenMembers = 0
                for number in line where ledger.isHidden(number: number) {
                    hidden = number
                    hiddenMembers += 1
                }
                guard hiddenMembers == 1, let hidden else { continue }
                let protectsNoAnswer = { if case .noAnswer = ledger.quantities[hidden] { true } else { false } }()
                // The first published member of the least key (the keys end with the registration
                // order, so only a member listed twice ties).
                var pick: (number: Int, key: (Int, Int, Int, Int, Int))?
                for number in line where !ledger.isHidden(number: number) {
                    let key = lineKey(number, in: ledger, protectingNoAnswer: protectsNoAnswer)
                    if pick == nil || key < pick!.key { pick = (number, key) }
                }
                guard let pick else { continue }
                ledger.hide(number: pick.number, .complementary)
                changed = true
            }
        }
    }

    /// The order in which a line's published members are hidden (lower first): by ``preference(_:protectingNoAnswer:)``,
    /// the finest group, a non-zero count before a zero, the smallest count, then registration order.
    private func lineKey(_ number: Int, in ledger: DisclosureLedger, protectingNoAnswer: Bool) -> (Int, Int, Int, Int, Int) {
        let quantity = ledger.quantities[number]
        let (value, order) = ledger.valueAndOrder(number: number)
        return (preference(quantity, protectingNoAnswer: protectingNoAnswer), quantity.atoms.count, value == 0 ? 1 : 0, value, order)
    }

    /// Which member of a line to hide first (lower first): a count before its totals, and the group
    /// size last; but a hidden "no answer" is protected by hiding the column's respondents, which no
    /// percentage needs (survey percentages are of those who answered), so the answers and their tests
    /// stay published.
    func preference(_ quantity: Quantity, protectingNoAnswer: Bool) -> Int {
        switch quantity {
        case .respondents: protectingNoAnswer ? 0 : 4
        case .answered: 2
        case .participants: 4
        default: 1
        }
    }

    /// Hides every count over a hidden group size (the whole column goes): every interview count over
    /// a hidden base (its percentage would give the base away), and every survey answer of a column
    /// whose respondents are too few (percentages there are of those who answered, so a respondents
    /// count hidden only to protect a "no answer" hides nothing more).
    private func hideCountsOverHiddenBases(of space: Space, in ledger: inout DisclosureLedger) {
        let hiddenBases = Set(ledger.quantities(in: space).filter { quantity in
            guard let reason = ledger[quantity]?.hidden else { return false }
            if case .respondents = quantity { return reason == .primary }
            return true
        }.map(\.atoms))
        guard !hiddenBases.isEmpty else { return }
        for quantity in ledger.quantities where quantity.space.bases == space && hiddenBases.contains(quantity.atoms) {
            ledger.hide(quantity, .hiddenBase)
        }
    }
}


/// Published results: the plan's tables, a notebook's extra tables, and the audit.
public struct PublishedResults: Sendable {
    public var results: AnalysisResults
    public var extraTables: [TableResult]
    public var audit: DisclosureAudit
}

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
            var passed = Set<Quantity>()
            var hiddenCount = -1
            while hiddenCount != ledger.hiddenCount {
                hiddenCount = ledger.hiddenCount
                if linked { linkGroupsAndCodes(in: &ledger) }
                for space in ledger.spaces.filter({ $0.bases == nil }) + ledger.spaces.filter({ $0.bases != nil }) {
                    protect(space, in: &ledger, passed: &passed)
                    if space.bases == nil { hideCountsOverHiddenBases(of: space, in: &ledger) }
                }
            }
        }
        for group in ledger.basis.rows where !(group.members ?? []).isEmpty {
            protectJointly(group, in: &ledger)
        }
        var audit = try DisclosureAudit(ledger: ledger, minimumCount: minimumCount)
        let gate = StatisticGate(ledger: ledger, minimumCount: minimumCount)
        var published = results
        published.basis = nil
        published.suppressionApplied = true
        let all = tables.map { links.apply($0, ledger: ledger, gate: gate) }
        published.tables = Array(all.prefix(results.tables.count))
        audit.recordWithheldStatistics(of: all)
        return PublishedResults(results: published, extraTables: Array(all.dropFirst(results.tables.count)), audit: audit)
    }

    // MARK: - Suppression

    private func isSmall(_ count: Int) -> Bool { count > 0 && count < minimumCount }

    private func hidePrimary(_ ledger: inout DisclosureLedger) {
        for quantity in ledger.quantities {
            let value = ledger[quantity]!.value
            if isSmall(value) {
                ledger.hide(quantity, .primary)
            } else if suppressFullCells, value > 0, value < 2 * minimumCount, let group = whole(of: quantity),
                ledger[group]?.value == value
            {
                ledger.hide(quantity, .fullCell)
            }
        }
    }

    /// The group a count is a part of: its base, or for an answer the number who answered.
    private func whole(of quantity: Quantity) -> Quantity? {
        switch quantity {
        case .row(_, _, let atoms): .participants(atoms: atoms)
        case .answer(let instrument, let item, _, let atoms): .answered(instrument: instrument, item: item, atoms: atoms)
        default: nil
        }
    }

    /// Classic complementary suppression: in every line of quantities bound by one sum with exactly one
    /// hidden member, hides one more (the finest, then the smallest non-zero), until no line has one.
    /// It settles most cases cheaply; the linear programs check and finish the job.
    private func hideAlongLines(_ lines: [[Quantity]], in ledger: inout DisclosureLedger) {
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let hidden = line.filter { ledger.isHidden($0) }
                guard hidden.count == 1 else { continue }
                let protectsNoAnswer = { if case .noAnswer = hidden[0] { true } else { false } }()
                let pick = line.filter { !ledger.isHidden($0) }.min { a, b in
                    let (va, vb) = (ledger[a]!.value, ledger[b]!.value)
                    return (preference(a, protectingNoAnswer: protectsNoAnswer), a.atoms.count, va == 0 ? 1 : 0, va, ledger[a]!.order)
                        < (preference(b, protectingNoAnswer: protectsNoAnswer), b.atoms.count, vb == 0 ? 1 : 0, vb, ledger[b]!.order)
                }
                guard let pick else { continue }
                ledger.hide(pick, .complementary)
                changed = true
            }
        }
    }

    /// Which member of a line to hide first (lower first): a count before its totals, and the group
    /// size last; but a hidden "no answer" is protected by hiding the column's respondents, which no
    /// percentage needs (survey percentages are of those who answered), so the answers and their tests
    /// stay published.
    private func preference(_ quantity: Quantity, protectingNoAnswer: Bool) -> Int {
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

    /// Sets the bounds that tie each group row (factor category, activity type) to its codes, from
    /// what is published now: on every atom set `S` any of them is shown over, `max_c x_c(S) ≤ x_G(S)
    /// ≤ Σ_c x_c(S)`, so `x_G(S) − Σ_{o ≠ c} x_o(S) ≤ x_c(S) ≤ x_G(S)`. Each count enters with its value
    /// when published, else with the interval its own row's program allows (an outer bound: sound).
    ///
    /// The first round uses each row's own program; later rounds use the linked programs of the round
    /// before, so bounds carry from group to code and back (each one implied by what is published,
    /// so every round is sound), until nothing changes (at most four rounds).
    private func linkGroupsAndCodes(in ledger: inout DisclosureLedger) {
        ledger.linkedBounds = [:]
        for round in 0..<4 {
            var links: [Space: [DisclosureLedger.LinkedBound]] = [:]
            for group in ledger.basis.rows where !(group.members ?? []).isEmpty {
                links.merge(self.links(of: group, in: ledger, linked: round > 0)) { $1 }
            }
            if links == ledger.linkedBounds { return }
            ledger.linkedBounds = links
        }
    }

    /// The linked bounds of one group row and its codes (see ``linkGroupsAndCodes(in:)``).
    private func links(of group: BasisRow, in ledger: DisclosureLedger, linked: Bool = false) -> [Space: [DisclosureLedger.LinkedBound]] {
        var links: [Space: [DisclosureLedger.LinkedBound]] = [:]
        let rows = [(group.kind, group.id)] + (group.members ?? []).map { (RowKind.code, $0) }
        let spaces = rows.map { Space.row(kind: $0.0, id: $0.1) }
        for space in spaces { links[space] = [] }
        var regions: [Space: LinearProgram.Region?] = [:]
        // Every atom set any of these rows is shown over, in registration order.
        var sets: [[Int]] = []
        var seen = Set<[Int]>()
        for space in spaces {
            for quantity in ledger.quantities(in: space) where seen.insert(quantity.atoms).inserted { sets.append(quantity.atoms) }
        }
        for atoms in sets {
            let bounds = rows.enumerated().map { index, row -> (lower: Int, upper: Int?) in
                let quantity = Quantity.row(kind: row.0, id: row.1, atoms: atoms)
                if let entry = ledger[quantity], entry.hidden == nil { return (entry.value, entry.value) }
                let space = spaces[index]
                // The row's own program, without its links in the first round (an outer bound).
                var source = ledger
                if !linked { source.linkedBounds[space] = nil }
                let region = regions[space] ?? source.program(for: space).region()
                regions[space] = region
                return ledger.interval(of: quantity, in: region)
            }
            let groupBound = bounds[0], codeBounds = Array(bounds.dropFirst())
            func sum(_ bounds: [(lower: Int, upper: Int?)]) -> Int? {
                bounds.reduce(Int?(0)) { total, bound in total.flatMap { t in bound.upper.map { t + $0 } } }
            }
            links[spaces[0]]!.append(.init(atoms: atoms, lower: codeBounds.map(\.lower).max() ?? 0, upper: sum(codeBounds)))
            for index in codeBounds.indices {
                let others = sum(codeBounds.enumerated().filter { $0.offset != index }.map(\.element))
                let lower = others.map { max(0, groupBound.lower - $0) } ?? 0
                links[spaces[index + 1]]!.append(.init(atoms: atoms, lower: lower, upper: groupBound.upper))
            }
        }
        return links
    }

    /// How many values a hidden quantity must still be able to take (``HidingReason/requiredValues(minimumCount:)``).
    private func required(_ quantity: Quantity, _ ledger: DisclosureLedger) -> Int {
        ledger[quantity]?.hidden?.requiredValues(minimumCount: minimumCount) ?? 1
    }

    /// How many whole numbers the interval holds (`Int.max` when unbounded).
    private func width(_ interval: (lower: Int, upper: Int?)) -> Int {
        interval.upper.map { $0 - interval.lower + 1 } ?? Int.max
    }

    /// Complementary suppression within one space, until every hidden count of it can take at least k
    /// values. Hiding more only widens intervals, so a count that passed stays passed.
    private func protect(_ space: Space, in ledger: inout DisclosureLedger, passed: inout Set<Quantity>) {
        while true {
            let hidden = ledger.quantities(in: space).filter { ledger.isHidden($0) && !passed.contains($0) }
            guard !hidden.isEmpty else { return }
            let region = ledger.program(for: space).region()
            var failing: Quantity?
            for quantity in hidden {
                if width(ledger.interval(of: quantity, in: region)) >= required(quantity, ledger) {
                    passed.insert(quantity)
                } else {
                    failing = quantity
                    break
                }
            }
            guard let failing else { return }
            // Finest groups first (a country × role cell before a country's or the pooled total, which the
            // tests need), then the smallest non-zero count.
            // A "no answer" may also be protected by hiding its column's respondents (see preference).
            let protectsNoAnswer = { if case .noAnswer = failing { true } else { false } }()
            let pool = ledger.quantities(in: space)
                + (protectsNoAnswer ? space.bases.map { ledger.quantities(in: $0) } ?? [] : [])
            let candidates = pool
                .filter { !ledger.isHidden($0) }
                .sorted { a, b in
                    let (va, vb) = (ledger[a]!.value, ledger[b]!.value)
                    let (pa, pb) = (preference(a, protectingNoAnswer: protectsNoAnswer), preference(b, protectingNoAnswer: protectsNoAnswer))
                    return (pa, a.atoms.count, va == 0 ? 1 : 0, va, ledger[a]!.order) < (pb, b.atoms.count, vb == 0 ? 1 : 0, vb, ledger[b]!.order)
                }
            guard !candidates.isEmpty else { return }  // nothing left to hide: the audit will refuse
            var chosen: Quantity?
            var best: (width: Int, candidate: Quantity)?
            for candidate in candidates {
                let trial = ledger.program(for: space, treatingAsHidden: [candidate])
                let widened = width(ledger.interval(of: failing, in: trial))
                if widened >= required(failing, ledger) {
                    chosen = candidate
                    break
                }
                if widened > (best?.width ?? 1) { best = (widened, candidate) }
            }
            if chosen == nil, let linked = linkedCandidates(for: failing, in: space, ledger: ledger) {
                // A bound from the group's or a code's count pins it: hide those counts, update the links.
                for quantity in linked { ledger.hide(quantity, .complementary) }
                updateLinks(ofGroupContaining: space, in: &ledger)
                continue
            }
            let overlapping = candidates.first { !Set($0.atoms).isDisjoint(with: failing.atoms) }
            ledger.hide(chosen ?? best?.candidate ?? overlapping ?? candidates[0], .complementary)
        }
    }

    /// The published count over the same atoms, in the failing count's group or its codes, to hide:
    /// the one whose hiding alone widens the failing count's interval to k values, else the one that
    /// widens it most; `nil` outside a group, or when there is none.
    private func linkedCandidates(for failing: Quantity, in space: Space, ledger: DisclosureLedger) -> [Quantity]? {
        guard let group = groupRow(containing: space, basis: ledger.basis) else { return nil }
        let rows = [(group.kind, group.id)] + (group.members ?? []).map { (RowKind.code, $0) }
        let candidates = rows.map { Quantity.row(kind: $0.0, id: $0.1, atoms: failing.atoms) }
            .filter { $0.space != space && ledger[$0] != nil && !ledger.isHidden($0) }
            .sorted { a, b in (ledger[a]!.value, ledger[a]!.order) > (ledger[b]!.value, ledger[b]!.order) }
        guard !candidates.isEmpty else { return nil }
        var best: (width: Int, candidate: Quantity)?
        for candidate in candidates {
            var trial = ledger
            trial.hide(candidate, .complementary)
            updateLinks(ofGroupContaining: space, in: &trial)
            let widened = width(trial.interval(of: failing, in: trial.program(for: space)))
            if widened >= required(failing, ledger) { return [candidate] }
            if widened > (best?.width ?? 0) { best = (widened, candidate) }
        }
        // None is enough alone: the one that widens most (the largest count, which sets the bound, at a
        // tie); the loop comes back for more.
        return [best?.candidate ?? candidates[0]]
    }

    /// The last check of a group row and its codes, in one program (``DisclosureLedger/GroupProgram``):
    /// while a hidden count of them falls short of its protection, hide one more published count of
    /// them (the one that widens it enough alone, finest groups first; else the one that widens most).
    private func protectJointly(_ group: BasisRow, in ledger: inout DisclosureLedger) {
        let rows = [(group.kind, group.id)] + (group.members ?? []).map { (RowKind.code, $0) }
        let quantities = rows.flatMap { ledger.quantities(in: .row(kind: $0.0, id: $0.1)) }
        var passed = Set<Quantity>()
        while true {
            let program = ledger.groupProgram(group)
            let region = program.program.region()
            var failing: Quantity?
            for quantity in quantities where ledger.isHidden(quantity) && !passed.contains(quantity) {
                if width(ledger.interval(of: quantity, in: program, region: region)) >= required(quantity, ledger) {
                    passed.insert(quantity)
                } else {
                    failing = quantity
                    break
                }
            }
            guard let failing else { return }
            let candidates = quantities.filter { !ledger.isHidden($0) }.sorted { a, b in
                let (va, vb) = (ledger[a]!.value, ledger[b]!.value)
                let (sa, sb) = (Set(a.atoms).isDisjoint(with: failing.atoms) ? 1 : 0, Set(b.atoms).isDisjoint(with: failing.atoms) ? 1 : 0)
                return (sa, a.atoms.count, va == 0 ? 1 : 0, va, ledger[a]!.order) < (sb, b.atoms.count, vb == 0 ? 1 : 0, vb, ledger[b]!.order)
            }
            guard !candidates.isEmpty else { return }  // the audit will refuse
            var chosen: Quantity?
            var best: (width: Int, candidate: Quantity)?
            for candidate in candidates {
                let trial = ledger.groupProgram(group, treatingAsHidden: [candidate])
                let widened = width(ledger.interval(of: failing, in: trial, region: trial.program.region()))
                if widened >= required(failing, ledger) {
                    chosen = candidate
                    break
                }
                if widened > (best?.width ?? 1) { best = (widened, candidate) }
            }
            ledger.hide(chosen ?? best?.candidate ?? candidates[0], .complementary)
        }
    }

    /// The group row (with its codes) a row space belongs to: the group itself or one of its codes.
    private func groupRow(containing space: Space, basis: DisclosureBasis) -> BasisRow? {
        guard case .row(let kind, let id) = space else { return nil }
        return basis.rows.first { row in
            guard let members = row.members, !members.isEmpty else { return false }
            return (row.kind == kind && row.id == id) || (kind == .code && members.contains(id))
        }
    }

    private func updateLinks(ofGroupContaining space: Space, in ledger: inout DisclosureLedger) {
        guard let group = groupRow(containing: space, basis: ledger.basis) else { return }
        for (linkedSpace, bounds) in links(of: group, in: ledger) { ledger.linkedBounds[linkedSpace] = bounds }
    }
}

/// Published results: the plan's tables, a notebook's extra tables, and the audit.
public struct PublishedResults: Sendable {
    public var results: AnalysisResults
    public var extraTables: [TableResult]
    public var audit: DisclosureAudit
}

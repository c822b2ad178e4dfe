import Analysis

/// Complementary suppression checked by linear programming (see ``DisclosurePass``): per row, with the
/// bounds between a category and its codes, and over a category with all its codes at once.
extension DisclosurePass {
    /// Sets the bounds that tie each group row (factor category, activity type) to its codes, from
    /// what is published now: on every atom set `S` any of them is shown over, `max_c x_c(S) ≤ x_G(S)
    /// ≤ Σ_c x_c(S)`, so `x_G(S) − Σ_{o ≠ c} x_o(S) ≤ x_c(S) ≤ x_G(S)`. Each count enters with its value
    /// when published, else with the interval its own row's program allows (an outer bound: sound).
    ///
    /// The first round uses each row's own program; later rounds use the linked programs of the round
    /// before, so bounds carry from group to code and back (each one implied by what is published,
    /// so every round is sound), until nothing changes (at most four rounds).
    func linkGroupsAndCodes(in ledger: inout DisclosureLedger) {
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
    func links(of group: BasisRow, in ledger: DisclosureLedger, linked: Bool = false) -> [Space: [DisclosureLedger.LinkedBound]] {
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
                // The row's own program, without its links in the first round (an outer bound); often
                // the program the row was last protected with, whose region the cache keeps. Found once
                // per row (the ledger copied without the row's links only then).
                let region: LinearProgram.Region?
                if let known = regions[space] {
                    region = known
                } else {
                    var source = ledger
                    if !linked { source.linkedBounds[space] = nil }
                    region = ledger.region(of: source.program(for: space), in: space)
                    regions[space] = region
                }
                return ledger.interval(of: quantity, in: region)
            }
            let groupBound = bounds[0], codeBounds = bounds.dropFirst()
            // The codes' upper bounds summed once: the sum of all but one code is that sum less its
            // bound, unbounded when any other code is.
            var bounded = 0, unbounded = 0
            for bound in codeBounds {
                if let upper = bound.upper { bounded += upper } else { unbounded += 1 }
            }
            links[spaces[0]]!.append(.init(atoms: atoms, lower: codeBounds.map(\.lower).max() ?? 0, upper: unbounded == 0 ? bounded : nil))
            for (index, bound) in codeBounds.enumerated() {
                let others = unbounded - (bound.upper == nil ? 1 : 0) == 0 ? bounded - (bound.upper ?? 0) : nil
                let lower = others.map { max(0, groupBound.lower - $0) } ?? 0
                links[spaces[index + 1]]!.append(.init(atoms: atoms, lower: lower, upper: groupBound.upper))
            }
        }
        return links
    }

    /// How many values a hidden quantity must still be able to take (``HidingReason/requiredValues(minimumCount:)``).
    func required(_ quantity: Quantity, _ ledger: DisclosureLedger) -> Int {
        ledger[quantity]?.hidden?.requiredValues(minimumCount: minimumCount) ?? 1
    }

    /// How many whole numbers the interval holds (`Int.max` when unbounded).
    func width(_ interval: (lower: Int, upper: Int?)) -> Int {
        interval.upper.map { $0 - interval.lower + 1 } ?? Int.max
    }

    /// Complementary suppression within one space, until every hidden count of it can take at least k
    /// values. Hiding more only widens intervals, so a count that passed stays passed.
    ///
    /// The space's counts are read by their numbers in the ledger (`passed` holds numbers too): no
    /// quantity is hashed to find its entry.
    func protect(_ space: Space, in ledger: inout DisclosureLedger, passed: inout Set<Int>) {
        while true {
            // The hidden counts not yet known to keep their protection, in order (``unsettled(_:in:passed:required:)``).
            var hidden: [Int] = []
            for number in ledger.numbers(in: space) where ledger.isHidden(number: number) && !passed.contains(number) {
                if required(number: number, ledger) <= 1 { passed.insert(number) } else { hidden.append(number) }
            }
            guard !hidden.isEmpty else { return }
            let numbered = ledger.numberedProgram(for: space)
            let region = ledger.region(of: numbered.program, in: space)
            var failingNumber: Int?
            var failingWidth = 0
            for number in hidden {
                let needed = required(number: number, ledger)
                let found = width(ledger.interval(of: ledger.quantities[number], in: region, requiring: needed))
                if found >= needed {
                    passed.insert(number)
                } else {
                    (failingNumber, failingWidth) = (number, found)
                    break
                }
            }
            guard let failingNumber else { return }
            let failing = ledger.quantities[failingNumber]
            // Finest groups first (a country × role cell before a country's or the pooled total, which the
            // tests need), then the smallest non-zero count.
            // A "no answer" may also be protected by hiding its column's respondents (see preference).
            let protectsNoAnswer = { if case .noAnswer = failing { true } else { false } }()
            let pool = ledger.numbers(in: space)
                + (protectsNoAnswer ? space.bases.map { ledger.numbers(in: $0) } ?? [] : [])
            let numbers = publishedNumbers(pool, in: ledger) { quantity, entry in
                (preference(quantity, protectingNoAnswer: protectsNoAnswer), quantity.atoms.count, entry.value == 0 ? 1 : 0, entry.value, entry.order)
            }
            guard !numbers.isEmpty else { return }  // nothing left to hide: the audit will refuse
            var chosen: Int?
            var best: (width: Int, candidate: Int)?
            let needed = required(number: failingNumber, ledger)
            for number in numbers {
                // A trial on the same tableau is the same region: the failing count's width there is the
                // one its check just found (exactly: a check that falls short maximises to the end).
                let widened = ledger.trialKeepsRegion(numbered, region, hidingNumber: number)
                    ? failingWidth
                    : width(ledger.interval(of: failing, in: ledger.trialRegion(numbered, region, hidingNumber: number), requiring: needed))
                if widened >= needed {
                    chosen = number
                    break
                }
                if widened > (best?.width ?? 1) { best = (widened, number) }
            }
            if chosen == nil, let linked = linkedCandidates(for: failing, in: space, ledger: ledger) {
                // A bound from the group's or a code's count pins it: hide those counts, update the links.
                for quantity in linked { ledger.hide(quantity, .complementary) }
                updateLinks(ofGroupContaining: space, in: &ledger)
                continue
            }
            let overlapping = numbers.first { !Set(ledger.quantities[$0].atoms).isDisjoint(with: failing.atoms) }
            ledger.hide(number: chosen ?? best?.candidate ?? overlapping ?? numbers[0], .complementary)
        }
    }

    /// How many values the hidden quantity numbered `number` must still be able to take (``required(_:_:)``,
    /// its entry read by number).
    func required(number: Int, _ ledger: DisclosureLedger) -> Int {
        ledger.hiddenReason(number: number)?.requiredValues(minimumCount: minimumCount) ?? 1
    }

    /// The published count over the same atoms, in the failing count's group or its codes, to hide:
    /// the one whose hiding alone widens the failing count's interval to k values, else the one that
    /// widens it most; `nil` outside a group, or when there is none.
    func linkedCandidates(for failing: Quantity, in space: Space, ledger: DisclosureLedger) -> [Quantity]? {
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
    func protectJointly(_ group: BasisRow, in ledger: inout DisclosureLedger) {
        let rows = [(group.kind, group.id)] + (group.members ?? []).map { (RowKind.code, $0) }
        let quantities = rows.flatMap { ledger.quantities(in: .row(kind: $0.0, id: $0.1)) }
        var passed = Set<Quantity>()
        while true {
            let hidden = unsettled(quantities, in: ledger, passed: &passed) { required($0, ledger) }
            guard !hidden.isEmpty else { return }
            let program = ledger.groupProgram(group)
            let region = program.program.region()
            var failing: Quantity?
            for quantity in hidden {
                let needed = required(quantity, ledger)
                if width(ledger.interval(of: quantity, in: program, region: region, requiring: needed)) >= needed {
                    passed.insert(quantity)
                } else {
                    failing = quantity
                    break
                }
            }
            guard let failing else { return }
            let candidates = complementCandidates(quantities, protecting: failing, in: ledger)
            guard !candidates.isEmpty else { return }  // the audit will refuse
            let pick = complement(from: candidates, required: required(failing, ledger)) { candidate in
                let trial = ledger.groupProgram(group, treatingAsHidden: [candidate])
                return width(ledger.interval(of: failing, in: trial, region: trial.program.region(), requiring: required(failing, ledger)))
            }
            ledger.hide(pick, .complementary)
        }
    }

    /// The hidden counts of `pool` not yet known to keep their protection, in order, less those whose
    /// protection (`required`) is at most one value, which are added to `passed` without a program:
    /// every hidden count keeps at least one value, its true one, which the published counts allow
    /// (its interval holds that whole number, so its width is at least 1).
    func unsettled(
        _ pool: [Quantity], in ledger: DisclosureLedger, passed: inout Set<Quantity>, required: (Quantity) -> Int
    ) -> [Quantity] {
        var hidden: [Quantity] = []
        for quantity in pool where ledger.isHidden(quantity) && !passed.contains(quantity) {
            if required(quantity) <= 1 { passed.insert(quantity) } else { hidden.append(quantity) }
        }
        return hidden
    }

    /// The published counts of `pool` that could protect `failing`, in the order they are tried: those
    /// over atoms it shares first, finest groups, non-zero counts, the smallest, then registration order.
    func complementCandidates(_ pool: [Quantity], protecting failing: Quantity, in ledger: DisclosureLedger) -> [Quantity] {
        let numbers = pool.map { quantity in
            guard let number = ledger.number(of: quantity) else { preconditionFailure("unregistered quantity \(quantity)") }
            return number
        }
        return complementCandidates(numbers: numbers, protecting: failing, in: ledger).map { ledger.quantities[$0] }
    }

    /// The same, by the quantities' numbers in the ledger.
    func complementCandidates(numbers pool: [Int], protecting failing: Quantity, in ledger: DisclosureLedger) -> [Int] {
        let shared = Set(failing.atoms)
        return publishedNumbers(pool, in: ledger) { quantity, entry in
            (shared.isDisjoint(with: quantity.atoms) ? 1 : 0, quantity.atoms.count, entry.value == 0 ? 1 : 0, entry.value, entry.order)
        }
    }

    /// The numbers of the published counts of `pool` (numbers in the ledger), in the order of their keys;
    /// each key is computed once. Keys end with the registration order, so the order is total.
    func publishedNumbers(
        _ pool: [Int], in ledger: DisclosureLedger, by key: (Quantity, DisclosureLedger.Entry) -> (Int, Int, Int, Int, Int)
    ) -> [Int] {
        var keyed: [(key: (Int, Int, Int, Int, Int), number: Int)] = []
        keyed.reserveCapacity(pool.count)
        for number in pool {
            let entry = ledger.entry(number: number)
            if entry.hidden == nil { keyed.append((key(ledger.quantities[number], entry), number)) }
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.number)
    }

    /// The candidate whose hiding alone widens the failing count to `required` values (`widened` gives the
    /// width with a candidate hidden); else the one that widens it most; else the first.
    func complement<Candidate>(from candidates: [Candidate], required: Int, widened: (Candidate) -> Int) -> Candidate {
        var best: (width: Int, candidate: Candidate)?
        for candidate in candidates {
            let width = widened(candidate)
            if width >= required { return candidate }
            if width > (best?.width ?? 1) { best = (width, candidate) }
        }
        return best?.candidate ?? candidates[0]
    }

    /// The group row (with its codes) a row space belongs to: the group itself or one of its codes.
    func groupRow(containing space: Space, basis: DisclosureBasis) -> BasisRow? {
        guard case .row(let kind, let id) = space else { return nil }
        return basis.rows.first { row in
            guard let members = row.members, !members.isEmpty else { return false }
            return (row.kind == kind && row.id == id) || (kind == .code && members.contains(id))
        }
    }

    func updateLinks(ofGroupContaining space: Space, in ledger: inout DisclosureLedger) {
        guard let group = groupRow(containing: space, basis: ledger.basis) else { return }
        for (linkedSpace, bounds) in links(of: group, in: ledger) { ledger.linkedBounds[linkedSpace] = bounds }
    }
}

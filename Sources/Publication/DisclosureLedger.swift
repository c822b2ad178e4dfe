import Analysis
import Synchronization

/// Every count a report publishes or hides, once each, with its true value, where it appears, and
/// whether (and why) it is hidden; and the linear programs that say what the published counts reveal.
struct DisclosureLedger {
    /// Where a quantity appears: table, row and column, as the audit file names them.
    struct Place: Hashable, Comparable {
        var table: String
        var row: String
        var column: String

        static func < (a: Place, b: Place) -> Bool { (a.table, a.row, a.column) < (b.table, b.row, b.column) }
    }

    struct Entry {
        var value: Int
        var hidden: HidingReason?
        /// Each place once, in registration order (a count has one or a few: a search of the array costs
        /// less than hashing three strings).
        var places: [Place] = []
        /// The order of registration: tables are walked in a fixed order, so this orders quantities
        /// the same way on every run.
        var order: Int
    }

    let basis: DisclosureBasis
    /// Each quantity's number (its registration order), and the entries by number: a program is built
    /// from the numbers of its spaces' quantities, without hashing a quantity.
    private var numbers: [Quantity: Int] = [:]
    private var entries: [Entry] = []
    /// The quantities of each space (and their numbers), by the space's place in ``spaces``; and all of
    /// them, in registration order.
    private var spaceNumbers: [Space: Int] = [:]
    private var bySpace: [[Quantity]] = []
    private var numbersBySpace: [[Int]] = []
    private(set) var quantities: [Quantity] = []
    /// The spaces in the order their first quantity was registered.
    private(set) var spaces: [Space] = []
    /// The places in ``spaces`` of each instrument's item spaces, in order: an item's program reads the
    /// other items' counts without going over every space.
    private var itemSpaces: [String: [Int]] = [:]

    /// The structure of every row space's program and of every pair space's (``structure(of:atoms:values:)``),
    /// made once: a program starts as a copy, sharing the rows' arrays of terms instead of making them
    /// again for every program.
    private let rowStructure: LinearProgram
    private let pairStructure: LinearProgram

    /// The basis's counts per atom of each row and pair space (as ``DisclosureBasis/counts(kind:id:)``
    /// and ``DisclosureBasis/counts(pair:_:)`` find them, a pair under both orders), for registering.
    let basisCounts: [Space: [Int]]

    init(basis: DisclosureBasis) {
        self.basis = basis
        var counts: [Space: [Int]] = [:]
        // Room for every space first: the table grew and rehashed ten times (nothing iterates it).
        counts.reserveCapacity(basis.rows.count + 2 * basis.pairs.count)
        for row in basis.rows where counts[.row(kind: row.kind, id: row.id)] == nil {
            counts[.row(kind: row.kind, id: row.id)] = row.counts
        }
        for pair in basis.pairs {
            for space in [Space.pair(first: pair.first, second: pair.second), .pair(first: pair.second, second: pair.first)]
            where counts[space] == nil {
                counts[space] = pair.counts
            }
        }
        basisCounts = counts
        rowStructure = Self.structure(of: .row(kind: .code, id: ""), atoms: basis.profiles.count, values: 0)
        pairStructure = Self.structure(of: .pair(first: "", second: ""), atoms: basis.profiles.count, values: 0)
    }

    subscript(quantity: Quantity) -> Entry? { numbers[quantity].map { entries[$0] } }

    func isHidden(_ quantity: Quantity) -> Bool { numbers[quantity].map { entries[$0].hidden != nil } ?? false }

    /// Records that a table publishes `quantity` (shown as `value`) at `place`.
    /// - Throws: ``PublicationError/inconsistent`` when the table's value is not the basis's sum.
    mutating func register(_ quantity: Quantity, value: Int, at place: Place) throws(PublicationError) {
        guard !quantity.atoms.isEmpty else { return }
        // Computed from the basis's parts, not through `self`: a call on `self` from this mutating method
        // copied the whole ledger for every count registered.
        let truth = Self.trueValue(of: quantity, basis: basis, basisCounts: basisCounts)
        guard truth == value else {
            throw .inconsistent("\(place.table), \(place.row), \(place.column): the table says \(value), its atoms add up to \(truth)")
        }
        // One look-up each: a new quantity (space) takes the next number, inserted by the look-up.
        let number = Self.slot(&numbers[quantity, default: quantities.count])
        if number == quantities.count {
            entries.append(Entry(value: value, places: [place], order: number))
            quantities.append(quantity)
            let space = quantity.space
            let index = Self.slot(&spaceNumbers[space, default: spaces.count])
            if index == spaces.count {
                spaces.append(space)
                bySpace.append([])
                numbersBySpace.append([])
                if case .item(let instrument, _) = space { itemSpaces[instrument, default: []].append(index) }
            }
            bySpace[index].append(quantity)
            numbersBySpace[index].append(number)
        } else if !entries[number].places.contains(place) {
            entries[number].places.append(place)
        }
    }

    /// Makes room for `count` quantities, so that registering them does not grow (and rehash) the
    /// table of numbers again and again. Nothing iterates that table, so its capacity changes no order.
    mutating func reserveCapacity(_ count: Int) {
        numbers.reserveCapacity(count)
        entries.reserveCapacity(count)
        quantities.reserveCapacity(count)
    }

    /// The value of a dictionary's slot, read through `subscript(_:default:)`'s in-place access, which
    /// inserts the default when the key is missing: a look-up and an insertion with one hash.
    private static func slot(_ value: inout Int) -> Int { value }

    mutating func hide(_ quantity: Quantity, _ reason: HidingReason) {
        guard let number = numbers[quantity] else { return }
        hide(number: number, reason)
    }

    /// Hides the quantity numbered `number` (``quantities``[number]) unless it is hidden already.
    mutating func hide(number: Int, _ reason: HidingReason) {
        guard entries[number].hidden == nil else { return }
        entries[number].hidden = reason
        hiddenCount += 1
    }

    /// How many quantities are hidden.
    private(set) var hiddenCount = 0

    // MARK: - Linear programs

    /// The number of atoms of a space's variables.
    private func atomCount(_ space: Space) -> Int {
        switch space {
        case .participants, .row, .pair: basis.profiles.count
        case .respondents(let instrument), .item(let instrument, _): survey(instrument)?.profiles.count ?? 0
        }
    }

    private func survey(_ instrument: String) -> SurveyBasis? {
        basis.surveys.first { $0.instrumentID == instrument }
    }

    private func valueCount(_ space: Space) -> Int {
        guard case .item(let instrument, let item) = space,
            let found = survey(instrument)?.items.first(where: { $0.itemID == item })
        else { return 0 }
        return found.counts.count
    }

    /// The quantity as a sum of the space's variables.
    ///
    /// Layouts: participants and respondents spaces hold `n[a]`; a row space holds `x[a]` then `n[a]`;
    /// an item space holds `x[v][a]` (value-major), then `m[a]` (no answer), then `n[a]`; a pair space
    /// holds `x_first[a]`, `x_second[a]`, `x_both[a]`, then `n[a]`.
    func terms(_ quantity: Quantity, in space: Space) -> [LinearProgram.Term] {
        terms(quantity, in: space, atoms: atomCount(space), values: valueCount(space))
    }

    /// The same, given the space's ``atomCount(_:)`` and ``valueCount(_:)`` (a program's equalities are
    /// written with the space's numbers found once, not once per equality: each looks the survey up by name).
    private func terms(_ quantity: Quantity, in space: Space, atoms: Int, values: Int) -> [LinearProgram.Term] {
        switch quantity {
        case .participants(let set), .respondents(_, let set):
            let offset: Int = switch space {
            case .participants, .respondents: 0
            case .row: atoms
            case .item: (values + 1) * atoms
            case .pair: 3 * atoms
            }
            return set.map { (offset + $0, 1) }
        case .row(_, let id, let set):
            guard case .pair(let first, _) = space else { return set.map { ($0, 1) } }
            let offset = id == first ? 0 : atoms
            return set.map { (offset + $0, 1) }
        case .pair(_, _, let set): return set.map { (2 * atoms + $0, 1) }
        case .answer(_, _, let value, let set): return set.map { (value * atoms + $0, 1) }
        case .noAnswer(_, _, let set): return set.map { (values * atoms + $0, 1) }
        case .answered(_, _, let set): return (0..<values).flatMap { value in set.map { (value * atoms + $0, 1.0) } }
        }
    }

    /// The true value of a quantity, from the basis and its counts per row and pair space (``basisCounts``).
    private static func trueValue(of quantity: Quantity, basis: DisclosureBasis, basisCounts: [Space: [Int]]) -> Int {
        func survey(_ instrument: String) -> SurveyBasis? { basis.surveys.first { $0.instrumentID == instrument } }
        switch quantity {
        case .participants(let atoms): return atoms.reduce(0) { $0 + basis.participants[$1] }
        case .row(let kind, let id, let atoms):
            let counts = basisCounts[.row(kind: kind, id: id)] ?? []
            return atoms.reduce(0) { $0 + counts[$1] }
        case .respondents(let instrument, let atoms):
            let counts = survey(instrument)?.respondents ?? []
            return atoms.reduce(0) { $0 + counts[$1] }
        case .answer(let instrument, let item, let value, let atoms):
            let counts = survey(instrument)?.items.first { $0.itemID == item }?.counts[value] ?? []
            return atoms.reduce(0) { $0 + counts[$1] }
        case .noAnswer(let instrument, let item, let atoms):
            let counts = survey(instrument)?.items.first { $0.itemID == item }?.missing ?? []
            return atoms.reduce(0) { $0 + counts[$1] }
        case .answered(let instrument, let item, let atoms):
            let counts = survey(instrument)?.items.first { $0.itemID == item }?.counts ?? []
            return counts.reduce(0) { total, values in atoms.reduce(total) { $0 + values[$1] } }
        case .pair(let first, let second, let atoms):
            let counts = basisCounts[.pair(first: first, second: second)] ?? []
            return atoms.reduce(0) { $0 + counts[$1] }
        }
    }

    /// Bounds on sums of a row's atoms that follow from other rows: a group row's count lies between
    /// the largest of its codes' counts and their sum, and so a code's between the group's count less
    /// the other codes' and the group's (see ``DisclosurePass``). Keyed by the row's space.
    var linkedBounds: [Space: [LinkedBound]] = [:]

    /// `lower ≤ Σ_{a ∈ atoms} x[a] ≤ upper` in a row's space.
    struct LinkedBound: Equatable {
        var atoms: [Int]
        var lower: Int
        var upper: Int?
    }

    /// The linear program of a space: its structure, every published quantity of it (and of its
    /// bases' space) as an equality, and its linked bounds; `treatingAsHidden` are left out as if hidden.
    func program(for space: Space, treatingAsHidden extra: Set<Quantity> = []) -> LinearProgram {
        var numbering: [Int: Int]?
        return program(for: space, treatingAsHidden: extra, numbering: &numbering)
    }

    /// The program of a space with the number of each published quantity's equality (in
    /// ``LinearProgram/equalities``): the program with one more of them treated as hidden is this one
    /// less that equality (``trialProgram(_:hiding:)``), without building it again.
    struct NumberedProgram {
        let program: LinearProgram
        /// The equality of each published quantity, by the quantity's number in the ledger.
        let equalities: [Int: Int]
    }

    func numberedProgram(for space: Space) -> NumberedProgram {
        var numbering: [Int: Int]? = [:]
        let program = program(for: space, treatingAsHidden: [], numbering: &numbering)
        return NumberedProgram(program: program, equalities: numbering!)
    }

    /// The number of `quantity`'s equality in the numbered program; `nil` when it is not published there.
    func equality(of quantity: Quantity, in numbered: NumberedProgram) -> Int? {
        numbers[quantity].flatMap { numbered.equalities[$0] }
    }

    /// `program(for: space, treatingAsHidden: [candidate])`, from the space's numbered program.
    func trialProgram(_ numbered: NumberedProgram, hiding candidate: Quantity) -> LinearProgram {
        guard let index = equality(of: candidate, in: numbered) else { return numbered.program }
        return numbered.program.removingEquality(at: index)
    }

    /// Whether ``trialRegion(_:_:hidingNumber:)`` is `region` itself, optimising the same tableau
    /// (``LinearProgram/Region/sharesTableau(with:)``): the candidate's equality is not in the program,
    /// or relaxing it keeps the tableau (``LinearProgram/Region/keepsTableau(relaxingEquality:)``). Found
    /// without making the trial region (most trials of the pass are such).
    func trialKeepsRegion(_ numbered: NumberedProgram, _ region: LinearProgram.Region?, hidingNumber number: Int) -> Bool {
        guard let region else { return false }
        guard let index = numbered.equalities[number] else { return true }
        return region.keepsTableau(relaxingEquality: index)
    }

    /// The region of `trialProgram(numbered, hiding:)` for the quantity numbered `number` in the ledger
    /// (``number(of:)``), from the region of the numbered program (`region`) when it can be
    /// (``LinearProgram/Region/relaxing(equality:)``), else solved anew.
    func trialRegion(_ numbered: NumberedProgram, _ region: LinearProgram.Region?, hidingNumber number: Int) -> LinearProgram.Region? {
        guard let index = numbered.equalities[number] else { return region }
        if let region, let relaxed = region.relaxing(equality: index) { return relaxed }
        return numbered.program.removingEquality(at: index).region()
    }

    /// The program; with `numbering` not `nil`, the number of each published quantity's equality in it.
    private func program(for space: Space, treatingAsHidden extra: Set<Quantity>, numbering: inout [Int: Int]?) -> LinearProgram {
        let atoms = atomCount(space)
        let values = valueCount(space)
        var program = switch space {
        case .row: rowStructure
        case .pair: pairStructure
        default: Self.structure(of: space, atoms: atoms, values: values)
        }
        // Every quantity of a space is registered (by its number), so no published equality is missed.
        // (Each space's numbers read in a loop: `numbers(in:)` passed as a function copied the ledger.)
        var published = numbers(in: space)
        if let bases = space.bases { published += numbers(in: bases) }
        for row in pairedRows(space) { published += numbers(in: row) }
        numbering?.reserveCapacity(published.count)
        for number in published {
            // The entry's fields read in place (a copy of the entry would retain its places).
            guard entries[number].hidden == nil, extra.isEmpty || !extra.contains(quantities[number]) else { continue }
            numbering?[number] = program.equalities.count
            program.require(terms(quantities[number], in: space, atoms: atoms, values: values), equals: Double(entries[number].value))
        }
        if case .item(let instrument, let item) = space {
            // The respondents of a column are the same for every item of the instrument: another item's
            // published number who answered bounds them, and with its published "no answer" fixes them.
            // Of the bounds over the same atoms, only the largest is written (the others follow from it:
            // the same region), in the place of the first: the items of an instrument mostly share their
            // columns, so most of them would be rows of the tableau that say nothing more.
            let respondents = (values + 1) * atoms
            var lowerBounds: [(atoms: [Int], value: Int)] = []
            for other in itemSpaces[instrument] ?? [] {
                guard case .item(_, let otherItem) = spaces[other], otherItem != item else { continue }
                // The items list their columns in the same order: the bound over the atoms of this item's
                // next column is looked for first after the last one met.
                var next = 0
                // Only published numbers who answered; the others are passed over without a copy.
                for number in numbersBySpace[other] where entries[number].hidden == nil {
                    guard case .answered(_, _, let set) = quantities[number], extra.isEmpty || !extra.contains(quantities[number])
                    else { continue }
                    let answered = entries[number].value
                    let missing = Quantity.noAnswer(instrument: instrument, item: otherItem, atoms: set)
                    if let entry = entry(registeredBefore: number, as: missing), entry.hidden == nil, extra.isEmpty || !extra.contains(missing) {
                        program.require(set.map { (respondents + $0, 1.0) }, equals: Double(answered + entry.value))
                    } else if let index = Self.place(of: set, in: lowerBounds, from: next) {
                        lowerBounds[index].value = max(lowerBounds[index].value, answered)
                        next = index + 1
                    } else {
                        lowerBounds.append((set, answered))
                        next = lowerBounds.count
                    }
                }
            }
            for bound in lowerBounds {
                program.require(bound.atoms.map { (respondents + $0, -1.0) }, atMost: Double(-bound.value))
            }
        }
        // A row's linked bounds; in a pair space, both rows' (first at 0, second at `atoms`).
        let rows = pairedRows(space).isEmpty ? [(space, 0)] : pairedRows(space).enumerated().map { ($1, $0 * atoms) }
        for (row, offset) in rows {
            for bound in linkedBounds[row] ?? [] {
                let sum = bound.atoms.map { (variable: offset + $0, coefficient: 1.0) }
                if bound.lower > 0 { program.require(sum.map { ($0.variable, -1.0) }, atMost: Double(-bound.lower)) }
                if let upper = bound.upper { program.require(sum, atMost: Double(upper)) }
            }
        }
        return program
    }

    /// The place of the bound over `atoms` among `bounds` (each set of atoms once), searched from `start`
    /// on and then from the first; `nil` when there is none.
    private static func place(of atoms: [Int], in bounds: [(atoms: [Int], value: Int)], from start: Int) -> Int? {
        for index in start..<max(start, bounds.count) where bounds[index].atoms == atoms { return index }
        for index in 0..<min(start, bounds.count) where bounds[index].atoms == atoms { return index }
        return nil
    }

    /// The entry of `quantity`: a survey column's "no answer" is registered just before its number who
    /// answered (``TableLinks/register(in:participants:)``), so the quantity numbered `number − 1` is
    /// compared first (no hash of the quantity); else it is looked up.
    private func entry(registeredBefore number: Int, as quantity: Quantity) -> Entry? {
        number > 0 && quantities[number - 1] == quantity ? entries[number - 1] : self[quantity]
    }

    /// A space's program before anything is published: its variables and the constraints that hold
    /// whatever is (see ``terms(_:in:)`` for the layouts).
    private static func structure(of space: Space, atoms: Int, values: Int) -> LinearProgram {
        var program: LinearProgram
        switch space {
        case .participants, .respondents:
            program = LinearProgram(variables: atoms)
        case .row:
            program = LinearProgram(variables: 2 * atoms)
            for atom in 0..<atoms { program.require([(atom, 1), (atoms + atom, -1)], atMost: 0) }
        case .pair:
            // Per atom: both ≤ first, both ≤ second, first + second − both ≤ n (Fréchet's bounds).
            program = LinearProgram(variables: 4 * atoms)
            for atom in 0..<atoms {
                program.require([(2 * atoms + atom, 1), (atom, -1)], atMost: 0)
                program.require([(2 * atoms + atom, 1), (atoms + atom, -1)], atMost: 0)
                program.require([(atom, 1), (atoms + atom, 1), (2 * atoms + atom, -1), (3 * atoms + atom, -1)], atMost: 0)
            }
        case .item:
            program = LinearProgram(variables: (values + 2) * atoms)
            for atom in 0..<atoms {
                let answers = (0..<values).map { (variable: $0 * atoms + atom, coefficient: 1.0) }
                program.require(answers + [(values * atoms + atom, 1), ((values + 1) * atoms + atom, -1)], equals: 0)
            }
        }
        return program
    }

    /// The last program solved for each space with its region, shared by the copies of the ledger. A
    /// program that is the last one less some equalities (counts hidden since), none of them implied by
    /// the others, gets its region from the last one's, relaxed in place
    /// (``LinearProgram/Region/relaxing(equalities:)``), without a phase 1.
    ///
    /// Safe to use from several threads (the table is behind a lock), as long as each space is worked
    /// on by one thread at a time (a region optimises in place: see ``LinearProgram/Region``): the
    /// parallel steps of the pass and the audit give each task spaces of its own.
    final class RegionCache: Sendable {
        private let last = Mutex<[Space: (program: LinearProgram, region: LinearProgram.Region?)]>([:])

        func region(of program: LinearProgram, in space: Space) -> LinearProgram.Region? {
            let previous = last.withLock { $0[space] }
            if let previous, previous.program.hasSameConstraints(as: program) { return previous.region }
            // Only when no equality was implied: a blocked equality could not be relaxed for a trial
            // (``trialRegion(_:_:hidingNumber:)``), which would then solve the program anew for each candidate.
            let relaxed = previous.flatMap { previous in
                previous.program.equalitiesRemoved(toGet: program).flatMap { previous.region?.relaxing(equalities: $0) }
            }.flatMap { $0.blocked.isEmpty ? $0 : nil }
            let region = relaxed ?? program.region()
            last.withLock { $0[space] = (program, region) }
            return region
        }

        /// Lets the space's last region go: a program of the space is solved anew when asked again.
        func forget(_ space: Space) {
            _ = last.withLock { $0.removeValue(forKey: space) }
        }
    }

    private let regionCache = RegionCache()

    /// The feasible region of a space's program; when the program is the one solved last for the space
    /// (a pass that hid nothing more, the audit after the pass), its region is reused, not found again.
    func region(of program: LinearProgram, in space: Space) -> LinearProgram.Region? {
        regionCache.region(of: program, in: space)
    }

    /// Drops the space's region from the cache (``RegionCache/forget(_:)``).
    func forgetRegion(of space: Space) {
        regionCache.forget(space)
    }

    /// The region of a pair space's program with none of its pair counts published (what its codes'
    /// rows alone say). Not kept: the audit asks it again (a tableau kept for every pair space until the
    /// audit raised the peak RSS of `analyze run` S by 8 MB).
    func bareRegion(of space: Space) -> LinearProgram.Region? {
        program(for: space, treatingAsHidden: Set(quantities(in: space))).region()
    }

    /// The values each pair count whose rule asks for more than one must keep, as the pass found them
    /// (``DisclosurePass/requiredInPair(_:ledger:bare:)``: the rule, at most the count's width with no
    /// pair count of its space published). That program depends only on the codes' rows and the group
    /// sizes, which stand once the crosstabs are protected, so the audit reads these instead of solving
    /// the bare programs again.
    var structuralRequirements: [Quantity: Int] = [:]

    /// The audit's answers of each pair space's program, found as the space was protected
    /// (``auditPairProgram(_:program:)``), and how many quantities were hidden once every pair space's hides
    /// were applied: the answers hold only while no more are hidden.
    var auditedPairs: [Space: AuditedPair] = [:]
    var auditedPairsHiddenCount = 0

    /// The ends of each hidden count of the pair spaces' code rows in its row's program, by the count's
    /// number (``RowExtremes``, recorded before the pairs of codes are protected): a code count's
    /// interval in a pair's program is found from them when their points complete to points of that
    /// program (``rangeInPair(number:in:)``).
    var codeExtremes: [Int: RowExtremes] = [:]
    /// The pair spaces' codes whose row programs hold at their true counts and the true group sizes.
    var codesAtTruth: Set<String> = []

    /// How many whole numbers a pair count takes, at least, with no pair count of its space published:
    /// its codes' true counts and the true group sizes are a point of that program (every published
    /// count and linked bound holds there), and there each atom's pair count may be any whole number
    /// between Fréchet's bounds, `max(0, A + B − n)` and `min(A, B)`, whatever the other atoms' are (pair
    /// counts meet no other constraint). So the program's interval holds the sums of those bounds and
    /// every whole number between; 1 for another quantity.
    func widthAtTrueCounts(of quantity: Quantity) -> Int {
        guard case .pair(let first, let second, let atoms) = quantity,
            let a = basisCounts[.row(kind: .code, id: first)], let b = basisCounts[.row(kind: .code, id: second)]
        else { return 1 }
        var width = 1
        for atom in atoms {
            width += min(a[atom], b[atom]) - max(0, a[atom] + b[atom] - basis.participants[atom])
        }
        return width
    }

    /// Whether a pair space publishes any of its pair counts (else its program is its bare program).
    func publishesPairCount(_ space: Space) -> Bool {
        numbers(in: space).contains { entries[$0].hidden == nil }
    }

    /// The row spaces of a pair space's two codes (first, second); none for another space.
    func pairedRows(_ space: Space) -> [Space] {
        guard case .pair(let first, let second) = space else { return [] }
        return [.row(kind: .code, id: first), .row(kind: .code, id: second)]
    }

    /// The whole numbers a quantity can take given everything published in its space; `upper` is `nil`
    /// when unbounded.
    func interval(of quantity: Quantity, in program: LinearProgram) -> (lower: Int, upper: Int?) {
        interval(of: quantity, in: program.region())
    }

    /// The same, over a region found once for many quantities of its space.
    func interval(of quantity: Quantity, in region: LinearProgram.Region?, requiring required: Int? = nil) -> (lower: Int, upper: Int?) {
        interval(of: quantity, inSpace: quantity.space, region: region, requiring: required)
    }

    /// The same in another space's region: a code's count in the program of a pair of codes.
    ///
    /// With `required`, for a question that asks only whether the interval holds `required` values:
    /// the maximisation stops once it does, and `upper` may then be below the true upper bound (but
    /// the interval holds `required` values exactly when the true one does).
    func interval(
        of quantity: Quantity, inSpace space: Space, region: LinearProgram.Region?, requiring required: Int? = nil
    ) -> (lower: Int, upper: Int?) {
        Self.interval(of: region?.range(of: terms(quantity, in: space), enough: required.map(Self.enough)))
    }

    /// The whole numbers of an optimised range; `(0, 0)` when there is none. The published values are
    /// the true ones, so the program is feasible; a failure here would be a solver fault: answer with the
    /// narrowest interval, which makes the audit refuse.
    static func interval(of range: (min: Double, max: Double?)?) -> (lower: Int, upper: Int?) {
        guard let range else { return (0, 0) }
        let lower = Int((range.min - 1e-6).rounded(.up))
        return (lower, range.max.map { Int(($0 + 1e-6).rounded(.down)) })
    }

    /// The value a maximum need reach for an interval from `min` to hold `required` whole numbers (its
    /// upper bound `lower + required − 1`, less half the rounding tolerance, so that the rounding of
    /// ``interval(of:)`` lands on it).
    static func enough(_ required: Int) -> (Double) -> Double {
        { min in Double(Int((min - 1e-6).rounded(.up)) + required - 1) - 0.5e-6 }
    }

    /// The quantities of a space, in registration order.
    func quantities(in space: Space) -> [Quantity] {
        spaceNumbers[space].map { bySpace[$0] } ?? []
    }

    /// The hidden quantities of a space, in registration order (read by number, without hashing them).
    func hiddenQuantities(in space: Space) -> [Quantity] {
        numbers(in: space).compactMap { entries[$0].hidden == nil ? nil : quantities[$0] }
    }

    /// The numbers of a space's quantities (their registration order), in registration order.
    func numbers(in space: Space) -> [Int] {
        spaceNumbers[space].map { numbersBySpace[$0] } ?? []
    }

    /// The number of a registered quantity (its place in ``quantities``); `nil` when it is not registered.
    func number(of quantity: Quantity) -> Int? { numbers[quantity] }

    /// The entry of the quantity numbered `number` (``quantities``[number]).
    func entry(number: Int) -> Entry { entries[number] }

    /// Whether the quantity numbered `number` is hidden (its entry read in place).
    func isHidden(number: Int) -> Bool { entries[number].hidden != nil }

    /// Why the quantity numbered `number` is hidden; `nil` when it is published (its entry read in place).
    func hiddenReason(number: Int) -> HidingReason? { entries[number].hidden }

    /// The value and registration order of the quantity numbered `number` (its entry read in place).
    func valueAndOrder(number: Int) -> (value: Int, order: Int) { (entries[number].value, entries[number].order) }
}

/// Why the publication stage cannot publish.
public enum PublicationError: Error, Equatable, CustomStringConvertible {
    /// A table's count does not match the study data (an analysis from another store).
    case inconsistent(String)
    /// A hidden count could still be narrowed to fewer values than the rule requires.
    case pinned(String)
    /// A table groups by a variable the disclosure basis lacks.
    case unknownVariable(table: String, variable: String)

    public var description: String {
        switch self {
        case .inconsistent(let detail): "the results do not match their disclosure basis (\(detail)): run 'analyze analyze' again"
        case .pinned(let detail): "disclosure audit failed, report not written: \(detail)"
        case .unknownVariable(let table, let variable):
            "table '\(table)': '\(variable)' is not in the disclosure basis: run 'analyze analyze' again"
        }
    }
}

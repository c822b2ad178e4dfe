import Analysis

/// A count a report can publish, named by what it counts: the same count in two tables is one
/// quantity, so linked tables share one suppression pattern.
///
/// Each quantity is a sum over atoms of the ``DisclosureBasis`` (sorted atom indices).
enum Quantity: Hashable {
    /// Participants of the atoms (a column base, a cell of the sample table).
    case participants(atoms: [Int])
    /// Participants of the atoms who count in an interview row (a code, a factor category, an activity type).
    case row(kind: RowKind, id: String, atoms: [Int])
    /// Respondents of an instrument in the atoms (a survey column base).
    case respondents(instrument: String, atoms: [Int])
    /// Respondents in the atoms who gave an item's `value`-th answer.
    case answer(instrument: String, item: String, value: Int, atoms: [Int])
    /// Respondents in the atoms who gave no answer to an item.
    case noAnswer(instrument: String, item: String, atoms: [Int])
    /// Respondents in the atoms who answered an item (the base of its percentages).
    case answered(instrument: String, item: String, atoms: [Int])
    /// Participants of the atoms who mention both codes (a co-occurrence table); `first` precedes
    /// `second` in the table's order.
    case pair(first: String, second: String, atoms: [Int])

    /// The linear-program space the quantity is audited in.
    var space: Space {
        switch self {
        case .participants: .participants
        case .row(let kind, let id, _): .row(kind: kind, id: id)
        case .respondents(let instrument, _): .respondents(instrument: instrument)
        case .answer(let instrument, let item, _, _), .noAnswer(let instrument, let item, _),
            .answered(let instrument, let item, _):
            .item(instrument: instrument, item: item)
        case .pair(let first, let second, _): .pair(first: first, second: second)
        }
    }

    var atoms: [Int] {
        switch self {
        case .participants(let atoms), .row(_, _, let atoms), .respondents(_, let atoms), .answer(_, _, _, let atoms),
            .noAnswer(_, _, let atoms), .answered(_, _, let atoms), .pair(_, _, let atoms):
            atoms
        }
    }

    /// Hashes the kind and names of the count, and its atoms folded into one word first (FNV-1a): one
    /// combine instead of one per atom (the ledger and the passes look quantities up by the hundred
    /// thousand). Equality is the synthesised one.
    func hash(into hasher: inout Hasher) {
        var folded: UInt64 = 0xcbf2_9ce4_8422_2325
        for atom in atoms { folded = (folded ^ UInt64(truncatingIfNeeded: atom)) &* 0x0000_0100_0000_01b3 }
        switch self {
        case .participants:
            hasher.combine(0)
        case .row(let kind, let id, _):
            hasher.combine(1)
            hasher.combine(kind.ordinal)
            hasher.combine(id)
        case .respondents(let instrument, _):
            hasher.combine(2)
            hasher.combine(instrument)
        case .answer(let instrument, let item, let value, _):
            hasher.combine(3)
            hasher.combine(instrument)
            hasher.combine(item)
            hasher.combine(value)
        case .noAnswer(let instrument, let item, _):
            hasher.combine(4)
            hasher.combine(instrument)
            hasher.combine(item)
        case .answered(let instrument, let item, _):
            hasher.combine(5)
            hasher.combine(instrument)
            hasher.combine(item)
        case .pair(let first, let second, _):
            hasher.combine(6)
            hasher.combine(first)
            hasher.combine(second)
        }
        hasher.combine(folded)
    }

    /// The same count over other atoms.
    func replacingAtoms(_ atoms: [Int]) -> Quantity {
        switch self {
        case .participants: .participants(atoms: atoms)
        case .row(let kind, let id, _): .row(kind: kind, id: id, atoms: atoms)
        case .respondents(let instrument, _): .respondents(instrument: instrument, atoms: atoms)
        case .answer(let instrument, let item, let value, _): .answer(instrument: instrument, item: item, value: value, atoms: atoms)
        case .noAnswer(let instrument, let item, _): .noAnswer(instrument: instrument, item: item, atoms: atoms)
        case .answered(let instrument, let item, _): .answered(instrument: instrument, item: item, atoms: atoms)
        case .pair(let first, let second, _): .pair(first: first, second: second, atoms: atoms)
        }
    }
}

extension RowKind {
    /// The kind's place among ``allCases``: hashed instead of the kind itself, whose hash (a raw value's
    /// default) is its name's.
    var ordinal: Int {
        switch self {
        case .role: 0
        case .factorCategory: 1
        case .activityType: 2
        case .code: 3
        }
    }
}

/// The variables and rules of one linear program of the audit: the interview sample, one interview
/// row, an instrument's respondents, one survey item, or a pair of codes with both their rows.
enum Space: Hashable {
    case participants
    case row(kind: RowKind, id: String)
    case respondents(instrument: String)
    case item(instrument: String, item: String)
    case pair(first: String, second: String)

    /// Hashes the kind and names, a row's kind by its ``RowKind/ordinal`` (not by its name). Equality is
    /// the synthesised one.
    func hash(into hasher: inout Hasher) {
        switch self {
        case .participants:
            hasher.combine(0)
        case .row(let kind, let id):
            hasher.combine(1)
            hasher.combine(kind.ordinal)
            hasher.combine(id)
        case .respondents(let instrument):
            hasher.combine(2)
            hasher.combine(instrument)
        case .item(let instrument, let item):
            hasher.combine(3)
            hasher.combine(instrument)
            hasher.combine(item)
        case .pair(let first, let second):
            hasher.combine(4)
            hasher.combine(first)
            hasher.combine(second)
        }
    }

    /// Whether this is the space of a pair of codes.
    var isPair: Bool {
        if case .pair = self { true } else { false }
    }

    /// The space whose published quantities bound this one's variables (the bases).
    var bases: Space? {
        switch self {
        case .participants, .respondents: nil
        case .row, .pair: .participants
        case .item(let instrument, _): .respondents(instrument: instrument)
        }
    }
}

/// Why a count is hidden.
enum HidingReason: String, Comparable {
    /// A count from 1 to k − 1.
    case primary
    /// A count equal to its group's size, greater than 0 (`disclosure.full_cells: suppress`).
    case fullCell = "full-cell"
    /// The group's size is hidden, and a count over it would give the size away.
    case hiddenBase = "hidden-base"
    /// Hidden so that another hidden count cannot be derived from the published ones.
    case complementary

    static func < (a: HidingReason, b: HidingReason) -> Bool { a.rawValue < b.rawValue }

    /// How many values a count hidden for this reason must still be able to take, given everything
    /// published (its protection): a small count, or a count of a small group, at least k (it cannot be
    /// told from 0 or from k); a count equal to its group's size at least 2 (the whole group cannot be
    /// concluded); a complementary count none (it was publishable: 0 or at least k, hidden only to
    /// protect others). Hundepool et al. (2012), §4.2: protection is required of sensitive cells.
    func requiredValues(minimumCount k: Int) -> Int {
        switch self {
        case .primary, .hiddenBase: k
        case .fullCell: 2
        case .complementary: 1
        }
    }
}

import Analysis

extension DisclosureLedger {
    /// One linear program over a group row (a factor category, an activity type) and all its codes at
    /// once: `x[r][a]` for each row r (the group first) and atom a, then `n[a]`; the group's count at most
    /// its group's size (so every code's count too), each code's count at most the group's, the group's
    /// at most the codes' sum, and every published count of these rows and every published group size. It sees what the per-row
    /// programs with carried bounds may miss (a code bounded through the group in two countries).
    struct GroupProgram {
        let rows: [(kind: RowKind, id: String)]
        let program: LinearProgram

        /// The quantity as a sum of the program's variables; `nil` for a quantity of another row.
        func terms(_ quantity: Quantity, atoms count: Int) -> [LinearProgram.Term]? {
            guard case .row(let kind, let id, let atoms) = quantity,
                let row = rows.firstIndex(where: { $0.kind == kind && $0.id == id })
            else { return nil }
            return atoms.map { (row * count + $0, 1) }
        }
    }

    /// The group program of a group row of the basis, with `treatingAsHidden` left out.
    func groupProgram(_ group: BasisRow, treatingAsHidden extra: Set<Quantity> = []) -> GroupProgram {
        let rows = [(kind: group.kind, id: group.id)] + (group.members ?? []).map { (kind: RowKind.code, id: $0) }
        let atoms = basis.profiles.count
        let sizes = rows.count * atoms
        var program = LinearProgram(variables: sizes + atoms)
        for atom in 0..<atoms {
            // The group at most the atom's size; a code's count at most its size follows (code ≤ group).
            program.require([(atom, 1), (sizes + atom, -1)], atMost: 0)
            for row in rows.indices.dropFirst() { program.require([(row * atoms + atom, 1), (atom, -1)], atMost: 0) }
            program.require([(atom, 1)] + rows.indices.dropFirst().map { (variable: $0 * atoms + atom, coefficient: -1.0) }, atMost: 0)
        }
        let result = GroupProgram(rows: rows, program: program)
        var full = program
        for (index, row) in rows.enumerated() {
            for number in numbers(in: .row(kind: row.kind, id: row.id))
            where entry(number: number).hidden == nil && (extra.isEmpty || !extra.contains(quantities[number])) {
                full.require(quantities[number].atoms.map { (index * atoms + $0, 1) }, equals: Double(entry(number: number).value))
            }
        }
        for number in numbers(in: .participants)
        where entry(number: number).hidden == nil && (extra.isEmpty || !extra.contains(quantities[number])) {
            full.require(quantities[number].atoms.map { (sizes + $0, 1) }, equals: Double(entry(number: number).value))
        }
        return GroupProgram(rows: result.rows, program: full)
    }

    /// The whole numbers a quantity of the group can take in the group program's region.
    /// With `required`, as ``interval(of:inSpace:region:requiring:)``.
    func interval(
        of quantity: Quantity, in group: GroupProgram, region: LinearProgram.Region?, requiring required: Int? = nil
    ) -> (lower: Int, upper: Int?) {
        guard let terms = group.terms(quantity, atoms: basis.profiles.count) else { return (0, 0) }
        return Self.interval(of: region?.range(of: terms, enough: required.map(Self.enough)))
    }
}

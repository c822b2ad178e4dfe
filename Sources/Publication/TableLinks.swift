import Analysis
import Statistics
import StudyModel

/// Which ``Quantity`` each count of each table is: how the tables of a report are linked.
struct TableLinks {
    let basis: DisclosureBasis
    let tables: [TableResult]
    /// Publication groups: a column shown as a group stands for its members' atoms.
    let groups: [String: [String: [String]]]
    /// Per table (in order): the atoms of each column (crosstab, survey instrument) or of each stratum.
    private(set) var columnAtoms: [String: [[Int]]] = [:]

    init(tables: [TableResult], basis: DisclosureBasis, groups: [String: [String: [String]]] = [:]) throws(PublicationError) {
        self.basis = basis
        self.tables = tables
        self.groups = groups
        /// A level as the atoms see it: a publication group's members, or the level.
        func levels(_ variable: String, _ value: String) -> [String] { groups[variable]?[value] ?? [value] }
        for table in tables {
            switch table {
            case .crosstab(let crosstab):
                columnAtoms[crosstab.id] = try columns(crosstab.columns, of: crosstab.columnVariables, filter: crosstab.filter, table: crosstab.id)
            case .comparison(let comparison):
                let filter = [String: [String]]()
                var atoms: [[Int]] = []
                for group in comparison.comparison.groups {
                    for stratum in comparison.strata {
                        var conditions = filter
                        conditions[comparison.comparison.variable] = levels(comparison.comparison.variable, group)
                        conditions[comparison.comparison.within] = levels(comparison.comparison.within, stratum)
                        atoms.append(try Self.atoms(conditions, basis: basis, table: comparison.id))
                    }
                    // Pooled: the group's participants of every stratum (those with no stratum level are in no test).
                    atoms.append(try Self.atoms(
                        [
                            comparison.comparison.variable: levels(comparison.comparison.variable, group),
                            comparison.comparison.within: comparison.strata.flatMap { levels(comparison.comparison.within, $0) },
                        ], basis: basis, table: comparison.id))
                }
                columnAtoms[comparison.id] = atoms
            case .survey(let survey):
                for instrument in survey.instruments {
                    guard let surveyBasis = basis.surveys.first(where: { $0.instrumentID == instrument.instrumentID }) else {
                        throw .inconsistent("no survey basis for instrument \(instrument.instrumentID)")
                    }
                    var atoms: [[Int]] = []
                    for column in instrument.columns {
                        var conditions: [String: [String]] = [:]
                        for (variable, value) in zip(survey.columnVariables, column.values) { conditions[variable] = levels(variable, value) }
                        guard let set = surveyBasis.atoms(where: conditions) else {
                            throw .unknownVariable(table: survey.id, variable: survey.columnVariables.joined(separator: ", "))
                        }
                        atoms.append(set)
                    }
                    columnAtoms[survey.id + "|" + instrument.instrumentID] = atoms
                }
            case .agreement:
                break
            case .cooccurrence(let table):
                columnAtoms[table.id] = try columns(table.columns, of: table.columnVariables, filter: table.filter, table: table.id)
            case .jointDisplay(let display):
                let variable = display.columnVariables[0]
                columnAtoms[display.id] = try display.columns.map { column throws(PublicationError) in
                    try Self.atoms([variable: levels(variable, column.values[0])], basis: basis, table: display.id)
                }
                // The survey side: each instrument's respondents per column (none without a survey basis).
                for instrument in Set(display.rows.map(\.instrumentID)).sorted() {
                    let survey = basis.surveys.first { $0.instrumentID == instrument }
                    columnAtoms[display.id + "|" + instrument] = display.columns.map { column in
                        survey?.atoms(where: [variable: levels(variable, column.values[0])]) ?? []
                    }
                }
            }
        }
    }

    /// The atoms of each column group of a table of participants: its `where`, and the group's levels (a
    /// publication group standing for its members).
    private func columns(
        _ columns: [TableColumn], of variables: [String], filter: [String: [String]]?, table: String
    ) throws(PublicationError) -> [[Int]] {
        try columns.map { column throws(PublicationError) in
            var conditions = filter ?? [:]
            for (variable, value) in zip(variables, column.values) { conditions[variable] = groups[variable]?[value] ?? [value] }
            return try Self.atoms(conditions, basis: basis, table: table)
        }
    }

    private static func atoms(_ conditions: [String: [String]], basis: DisclosureBasis, table: String) throws(PublicationError) -> [Int] {
        guard let atoms = basis.atoms(where: conditions) else {
            let missing = conditions.keys.sorted().first { !basis.variables.contains($0) } ?? ""
            throw .unknownVariable(table: table, variable: missing)
        }
        return atoms
    }

    // MARK: - Quantities of a table

    static func columnLabel(_ values: [String]) -> String { values.isEmpty ? "all" : values.joined(separator: "/") }

    /// Each crosstab count: `(quantity, row index or nil for the base, column index)`.
    func quantities(_ table: CrosstabResult) -> [(Quantity, Int?, Int)] {
        let atoms = columnAtoms[table.id]!
        var list: [(Quantity, Int?, Int)] = []
        for (column, set) in atoms.enumerated() {
            list.append((.participants(atoms: set), nil, column))
            for (index, row) in table.rows.enumerated() {
                if row.kind == .role {
                    let roles = groups["role"]?[row.id] ?? [row.id]
                    let roleAtoms = set.filter { roles.contains(basis.profiles[$0][1]) }
                    list.append((.participants(atoms: roleAtoms), index, column))
                } else {
                    list.append((.row(kind: row.kind, id: row.id, atoms: set), index, column))
                }
            }
        }
        return list
    }

    /// The quantity of a comparison cell: `position` is `group · (strata + 1) + stratum`, the pooled
    /// cell at `stratum == strata`.
    func quantity(_ table: GroupComparisonResult, row: TableRow, position: Int, base: Bool) -> Quantity {
        let set = columnAtoms[table.id]![position]
        return base ? .participants(atoms: set) : .row(kind: row.kind, id: row.id, atoms: set)
    }

    /// Records every count of every table (and the study's participant total) in the ledger.
    func register(in ledger: inout DisclosureLedger, participants: Int) throws(PublicationError) {
        ledger.reserveCapacity(registrationBound())
        try ledger.register(
            .participants(atoms: Array(basis.profiles.indices)), value: participants,
            at: .init(table: "header", row: "participants", column: "all"))
        for table in tables {
            switch table {
            case .crosstab(let crosstab):
                // Each row's and column's label made once, not once per cell.
                let rowLabels = crosstab.rows.map { "\($0.kind.rawValue):\($0.id)" }
                let columnLabels = crosstab.columns.map { Self.columnLabel($0.values) }
                for (quantity, row, column) in quantities(crosstab) {
                    let place = DisclosureLedger.Place(
                        table: crosstab.id, row: row.map { rowLabels[$0] } ?? "base", column: columnLabels[column])
                    let value = row.map { crosstab.cells[$0][column].participants } ?? crosstab.columns[column].base
                    try ledger.register(quantity, value: value, at: place)
                }
            case .comparison(let comparison):
                let strata = comparison.strata.count
                for row in comparison.rows {
                    let rowName = "\(row.row.kind.rawValue):\(row.row.id)"
                    for group in 0..<2 {
                        for stratum in 0...strata {
                            let cell = stratum == strata
                                ? (group == 0 ? row.pooledFirst : row.pooledSecond)
                                : (group == 0 ? row.strata[stratum].first : row.strata[stratum].second)
                            let position = group * (strata + 1) + stratum
                            let column = comparison.comparison.groups[group] + "/" + (stratum == strata ? "all" : comparison.strata[stratum])
                            try ledger.register(
                                quantity(comparison, row: row.row, position: position, base: false), value: cell.participants,
                                at: .init(table: comparison.id, row: rowName, column: column))
                            try ledger.register(
                                quantity(comparison, row: row.row, position: position, base: true), value: cell.base,
                                at: .init(table: comparison.id, row: "base", column: column))
                        }
                    }
                }
            case .survey(let survey):
                for instrument in survey.instruments {
                    let atoms = columnAtoms[survey.id + "|" + instrument.instrumentID]!
                    // Each row's label made once, not once per column: an item's answers, its "no answer" and
                    // its number who answered.
                    let respondentsLabel = "\(instrument.instrumentID):respondents"
                    let itemLabels = instrument.items.map { item in
                        (answers: item.scale.values.map { "\(item.itemID):\($0.value)" }, noAnswer: "\(item.itemID):no-answer",
                         answered: "\(item.itemID):answered")
                    }
                    for (column, set) in atoms.enumerated() {
                        let label = Self.columnLabel(instrument.columns[column].values)
                        try ledger.register(
                            .respondents(instrument: instrument.instrumentID, atoms: set), value: instrument.columns[column].base,
                            at: .init(table: survey.id, row: respondentsLabel, column: label))
                        for (item, labels) in zip(instrument.items, itemLabels) {
                            for value in item.scale.values.indices {
                                try ledger.register(
                                    .answer(instrument: instrument.instrumentID, item: item.itemID, value: value, atoms: set),
                                    value: item.counts[column][value],
                                    at: .init(table: survey.id, row: labels.answers[value], column: label))
                            }
                            try ledger.register(
                                .noAnswer(instrument: instrument.instrumentID, item: item.itemID, atoms: set), value: item.missing[column],
                                at: .init(table: survey.id, row: labels.noAnswer, column: label))
                            try ledger.register(
                                .answered(instrument: instrument.instrumentID, item: item.itemID, atoms: set), value: item.answered[column],
                                at: .init(table: survey.id, row: labels.answered, column: label))
                        }
                    }
                }
            case .agreement:
                break
            case .cooccurrence(let table):
                try register(table, in: &ledger)
            case .jointDisplay(let display):
                // The interview side's counts are those of any crosstab of the codes (one quantity each).
                let atoms = columnAtoms[display.id]!
                let rowLabels = display.rows.map { "\($0.itemID):\($0.row.kind.rawValue):\($0.row.id)" }
                for (column, set) in atoms.enumerated() {
                    let label = Self.columnLabel(display.columns[column].values)
                    try ledger.register(
                        .participants(atoms: set), value: display.columns[column].base,
                        at: .init(table: display.id, row: "base", column: label))
                    for (row, rowLabel) in zip(display.rows, rowLabels) {
                        try ledger.register(
                            .row(kind: row.row.kind, id: row.row.id, atoms: set), value: row.interview[column].participants,
                            at: .init(table: display.id, row: rowLabel, column: label))
                    }
                }
            }
        }
    }

    /// How many counts ``register(in:participants:)`` registers, at most (a count shown in two tables
    /// counted twice): the room the ledger makes for them first.
    func registrationBound() -> Int {
        var count = 1
        for table in tables {
            switch table {
            case .crosstab(let crosstab): count += crosstab.columns.count * (crosstab.rows.count + 1)
            case .comparison(let comparison): count += comparison.rows.count * 2 * (comparison.strata.count + 1) * 2
            case .survey(let survey):
                for instrument in survey.instruments {
                    let perColumn = instrument.items.reduce(1) { $0 + $1.scale.values.count + 2 }
                    count += (columnAtoms[survey.id + "|" + instrument.instrumentID]?.count ?? 0) * perColumn
                }
            case .agreement: break
            case .cooccurrence(let table): count += (columnAtoms[table.id]?.count ?? 0) * (1 + table.codes.count + table.pairs.count)
            case .jointDisplay(let display): count += (columnAtoms[display.id]?.count ?? 0) * (1 + display.rows.count)
            }
        }
        return count
    }

    // MARK: - Lines

    /// Sets of quantities bound by one published sum (a total and its parts), for the classic
    /// complementary suppression that runs before the linear programs: a row across the columns of a
    /// table that partition a published total (also of another table), and a survey column's answers
    /// with its "no answer", its number who answered and its respondents. Each line lists its members by
    /// their numbers in the ledger (``DisclosureLedger/number(of:)``), found once here: the suppression
    /// goes over the lines pass after pass without hashing a quantity.
    func lines(in ledger: DisclosureLedger) -> [[Int]] {
        var lines: [[Int]] = []
        let families = columnAtoms.keys.sorted().map { columnAtoms[$0]! }
        // The ways a family splits an atom set into smaller shown sets, found once per atom set (many
        // counts of many rows share one).
        var splitsOf: [[Int]: [[[Int]]]] = [:]
        func splits(_ atoms: [Int]) -> [[[Int]]] {
            if let known = splitsOf[atoms] { return known }
            let whole = Set(atoms)
            var found: [[[Int]]] = []
            for family in families {
                let parts = family.filter { $0.count < whole.count && Set($0).isSubset(of: whole) }
                guard parts.count >= 2, Set(parts.joined()) == whole,
                    parts.map(\.count).reduce(0, +) == whole.count
                else { continue }
                found.append(parts)
            }
            splitsOf[atoms] = found
            return found
        }
        for space in ledger.spaces {
            // A part differs from its total only in its atoms, so it is in the total's space: it is
            // registered there exactly when the ledger numbers it.
            for (total, number) in zip(ledger.quantities(in: space), ledger.numbers(in: space)) {
                parts: for parts in splits(total.atoms) {
                    var line: [Int] = []
                    line.reserveCapacity(parts.count + 1)
                    for part in parts {
                        guard let member = ledger.number(of: total.replacingAtoms(part)) else { continue parts }
                        line.append(member)
                    }
                    line.append(number)
                    lines.append(line)
                }
            }
        }
        for case .survey(let survey) in tables {
            for instrument in survey.instruments {
                let id = instrument.instrumentID
                for set in columnAtoms[survey.id + "|" + id]! where !set.isEmpty {
                    let respondents = Self.registered(.respondents(instrument: id, atoms: set), in: ledger)
                    for item in instrument.items {
                        let answers = item.scale.values.indices.map {
                            Self.registered(.answer(instrument: id, item: item.itemID, value: $0, atoms: set), in: ledger)
                        }
                        let noAnswer = Self.registered(.noAnswer(instrument: id, item: item.itemID, atoms: set), in: ledger)
                        let answered = Self.registered(.answered(instrument: id, item: item.itemID, atoms: set), in: ledger)
                        lines += [answers + [answered], answers + [noAnswer, respondents], [answered, noAnswer, respondents]]
                    }
                }
            }
        }
        return lines
    }

    /// The number of a quantity ``register(in:participants:)`` registered.
    private static func registered(_ quantity: Quantity, in ledger: DisclosureLedger) -> Int {
        guard let number = ledger.number(of: quantity) else { preconditionFailure("unregistered quantity \(quantity)") }
        return number
    }
}

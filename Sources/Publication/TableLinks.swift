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
    private var columnAtoms: [String: [[Int]]] = [:]

    init(tables: [TableResult], basis: DisclosureBasis, groups: [String: [String: [String]]] = [:]) throws(PublicationError) {
        self.basis = basis
        self.tables = tables
        self.groups = groups
        /// A level as the atoms see it: a publication group's members, or the level.
        func levels(_ variable: String, _ value: String) -> [String] { groups[variable]?[value] ?? [value] }
        for table in tables {
            switch table {
            case .crosstab(let crosstab):
                var atoms: [[Int]] = []
                for column in crosstab.columns {
                    var conditions = crosstab.filter ?? [:]
                    for (variable, value) in zip(crosstab.columnVariables, column.values) { conditions[variable] = levels(variable, value) }
                    atoms.append(try Self.atoms(conditions, basis: basis, table: crosstab.id))
                }
                columnAtoms[crosstab.id] = atoms
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
                    atoms.append(try Self.atoms(
                        [comparison.comparison.variable: levels(comparison.comparison.variable, group)], basis: basis, table: comparison.id))
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
            }
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

    private func columnLabel(_ values: [String]) -> String { values.isEmpty ? "all" : values.joined(separator: "/") }

    /// Each crosstab count: `(quantity, row index or nil for the base, column index)`.
    private func quantities(_ table: CrosstabResult) -> [(Quantity, Int?, Int)] {
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
    private func quantity(_ table: GroupComparisonResult, row: TableRow, position: Int, base: Bool) -> Quantity {
        let set = columnAtoms[table.id]![position]
        return base ? .participants(atoms: set) : .row(kind: row.kind, id: row.id, atoms: set)
    }

    /// Records every count of every table (and the study's participant total) in the ledger.
    func register(in ledger: inout DisclosureLedger, participants: Int) throws(PublicationError) {
        try ledger.register(
            .participants(atoms: Array(basis.profiles.indices)), value: participants,
            at: .init(table: "header", row: "participants", column: "all"))
        for table in tables {
            switch table {
            case .crosstab(let crosstab):
                for (quantity, row, column) in quantities(crosstab) {
                    let place = DisclosureLedger.Place(
                        table: crosstab.id, row: row.map { "\(crosstab.rows[$0].kind.rawValue):\(crosstab.rows[$0].id)" } ?? "base",
                        column: columnLabel(crosstab.columns[column].values))
                    let value = row.map { crosstab.cells[$0][column].participants } ?? crosstab.columns[column].base
                    try ledger.register(quantity, value: value, at: place)
                }
            case .comparison(let comparison):
                let strata = comparison.strata.count
                for row in comparison.rows {
                    for group in 0..<2 {
                        for stratum in 0...strata {
                            let cell = stratum == strata
                                ? (group == 0 ? row.pooledFirst : row.pooledSecond)
                                : (group == 0 ? row.strata[stratum].first : row.strata[stratum].second)
                            let position = group * (strata + 1) + stratum
                            let column = comparison.comparison.groups[group] + "/" + (stratum == strata ? "all" : comparison.strata[stratum])
                            let rowName = "\(row.row.kind.rawValue):\(row.row.id)"
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
                    for (column, set) in atoms.enumerated() {
                        let label = columnLabel(instrument.columns[column].values)
                        try ledger.register(
                            .respondents(instrument: instrument.instrumentID, atoms: set), value: instrument.columns[column].base,
                            at: .init(table: survey.id, row: "\(instrument.instrumentID):respondents", column: label))
                        for item in instrument.items {
                            for value in item.scale.values.indices {
                                try ledger.register(
                                    .answer(instrument: instrument.instrumentID, item: item.itemID, value: value, atoms: set),
                                    value: item.counts[column][value],
                                    at: .init(table: survey.id, row: "\(item.itemID):\(item.scale.values[value].value)", column: label))
                            }
                            try ledger.register(
                                .noAnswer(instrument: instrument.instrumentID, item: item.itemID, atoms: set), value: item.missing[column],
                                at: .init(table: survey.id, row: "\(item.itemID):no-answer", column: label))
                            try ledger.register(
                                .answered(instrument: instrument.instrumentID, item: item.itemID, atoms: set), value: item.answered[column],
                                at: .init(table: survey.id, row: "\(item.itemID):answered", column: label))
                        }
                    }
                }
            case .agreement:
                break
            }
        }
    }

    // MARK: - Lines

    /// Sets of quantities bound by one published sum (a total and its parts), for the classic
    /// complementary suppression that runs before the linear programs: a row across the columns of a
    /// table that partition a published total (also of another table), and a survey column's answers
    /// with its "no answer", its number who answered and its respondents.
    func lines(in ledger: DisclosureLedger) -> [[Quantity]] {
        var lines: [[Quantity]] = []
        let families = columnAtoms.keys.sorted().map { columnAtoms[$0]! }
        for space in ledger.spaces {
            let quantities = ledger.quantities(in: space)
            let registered = Set(quantities)
            for total in quantities {
                let whole = Set(total.atoms)
                for family in families {
                    let parts = family.filter { $0.count < whole.count && Set($0).isSubset(of: whole) }
                    guard parts.count >= 2, Set(parts.joined()) == whole,
                        parts.map(\.count).reduce(0, +) == whole.count
                    else { continue }
                    let members = parts.map { total.replacingAtoms($0) }
                    guard members.allSatisfy(registered.contains) else { continue }
                    lines.append(members + [total])
                }
            }
        }
        for case .survey(let survey) in tables {
            for instrument in survey.instruments {
                let id = instrument.instrumentID
                for set in columnAtoms[survey.id + "|" + id]! where !set.isEmpty {
                    for item in instrument.items {
                        let answers = item.scale.values.indices.map {
                            Quantity.answer(instrument: id, item: item.itemID, value: $0, atoms: set)
                        }
                        let noAnswer = Quantity.noAnswer(instrument: id, item: item.itemID, atoms: set)
                        let answered = Quantity.answered(instrument: id, item: item.itemID, atoms: set)
                        let respondents = Quantity.respondents(instrument: id, atoms: set)
                        lines += [answers + [answered], answers + [noAnswer, respondents], [answered, noAnswer, respondents]]
                    }
                }
            }
        }
        return lines
    }

    // MARK: - Applying the pattern

    static let hiddenCell = TableCell(participants: 0, base: 0, percent: nil, segments: 0, interval: nil, suppressed: true)

    /// The table as published: hidden counts gone, statistics from published counts only.
    func apply(_ table: TableResult, ledger: DisclosureLedger, gate: StatisticGate) -> TableResult {
        switch table {
        case .crosstab(let crosstab): .crosstab(apply(crosstab, ledger: ledger))
        case .comparison(let comparison): .comparison(apply(comparison, ledger: ledger, gate: gate))
        case .survey(let survey): .survey(apply(survey, ledger: ledger, gate: gate))
        case .agreement(let agreement): .agreement(apply(agreement, minimumCount: gate.minimumCount))
        }
    }

    private func apply(_ table: CrosstabResult, ledger: DisclosureLedger) -> CrosstabResult {
        var published = table
        published.segmentsPublished = false
        var hidden = Array(repeating: Array(repeating: false, count: table.columns.count), count: table.rows.count)
        for (quantity, row, column) in quantities(table) where ledger.isHidden(quantity) {
            if let row {
                hidden[row][column] = true
            } else {
                published.columns[column].suppressed = true
                for index in table.rows.indices { hidden[index][column] = true }
            }
        }
        for row in table.rows.indices {
            for column in table.columns.indices {
                if hidden[row][column] {
                    published.cells[row][column] = Self.hiddenCell
                } else {
                    published.cells[row][column].segments = 0
                }
            }
        }
        guard !table.tests.isEmpty else { return published }
        // Each row tested on the groups (with participants) whose counts are published.
        published.tests = table.rows.indices.map { row in
            let columns = table.testableColumns.filter { !hidden[row][$0] }
            guard columns.count >= 2 else { return Self.withheld(table.tests[row]) }
            if columns.count == table.testableColumns.count { return table.tests[row] }
            return RowTestBuilder.test(of: table, row: row, columns: columns)
        }
        RowTestBuilder.adjust(&published.tests, table: table.id)
        return published
    }

    private static func withheld(_ test: RowTest) -> RowTest {
        var test = test
        test.fisher = nil
        test.chiSquare = nil
        test.oddsRatio = nil
        test.adjustedP = nil
        test.testedColumns = nil
        test.withheld = true
        return test
    }

    private func apply(_ table: GroupComparisonResult, ledger: DisclosureLedger, gate: StatisticGate) -> GroupComparisonResult {
        var published = table
        published.segmentsPublished = false
        let strata = table.strata.count
        func isHidden(_ row: TableRow, _ position: Int) -> Bool {
            ledger.isHidden(quantity(table, row: row, position: position, base: false))
                || ledger.isHidden(quantity(table, row: row, position: position, base: true))
        }
        for (index, row) in table.rows.enumerated() {
            var out = row
            for stratum in 0..<strata {
                let first = isHidden(row.row, stratum), second = isHidden(row.row, strata + 1 + stratum)
                if first { out.strata[stratum].first = Self.hiddenCell } else { out.strata[stratum].first.segments = 0 }
                if second { out.strata[stratum].second = Self.hiddenCell } else { out.strata[stratum].second.segments = 0 }
                if first || second {
                    out.strata[stratum].fisher = nil
                    out.strata[stratum].oddsRatio = nil
                    out.strata[stratum].withheld = true
                }
            }
            let pooledFirstHidden = isHidden(row.row, strata), pooledSecondHidden = isHidden(row.row, 2 * strata + 1)
            if pooledFirstHidden { out.pooledFirst = Self.hiddenCell } else { out.pooledFirst.segments = 0 }
            if pooledSecondHidden { out.pooledSecond = Self.hiddenCell } else { out.pooledSecond.segments = 0 }
            let strataPublished = out.strata.allSatisfy { !$0.withheld }
            if strataPublished && row.cochranMantelHaenszel != nil {
                out.pooledTest = .cochranMantelHaenszel
            } else {
                out.cochranMantelHaenszel = nil
                if !pooledFirstHidden && !pooledSecondHidden && row.pooledFisher != nil {
                    out.pooledTest = .fisherPooled
                } else {
                    out.pooledTest = nil
                    out.pooledFisher = nil
                    out.pooledOddsRatio = nil
                }
            }
            out.withheld = out.pooledTest == nil
            if pooledFirstHidden || pooledSecondHidden {
                out.pooledFisher = nil
                out.pooledOddsRatio = nil
            }
            published.rows[index] = out
        }
        ComparisonBuilder.adjust(&published.rows, table: table.id)
        return published
    }

    private func apply(_ table: SurveyTableResult, ledger: DisclosureLedger, gate: StatisticGate) -> SurveyTableResult {
        var published = table
        for (instrumentIndex, instrument) in table.instruments.enumerated() {
            let id = instrument.instrumentID
            let atoms = columnAtoms[table.id + "|" + id]!
            var out = instrument
            for column in instrument.columns.indices
            where ledger.isHidden(.respondents(instrument: id, atoms: atoms[column])) {
                out.columns[column].suppressed = true
            }
            for (itemIndex, item) in instrument.items.enumerated() {
                var shown = item
                let counts = atoms.map { set in
                    item.scale.values.indices.map { ledger.isHidden(.answer(instrument: id, item: item.itemID, value: $0, atoms: set)) }
                }
                let missing = atoms.map { ledger.isHidden(.noAnswer(instrument: id, item: item.itemID, atoms: $0)) }
                let answered = atoms.map { ledger.isHidden(.answered(instrument: id, item: item.itemID, atoms: $0)) }
                if counts.joined().contains(true) || missing.contains(true) || answered.contains(true) {
                    shown.suppressedCounts = counts
                    shown.suppressedMissing = missing
                    shown.answeredHidden = answered.contains(true) ? answered : nil
                    for column in atoms.indices {
                        for value in item.scale.values.indices where counts[column][value] { shown.counts[column][value] = 0 }
                        if missing[column] { shown.missing[column] = 0 }
                        if answered[column] { shown.answered[column] = 0 }
                    }
                    // χ² over the groups whose counts are all published.
                    let columns = atoms.indices.filter { column in
                        !counts[column].contains(true) && item.answered[column] > 0
                    }
                    let all = atoms.indices.filter { item.answered[$0] > 0 }
                    if columns.count == all.count {
                        shown.chiSquare = item.chiSquare
                    } else if columns.count >= 2, let test = item.chiSquare(over: columns) {
                        shown.chiSquare = test
                        shown.chiSquareColumns = columns
                    } else {
                        shown.chiSquare = nil
                        shown.testsWithheld = true
                    }
                }
                shown.comparisons = item.comparisons.map { comparison in
                    var comparison = comparison
                    if !gate.answersDetermined(instrument: id, item: item.itemID, values: item.scale.values.count, variable: comparison.variable, groups: comparison.groups) {
                        comparison.test = nil
                        comparison.withheld = true
                    }
                    return comparison
                }
                out.items[itemIndex] = shown
            }
            SurveyDistributionBuilder.adjustComparisons(&out)
            out.scales = instrument.scales.map { scale in
                var scale = scale
                let determined = scale.items.allSatisfy { itemID in
                    let values = instrument.items.first { $0.itemID == itemID }?.scale.values.count ?? 0
                    return gate.answersDetermined(instrument: id, item: itemID, values: values, variable: nil, groups: [])
                }
                if !determined {
                    scale.cronbach = nil
                    scale.withheld = true
                }
                return scale
            }
            published.instruments[instrumentIndex] = out
        }
        return published
    }

    /// Agreement: a coder's count of a code from 1 to k − 1 is hidden, and with it κ, α, the percent
    /// agreement and the flag (the expected agreement is linear in the count); the overall α goes when
    /// any code's does. The double-coded participants are published nowhere else.
    private func apply(_ table: AgreementResult, minimumCount: Int) -> AgreementResult {
        var table = table
        func small(_ count: Int?) -> Bool { count.map { $0 > 0 && $0 < minimumCount } ?? false }
        for index in table.codes.indices {
            let code = table.codes[index]
            guard small(code.presentFirst) || small(code.presentSecond) else { continue }
            if small(code.presentFirst) { table.codes[index].presentFirst = nil }
            if small(code.presentSecond) { table.codes[index].presentSecond = nil }
            table.codes[index].kappa = nil
            table.codes[index].alpha = nil
            table.codes[index].percentAgreement = nil
            table.codes[index].flagged = false
            table.codes[index].withheld = true
        }
        if table.codes.contains(where: \.withheld) {
            table.overallAlpha = nil
            table.overallWithheld = true
        }
        return table
    }
}

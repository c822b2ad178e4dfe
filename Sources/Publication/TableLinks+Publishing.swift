import Analysis
import Statistics
import StudyModel

/// Applying the pattern: the tables as published, hidden counts gone and statistics from published
/// counts only (see ``DisclosurePass``).
extension TableLinks {

    /// A level as the atoms see it: a publication group's members, or the level.
    func levels(_ variable: String, _ value: String) -> [String] { groups[variable]?[value] ?? [value] }

    static let hiddenCell = TableCell(participants: 0, base: 0, percent: nil, segments: 0, interval: nil, suppressed: true)

    /// The table as published: hidden counts gone, statistics from published counts only. `concurrently`:
    /// the tests computed again (a joint display's rows) on all cores; the table is the same either way.
    func apply(_ table: TableResult, ledger: DisclosureLedger, gate: StatisticGate, concurrently: Bool = true) -> TableResult {
        switch table {
        case .crosstab(let crosstab): .crosstab(apply(crosstab, ledger: ledger))
        case .comparison(let comparison): .comparison(apply(comparison, ledger: ledger, gate: gate))
        case .survey(let survey): .survey(apply(survey, ledger: ledger, gate: gate))
        case .agreement(let agreement): .agreement(apply(agreement, minimumCount: gate.minimumCount))
        case .jointDisplay(let display): .jointDisplay(apply(display, ledger: ledger, gate: gate, concurrently: concurrently))
        case .cooccurrence(let table): .cooccurrence(apply(table, ledger: ledger, minimumCount: gate.minimumCount))
        }
    }

    /// The table as published when that reads the ledger alone (a crosstab, a co-occurrence table, an
    /// agreement table: what ``apply(_:ledger:gate:concurrently:)`` gives it); `nil` for a table that
    /// asks the statistic gate (a comparison, a survey table, a joint display).
    func applyReadingLedgerAlone(_ table: TableResult, ledger: DisclosureLedger, minimumCount: Int) -> TableResult? {
        switch table {
        case .crosstab(let crosstab): .crosstab(apply(crosstab, ledger: ledger))
        case .agreement(let agreement): .agreement(apply(agreement, minimumCount: minimumCount))
        case .cooccurrence(let table): .cooccurrence(apply(table, ledger: ledger, minimumCount: minimumCount))
        case .comparison, .survey, .jointDisplay: nil
        }
    }

    /// A joint display: an interview cell is hidden with its count or its base; a survey share is
    /// published only where every answer count it sums, and the number who answered, is determined by
    /// what the report publishes (the survey tables), so that it tells nothing they do not. Each side is
    /// tested on what is published, and a side with a hidden count is not tested; a row published with
    /// the counts the analysis tested keeps the analysis' tests. The rows tested again are tested after
    /// the loop (which asks the gate, whose cache one thread fills), on all cores when `concurrently`.
    func apply(_ table: JointDisplayResult, ledger: DisclosureLedger, gate: StatisticGate, concurrently: Bool = true) -> JointDisplayResult {
        var published = table
        var retested: [Int] = []
        let atoms = columnAtoms[table.id]!
        for (index, row) in table.rows.enumerated() {
            var out = row
            let surveyAtoms = columnAtoms[table.id + "|" + row.instrumentID] ?? []
            for column in table.columns.indices {
                let set = atoms[column]
                if ledger.isHidden(.participants(atoms: set)) || ledger.isHidden(.row(kind: row.row.kind, id: row.row.id, atoms: set)) {
                    out.interview[column] = Self.hiddenCell
                    out.interviewWithheld = true
                } else {
                    out.interview[column].segments = nil
                }
                let respondents = column < surveyAtoms.count ? surveyAtoms[column] : []
                let inputs = row.presentValueIndices.map {
                    Quantity.answer(instrument: row.instrumentID, item: row.itemID, value: $0, atoms: respondents)
                } + [.answered(instrument: row.instrumentID, item: row.itemID, atoms: respondents)]
                let determined = respondents.isEmpty
                    || inputs.allSatisfy { ledger.spaces.contains($0.space) && gate.isDetermined($0) }
                if !determined {
                    out.survey[column] = SurveyShare(present: 0, answered: 0)
                    out.survey[column].interval = nil
                    out.survey[column].suppressed = true
                    out.surveyWithheld = true
                }
            }
            // The analysis tested the row as it was: a row published with the same counts keeps its tests
            // (the same values, without computing them again).
            if !JointDisplayBuilder.hasSameTestInputs(out, row) { retested.append(index) }
            published.rows[index] = out
        }
        let rows = retested.map { published.rows[$0] }
        let test = { @Sendable (row: JointDisplayRow) -> JointDisplayRow in
            var row = row
            JointDisplayBuilder.test(&row)
            return row
        }
        let tested = concurrently && rows.count > 1 ? ConcurrentMap.map(rows, test) : rows.map(test)
        for (index, row) in zip(retested, tested) { published.rows[index] = row }
        return published
    }

    func apply(_ table: CrosstabResult, ledger: DisclosureLedger) -> CrosstabResult {
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
                    published.cells[row][column].segments = nil
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

    static func withheld(_ test: RowTest) -> RowTest {
        var test = test
        test.fisher = nil
        test.chiSquare = nil
        test.oddsRatio = nil
        test.adjustedP = nil
        test.testedColumns = nil
        test.withheld = true
        return test
    }

    func apply(_ table: GroupComparisonResult, ledger: DisclosureLedger, gate: StatisticGate) -> GroupComparisonResult {
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
                if first { out.strata[stratum].first = Self.hiddenCell } else { out.strata[stratum].first.segments = nil }
                if second { out.strata[stratum].second = Self.hiddenCell } else { out.strata[stratum].second.segments = nil }
                if first || second {
                    out.strata[stratum].fisher = nil
                    out.strata[stratum].oddsRatio = nil
                    out.strata[stratum].withheld = true
                }
            }
            let pooledFirstHidden = isHidden(row.row, strata), pooledSecondHidden = isHidden(row.row, 2 * strata + 1)
            if pooledFirstHidden { out.pooledFirst = Self.hiddenCell } else { out.pooledFirst.segments = nil }
            if pooledSecondHidden { out.pooledSecond = Self.hiddenCell } else { out.pooledSecond.segments = nil }
            let strataPublished = out.strata.allSatisfy { !$0.withheld }
            if strataPublished, let stratified = ComparisonBuilder.stratifiedTest(row) {
                out.pooledTest = stratified
            } else {
                // The stratified tests (and Breslow–Day) are functions of every stratum's counts.
                out.cochranMantelHaenszel = nil
                out.exactCMH = nil
                out.breslowDay = nil
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

    func apply(_ table: SurveyTableResult, ledger: DisclosureLedger, gate: StatisticGate) -> SurveyTableResult {
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
                    let groups = comparison.groups.map { group -> [String: [String]] in
                        var conditions = [comparison.variable: levels(comparison.variable, group)]
                        if let variable = comparison.stratumVariable, let stratum = comparison.stratum {
                            conditions[variable] = levels(variable, stratum)
                        }
                        return conditions
                    }
                    if !gate.answersDetermined(instrument: id, item: item.itemID, values: item.scale.values.count, groups: groups) {
                        comparison.test = nil
                        comparison.kruskalWallis = nil
                        comparison.linearByLinear = nil
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
                    return gate.answersDetermined(instrument: id, item: itemID, values: values, groups: [])
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

    /// Agreement: a coder's count of a code from 1 to k − 1 is hidden, and with it κ, AC1, PABAK, the
    /// prevalence and its index, α, the percent agreement and the flag (each is a function of the counts:
    /// the prevalence is the two counts over the base, the expected agreement is linear in them); the
    /// median α goes when any code's α does. The double-coded participants are published nowhere else.
    func apply(_ table: AgreementResult, minimumCount: Int) -> AgreementResult {
        var table = table
        func small(_ count: Int?) -> Bool { count.map { $0 > 0 && $0 < minimumCount } ?? false }
        for index in table.codes.indices {
            let code = table.codes[index]
            guard small(code.presentFirst) || small(code.presentSecond) else { continue }
            if small(code.presentFirst) { table.codes[index].presentFirst = nil }
            if small(code.presentSecond) { table.codes[index].presentSecond = nil }
            table.codes[index].kappa = nil
            table.codes[index].alpha = nil
            table.codes[index].ac1 = nil
            table.codes[index].pabak = nil
            table.codes[index].prevalence = nil
            table.codes[index].prevalenceIndex = nil
            table.codes[index].percentAgreement = nil
            table.codes[index].flagged = false
            table.codes[index].withheld = true
        }
        if table.codes.contains(where: \.withheld) {
            table.medianAlpha = nil
            table.alphaCodes = nil
            table.overallWithheld = true
        }
        return table
    }
}

import Analysis
import Statistics
import StudyModel

/// Statistical disclosure control for published tables: small counts are suppressed, with the
/// complementary suppression that keeps totals from giving them away.
///
/// - Primary suppression: every count n with 0 < n < k is hidden (k = the manifest's
///   `disclosure.minimum_count`, 5 by default; the ONS and the UK Data Service use 10). A column whose
///   base is small is hidden whole.
/// - Complementary suppression: in every line of cells whose total is published (a crosstab row across
///   its column groups, the roles of a sample column, the strata of a comparison and their pooled cell,
///   the responses of a survey column with its published number of answers), one hidden cell alone could be recovered by
///   subtraction; so the smallest other cell of that line is hidden too (a non-zero one first), until no
///   line has exactly one hidden cell.
/// - Survey non-response ("no answer") is published: it says nothing of anyone's answer.
/// - What follows a hidden cell: its percentage, interval and segments are hidden; a row's tests and
///   effect sizes are withheld when one of its cells is hidden (an odds ratio or residual would give the
///   count away). Hidden values are zeroed in the published results, so no file can leak them.
///
/// Reference: ONS and UK Data Service practice; Hundepool et al. (2012), *Statistical Disclosure
/// Control*, ch. 4 (see `../shared/DATA-HANDLING.md` §1).
public struct DisclosureControl: Sendable {
    /// Counts below this (and above 0) are suppressed.
    public let minimumCount: Int

    public init(minimumCount: Int) {
        self.minimumCount = minimumCount
    }

    /// The results as they may be published.
    public func apply(to results: AnalysisResults) -> AnalysisResults {
        var published = results
        published.suppressionApplied = true
        published.tables = results.tables.map { table in
            switch table {
            case .crosstab(let crosstab): .crosstab(apply(crosstab))
            case .comparison(let comparison): .comparison(apply(comparison))
            case .survey(let survey): .survey(apply(survey))
            case .agreement(let agreement): .agreement(apply(agreement))
            }
        }
        return published
    }

    func isSmall(_ count: Int) -> Bool { count > 0 && count < minimumCount }

    // MARK: - Tables

    private func apply(_ table: CrosstabResult) -> CrosstabResult {
        var table = table
        for index in table.columns.indices where isSmall(table.columns[index].base) {
            table.columns[index].suppressed = true
        }
        let rows = table.rows.count, columns = table.columns.count
        let values = table.cells.flatMap { $0.map(\.participants) }
        var hidden = (0..<rows).flatMap { row in
            (0..<columns).map { column in table.columns[column].suppressed || isSmall(table.cells[row][column].participants) }
        }
        var lines = (0..<rows).map { row in (0..<columns).map { row * columns + $0 } }
        if table.rowSet == .sample {
            // Roles partition a column: its cells add up to the published base.
            lines += (0..<columns).map { column in (0..<rows).map { $0 * columns + column } }
        }
        Self.complement(&hidden, values: values, lines: lines)
        for row in 0..<rows {
            for column in 0..<columns where hidden[row * columns + column] {
                table.cells[row][column] = Self.hiddenCell
            }
            if hidden[(row * columns)..<((row + 1) * columns)].contains(true), row < table.tests.count {
                table.tests[row] = Self.withheld(table.tests[row])
            }
        }
        return table
    }

    private func apply(_ table: GroupComparisonResult) -> GroupComparisonResult {
        var table = table
        for rowIndex in table.rows.indices {
            var row = table.rows[rowIndex]
            // Per group: the strata's cells and the pooled cell (their published total).
            var anyHidden = false
            for group in 0..<2 {
                var cells = row.strata.map { group == 0 ? $0.first : $0.second }
                cells.append(group == 0 ? row.pooledFirst : row.pooledSecond)
                var hidden = cells.map { isSmall($0.participants) || isSmall($0.base) }
                Self.complement(&hidden, values: cells.map(\.participants), lines: [Array(cells.indices)])
                for (index, isHidden) in hidden.enumerated() where isHidden {
                    anyHidden = true
                    if index < row.strata.count {
                        if group == 0 { row.strata[index].first = Self.hiddenCell } else { row.strata[index].second = Self.hiddenCell }
                    } else if group == 0 {
                        row.pooledFirst = Self.hiddenCell
                    } else {
                        row.pooledSecond = Self.hiddenCell
                    }
                }
            }
            for index in row.strata.indices where row.strata[index].first.suppressed || row.strata[index].second.suppressed {
                row.strata[index].fisher = nil
                row.strata[index].oddsRatio = nil
                row.strata[index].withheld = true
            }
            if anyHidden {
                row.cochranMantelHaenszel = nil
                row.adjustedP = nil
                row.withheld = true
            }
            table.rows[rowIndex] = row
        }
        return table
    }

    private func apply(_ table: SurveyTableResult) -> SurveyTableResult {
        var table = table
        for instrumentIndex in table.instruments.indices {
            var instrument = table.instruments[instrumentIndex]
            for index in instrument.columns.indices where isSmall(instrument.columns[index].base) {
                instrument.columns[index].suppressed = true
            }
            for itemIndex in instrument.items.indices {
                var item = instrument.items[itemIndex]
                var counts = item.counts.map { $0.map { _ in false } }
                var missing = item.missing.map { _ in false }
                for column in item.counts.indices {
                    // A column's responses add up to its published number of answers.
                    let values = item.counts[column]
                    var hidden = values.map { instrument.columns[column].suppressed || isSmall($0) }
                    Self.complement(&hidden, values: values, lines: [Array(values.indices)])
                    counts[column] = hidden
                    missing[column] = instrument.columns[column].suppressed
                    for value in values.indices where hidden[value] { item.counts[column][value] = 0 }
                    if missing[column] { item.missing[column] = 0 }
                }
                if counts.joined().contains(true) || missing.contains(true) {
                    item.suppressedCounts = counts
                    item.suppressedMissing = missing
                    item.chiSquare = nil
                    item.testsWithheld = true
                }
                instrument.items[itemIndex] = item
            }
            table.instruments[instrumentIndex] = instrument
        }
        return table
    }

    private func apply(_ table: AgreementResult) -> AgreementResult {
        var table = table
        for index in table.codes.indices {
            if let count = table.codes[index].presentFirst, isSmall(count) { table.codes[index].presentFirst = nil }
            if let count = table.codes[index].presentSecond, isSmall(count) { table.codes[index].presentSecond = nil }
        }
        return table
    }

    // MARK: - Helpers

    static let hiddenCell = TableCell(participants: 0, base: 0, percent: nil, segments: 0, interval: nil, suppressed: true)

    private static func withheld(_ test: RowTest) -> RowTest {
        var test = test
        test.fisher = nil
        test.chiSquare = nil
        test.oddsRatio = nil
        test.adjustedP = nil
        test.withheld = true
        return test
    }

    /// Hides, in every line with exactly one hidden cell, the smallest other cell (non-zero first; ties:
    /// the first), until no line has exactly one hidden cell.
    static func complement(_ hidden: inout [Bool], values: [Int], lines: [[Int]]) {
        var changed = true
        while changed {
            changed = false
            for line in lines where line.filter({ hidden[$0] }).count == 1 {
                let candidates = line.filter { !hidden[$0] }
                guard let pick = candidates.min(by: { a, b in
                    let keyA = (values[a] == 0 ? 1 : 0, values[a], a)
                    let keyB = (values[b] == 0 ? 1 : 0, values[b], b)
                    return keyA < keyB
                }) else { continue }
                hidden[pick] = true
                changed = true
            }
        }
    }
}

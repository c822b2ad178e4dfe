import Foundation
import Analysis

/// The audit of a published report: for every hidden count, the interval of values consistent with
/// everything the report publishes (every table, total and group size together), which must hold at
/// least k values; written beside the tables as `disclosure-audit.csv`, without the hidden values.
///
/// The intervals are those of the linear-programming relaxation (see ``DisclosurePass``), which for
/// tables of counts with their margins (one row across country × role) are exact.
public struct DisclosureAudit: Sendable {
    public struct Entry: Sendable, Equatable {
        public var table: String
        public var row: String
        public var column: String
        /// `suppressed` (a small count, a count equal to its group's size, or one hidden to protect
        /// another: which of these is not published, since it would narrow the interval) or
        /// `group-hidden` (the count of a group whose size is hidden).
        public var reason: String
        /// The smallest and largest values consistent with the report (`upper` nil: unbounded).
        public var lower: Int
        public var upper: Int?
    }

    /// Every hidden count, at every place it would have appeared, in table, row and column order.
    public var entries: [Entry]
    /// Every statistic withheld because it would be computed from a hidden count: table, row (or item),
    /// and which statistic.
    public var withheldStatistics: [(table: String, row: String, statistic: String)] = []
    /// The number of distinct hidden counts.
    public var hiddenCounts: Int
    /// The narrowest interval of a small count or a count of a small group, in values (the rule
    /// requires at least ``minimumCount``; a full cell needs 2, a complementary count none).
    public var narrowest: Int?
    public var minimumCount: Int

    /// Audits the ledger.
    ///
    /// Each hidden count is seen through several programs: its space's, the programs of the pairs of
    /// codes it is in, and its group's (see ``AuditQuestions``). The programs are independent, so with
    /// `concurrently` their regions are found and asked on all cores, each program by one task asking
    /// its questions in the order of the counts; the answers are then combined count by count, in the
    /// ledger's order: the same audit, and the same first refusal, as one program after the other.
    /// - Throws: ``PublicationError/pinned(_:)`` naming the first hidden count that can take fewer than
    ///   k values.
    init(ledger: DisclosureLedger, minimumCount: Int, concurrently: Bool = true) throws(PublicationError) {
        self.minimumCount = minimumCount
        var entries: [Entry] = []
        var narrowest: Int?
        var hidden = 0
        let pass = DisclosurePass(minimumCount: minimumCount)
        var questions = AuditQuestions(ledger: ledger)
        // The hidden counts by their numbers in the ledger (their entries read by number, not looked up).
        let asked = ledger.quantities.indices.compactMap { number -> (Int, [Int])? in
            guard let reason = ledger.hiddenReason(number: number) else { return nil }
            return (number, questions.ask(about: ledger.quantities[number], requiring: reason.requiredValues(minimumCount: minimumCount)))
        }
        let answers = questions.answers(concurrently: concurrently)
        for (number, places) in asked {
            let quantity = ledger.quantities[number]
            let entry = ledger.entry(number: number), reason = entry.hidden!
            var interval = answers[places[0]]
            var required = reason.requiredValues(minimumCount: minimumCount)
            var rest = places.dropFirst()
            if quantity.space.isPair {
                // The pair count's structural width (``DisclosurePass/requiredInPair(_:ledger:bare:)``):
                // asked of the bare program only when the rule asks for more than one value.
                // The pass recorded it for every pair count of a space that publishes one.
                if case .pair = quantity, required > 1 {
                    required = min(required, ledger.structuralRequirements[quantity] ?? pass.width(answers[rest.removeFirst()]))
                }
            }
            for place in rest {
                let tight = answers[place]
                interval = (max(interval.lower, tight.lower), [interval.upper, tight.upper].compactMap { $0 }.min())
            }
            let values = interval.upper.map { $0 - interval.lower + 1 }
            hidden += 1
            if let values, required > 1 {
                if required >= minimumCount { narrowest = min(narrowest ?? values, values) }
                if values < required {
                    let place = entry.places.sorted().first!
                    throw .pinned("\(place.table), \(place.row), \(place.column) could be derived to \(values) value(s) (at least \(required) required)")
                }
            }
            for place in entry.places {
                entries.append(Entry(
                    table: place.table, row: place.row, column: place.column,
                    reason: reason == .hiddenBase ? "group-hidden" : "suppressed", lower: interval.lower, upper: interval.upper))
            }
        }
        self.entries = entries.sorted { ($0.table, $0.row, $0.column) < ($1.table, $1.row, $1.column) }
        hiddenCounts = hidden
        self.narrowest = narrowest
    }

    /// The audit as CSV: `table,row,column,reason,lower,upper,values`; a withheld statistic has the
    /// reason `statistic-withheld`, the statistic in `column` and no interval.
    public func csv() -> String {
        var out = "table,row,column,reason,lower,upper,values\n"
        func line(_ fields: String...) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(",") }
                out.append(Self.field(field))
            }
            out.append("\n")
        }
        for entry in entries {
            let upper = entry.upper.map(String.init) ?? ""
            let values = entry.upper.map { String($0 - entry.lower + 1) } ?? ""
            line(entry.table, entry.row, entry.column, entry.reason, String(entry.lower), upper, values)
        }
        for withheld in withheldStatistics {
            line(withheld.table, withheld.row, withheld.statistic, "statistic-withheld", "", "", "")
        }
        return out
    }

    /// Records the statistics the published tables withhold.
    mutating func recordWithheldStatistics(of tables: [TableResult]) {
        var list: [(table: String, row: String, statistic: String)] = []
        for table in tables {
            switch table {
            case .crosstab(let crosstab):
                for test in crosstab.tests where test.withheld {
                    list.append((crosstab.id, "\(test.rowKind.rawValue):\(test.row)", "row tests"))
                }
            case .comparison(let comparison):
                for row in comparison.rows {
                    let name = "\(row.row.kind.rawValue):\(row.row.id)"
                    for stratum in row.strata where stratum.withheld { list.append((comparison.id, name, "fisher \(stratum.stratum)")) }
                    if row.withheld { list.append((comparison.id, name, "pooled test")) }
                }
            case .survey(let survey):
                for instrument in survey.instruments {
                    for item in instrument.items {
                        let name = "\(instrument.instrumentID).\(item.itemID)"
                        if item.testsWithheld { list.append((survey.id, name, "chi-square")) }
                        for comparison in item.comparisons where comparison.withheld {
                            let test = comparison.trend ? "linear-by-linear" : comparison.groups.count == 2 ? "mann-whitney" : "kruskal-wallis"
                            let within = comparison.stratum.map { " within \(comparison.stratumVariable ?? "") \($0)" } ?? ""
                            list.append((survey.id, name, "\(test) \(comparison.groups.joined(separator: " vs "))\(within)"))
                        }
                    }
                    for scale in instrument.scales where scale.withheld {
                        list.append((survey.id, "\(instrument.instrumentID).\(scale.subscale)", "cronbach alpha"))
                    }
                }
            case .agreement(let agreement):
                for code in agreement.codes where code.withheld { list.append((agreement.id, "code:\(code.code)", "kappa, ac1, pabak, prevalence, alpha, agreement")) }
                if agreement.overallWithheld { list.append((agreement.id, "all codes", "median alpha")) }
            case .cooccurrence(let table):
                for pair in table.pairs {
                    let name = TableLinks.pairLabel(table.codes[pair.first].row.id, table.codes[pair.second].row.id)
                    for (column, cell) in pair.cells.enumerated() where !table.columns[column].suppressed {
                        let label = TableLinks.columnLabel(table.columns[column].values)
                        var withheld: [String] = []
                        if !cell.suppressed && cell.jaccardWithheld { withheld.append("jaccard") }
                        if !cell.suppressed && cell.segmentsSuppressed { withheld.append("segments both") }
                        if !cell.segmentsSuppressed && cell.segmentJaccardWithheld { withheld.append("segment jaccard") }
                        if !withheld.isEmpty { list.append((table.id, name, "\(withheld.joined(separator: ", ")) \(label)")) }
                    }
                }
            case .jointDisplay(let display):
                for row in display.rows {
                    let name = "\(row.row.kind.rawValue):\(row.row.id) ~ \(row.instrumentID).\(row.itemID)"
                    if row.interviewWithheld { list.append((display.id, name, "fisher interviews")) }
                    if row.surveyWithheld { list.append((display.id, name, "survey share, fisher survey")) }
                }
            }
        }
        withheldStatistics = list
    }

    /// The field, quoted when it holds a comma, a quote, a line feed or a carriage return (looked for as
    /// bytes: a comma followed by a combining mark is still a comma to a CSV reader).
    private static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + ASCIIReplacement.replacing("\"", with: "\"\"", in: text) + "\""
    }
}

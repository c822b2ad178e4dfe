import Analysis
import Foundation
import Statistics
import Storage
import StudyModel

/// Writes the plain-text summary: the sample, then the largest differences the tables show with their
/// effect sizes, intervals and adjusted p-values, agreement problems, survey differences, and a plain
/// warning wherever a base is too small to conclude anything.
///
/// It reads the tables of the default plan it finds (by id); a plan without them gets a shorter summary.
struct SummaryWriter {
    let results: AnalysisResults
    let vocabulary: Vocabulary
    /// Differences are called significant below this adjusted p.
    let level = 0.05

    func summary() -> String {
        var paragraphs: [String] = []
        paragraphs.append("Summary of \(results.study.name), version \(results.study.version)")
        paragraphs.append(sample())
        if let text = countries() { paragraphs.append(text) }
        if let text = fathersAndMothers() { paragraphs.append(text) }
        if let text = activities() { paragraphs.append(text) }
        if let text = agreement() { paragraphs.append(text) }
        if let text = surveys() { paragraphs.append(text) }
        paragraphs.append(
            "How to read this: percentages are of all participants of a group, including those with no coded "
                + "segment, with 95% Wilson intervals; a participant counts once per row however many segments they "
                + "have. Each row of a table is tested on its own (Fisher's exact test; pooled over countries with the "
                + "Cochran–Mantel–Haenszel test), and p-values are adjusted with Benjamini–Hochberg across the rows of "
                + "the table. \"Differed\" means an adjusted p below \(level); everything else is described, not claimed.")
        return paragraphs.flatMap { $0.components(separatedBy: "\n\n") }.map { wrapped($0) }.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Sections

    private func sample() -> String {
        var text = "The sample has \(results.participants) interviewed participants"
        guard let table = crosstab("sample-by-country-role") else { return text + "." }
        text += ": " + list(table.columns.map { "\($0.base) in \(columnName($0))" }) + "."
        var shown = 0
        var roles = table.rows.enumerated().compactMap { index, row -> String? in
            guard !table.cells[index].contains(where: \.suppressed) else { return nil }
            let total = table.cells[index].reduce(0) { $0 + $1.participants }
            shown += total
            return total == 0 ? nil : "\(total) \(vocabulary.rowLabel(row).lowercased())"
        }
        if shown < results.participants {
            roles.append("\(results.participants - shown) in roles with cells below \(results.minimumCount) (suppressed)")
        }
        text += " By role: " + list(roles) + "."
        text += " The analysed coding (coder policy: \(results.analysedCoders.joined(separator: ", then "))) has "
            + "\(results.analysedSegments) coded segments."
        return text
    }

    private func countries() -> String? {
        guard let table = crosstab("barriers-by-country"), table.columns.count == 2, !table.tests.isEmpty else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 {
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) }
                .filter { !table.cells[$0][columnIndex].suppressed }.prefix(3)
            sentences.append("In \(columnName(column)) the barriers mentioned by most participants were "
                + list(top.map { "\(label(table.rows[$0])) (\(share(table.cells[$0][columnIndex])))" }) + ".")
        }
        sentences.append(differences(table, kind: .code, what: "barrier", between: "the countries"))
        sentences += tooSmall(table.columns)
        return sentences.joined(separator: " ")
    }

    private func fathersAndMothers() -> String? {
        guard let table = comparison("barriers-fathers-vs-mothers") else { return nil }
        let groups = table.comparison.groups.map { vocabulary.level($0).lowercased() }
        var sentences: [String] = []
        var small: [String] = []
        for (index, stratum) in table.strata.enumerated() {
            guard let row = table.rows.first else { break }
            let bases = (row.strata[index].first.base, row.strata[index].second.base)
            if min(bases.0, bases.1) < results.minimumBase {
                small.append("in \(vocabulary.levelInSentence(stratum)) \(bases.0) \(groups[0]) and \(bases.1) \(groups[1])")
            }
        }
        let codeRows = table.rows.indices.filter { table.rows[$0].row.kind == .code && table.rows[$0].adjustedP != nil }
        let significant = codeRows.filter { table.rows[$0].adjustedP! < level }
            .sorted { table.rows[$0].adjustedP! != table.rows[$1].adjustedP! ? table.rows[$0].adjustedP! < table.rows[$1].adjustedP! : $0 < $1 }
        if significant.isEmpty {
            sentences.append("\(groups[0].capitalized) and \(groups[1]) did not differ on any barrier after adjustment "
                + "(Cochran–Mantel–Haenszel, stratified by \(vocabulary.variable(table.comparison.within)), \(codeRows.count) barriers).")
        } else {
            let described = significant.prefix(3).map { index -> String in
                let row = table.rows[index]
                let within = zip(table.strata, row.strata).map { stratum, cells in
                    "\(vocabulary.levelInSentence(stratum)) \(share(cells.first)) against \(share(cells.second))"
                }
                let cmh = row.cochranMantelHaenszel!
                return "\(label(row.row)): " + within.joined(separator: "; ")
                    + "; common odds ratio \(NumberFormat.fixed(cmh.oddsRatio)) (95% CI \(NumberFormat.fixed(cmh.lower))–"
                    + "\(NumberFormat.fixed(cmh.upper))), CMH \(NumberFormat.pClause(cmh.p)), adjusted \(NumberFormat.pClause(row.adjustedP))"
            }
            sentences.append("\(groups[0].capitalized) and \(groups[1]) differed on \(significant.count) of \(codeRows.count) barriers "
                + "(\(groups[0]) first; the strongest \(min(3, significant.count))): "
                + described.map(sentenceCase).joined(separator: ". ") + ".")
        }
        if !small.isEmpty {
            sentences.append("Bases are small (" + list(small) + "; below \(results.minimumBase) is too small to conclude "
                + "anything): read the within-country comparisons as descriptive.")
        }
        return sentences.joined(separator: " ")
    }

    private func activities() -> String? {
        guard let table = crosstab("activities-by-country"), table.columns.count == 2 else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 {
            let groups = table.rows.indices.filter { table.rows[$0].kind == .activityType }.map { index in
                "\(label(table.rows[index])) \(share(table.cells[index][columnIndex]))"
            }
            sentences.append("In \(columnName(column)) participants mentioned \(list(groups)).")
        }
        if !table.tests.isEmpty { sentences.append(differences(table, kind: .code, what: "activity", between: "the countries")) }
        return sentences.joined(separator: " ")
    }

    private func agreement() -> String? {
        for case .agreement(let table) in results.tables {
            guard table.participants > 0 else { return "No participant was coded twice, so intercoder agreement is unknown." }
            let flagged = table.codes.filter(\.flagged)
            var text = "Intercoder agreement: \(table.participants) participants were coded by \(list(table.allCoders)); "
                + "overall Krippendorff's α = \(NumberFormat.fixed(table.overallAlpha, 3))."
            if flagged.isEmpty {
                text += " No code fell below κ = \(NumberFormat.fixed(table.threshold))."
            } else {
                text += " Below κ = \(NumberFormat.fixed(table.threshold)), and to be read with caution: "
                    + list(flagged.map { "\($0.label[vocabulary.language].lowercased()) (κ = \(NumberFormat.fixed($0.kappa, 2)), "
                        + "\(NumberFormat.fixed(($0.percentAgreement ?? 0) * 100, 1))% agreement)" }) + "."
            }
            return text
        }
        return nil
    }

    /// The survey paragraph, from the first survey table of the plan (`survey-items-by-country` by default):
    /// respondents, the items that differ most between countries and between fathers and mothers
    /// (Mann–Whitney, adjusted across the instrument's items), and each scale's α.
    private func surveys() -> String? {
        var tables: [SurveyTableResult] = []
        for case .survey(let table) in results.tables { tables.append(table) }
        guard let table = tables.first(where: { $0.id == "survey-items-by-country" }) ?? tables.first else { return nil }
        var sentences: [String] = []
        for instrument in table.instruments {
            let counts = instrument.columns.filter { $0.base > 0 }.map { "\($0.base) in \(columnName($0))" }
            var sentence = "\(instrument.title[vocabulary.language]): \(instrument.columns.reduce(0) { $0 + $1.base }) respondents (\(list(counts)))."
            for variable in ["country", "role"] {
                if let text = surveyDifferences(instrument, variable: variable) { sentence += " " + text }
            }
            for scale in instrument.scales {
                if let alpha = scale.cronbach {
                    sentence += " Scale \"\(scale.label[vocabulary.language])\": Cronbach's α = \(NumberFormat.fixed(alpha.alpha, 3)) (n = \(alpha.respondents))."
                }
            }
            sentences.append(sentence)
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: "\n\n")
    }

    private func surveyDifferences(_ instrument: InstrumentDistribution, variable: String) -> String? {
        let tested = instrument.items.compactMap { item -> (SurveyItemDistribution, SurveyComparison, MannWhitneyUTest)? in
            guard let comparison = item.comparisons.first(where: { $0.variable == variable }), let test = comparison.test else { return nil }
            return (item, comparison, test)
        }
        guard let groups = tested.first?.1.groups.map({ level in
            variable == "role" ? vocabulary.level(level).lowercased() : vocabulary.levelInSentence(level)
        }) else { return nil }
        let adjusted = BenjaminiHochberg.adjusted(tested.map(\.2.p))
        let order = tested.indices.filter { adjusted[$0] < level }
            .sorted { adjusted[$0] != adjusted[$1] ? adjusted[$0] < adjusted[$1] : $0 < $1 }
        guard !order.isEmpty else {
            return "No item differed between \(groups.joined(separator: " and ")) after adjustment (Mann–Whitney, \(tested.count) items)."
        }
        return "Items that differed between \(groups.joined(separator: " and ")) (Mann–Whitney, adjusted across \(tested.count) items; "
            + "r > 0: \(groups[0]) higher): "
            + list(order.prefix(3).map { index in
                let (item, _, test) = tested[index]
                return "\(item.itemID) \"\(item.text[vocabulary.language])\" (rank-biserial r = \(NumberFormat.fixed(test.rankBiserial)), "
                    + "adjusted \(NumberFormat.pClause(adjusted[index])))"
            }) + "."
    }

    // MARK: - Helpers

    /// The rows of `kind` that differ between the two columns after adjustment, described with their effect.
    private func differences(_ table: CrosstabResult, kind: RowKind, what: String, between: String) -> String {
        let tested = table.rows.indices.filter { table.rows[$0].kind == kind && table.tests[$0].adjustedP != nil }
        let significant = tested.filter { table.tests[$0].adjustedP! < level }
            .sorted { table.tests[$0].adjustedP! != table.tests[$1].adjustedP! ? table.tests[$0].adjustedP! < table.tests[$1].adjustedP! : $0 < $1 }
        guard !significant.isEmpty else {
            return "No \(what) differed between \(between) after adjustment (Benjamini–Hochberg across \(tested.count) \(what == "activity" ? "activities" : what + "s"))."
        }
        let (first, second) = (table.columns[0], table.columns[1])
        let described = significant.prefix(3).map { index -> String in
            let cells = table.cells[index]
            let test = table.tests[index]
            return "\(label(table.rows[index])): \(share(cells[0])) in \(columnName(first)) against \(share(cells[1])) in "
                + "\(columnName(second)); odds ratio \(NumberFormat.oddsRatio(test.oddsRatio)), Fisher \(NumberFormat.pClause(test.fisher?.p)), "
                + "adjusted \(NumberFormat.pClause(test.adjustedP))"
        }
        return "\(significant.count) of \(tested.count) \(what == "activity" ? "activities" : what + "s") differed between \(between) "
            + "(odds ratios of \(columnName(first)) against \(columnName(second)); the strongest \(min(3, significant.count))): "
            + described.map(sentenceCase).joined(separator: ". ") + "."
    }

    private func sentenceCase(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    private func crosstab(_ id: String) -> CrosstabResult? {
        for case .crosstab(let table) in results.tables where table.id == id { return table }
        return nil
    }

    private func comparison(_ id: String) -> GroupComparisonResult? {
        for case .comparison(let table) in results.tables where table.id == id { return table }
        return nil
    }

    private func label(_ row: TableRow) -> String { vocabulary.rowLabel(row).lowercased() }

    private func columnName(_ column: TableColumn) -> String {
        column.values.count == 1 ? vocabulary.levelInSentence(column.values[0]) : vocabulary.columnLabel(column)
    }

    /// Row indices of one kind, by `key` descending, ties in table order.
    private func rankedRows(_ table: CrosstabResult, kind: RowKind, key: ([TableCell]) -> Double) -> [Int] {
        table.rows.indices.filter { table.rows[$0].kind == kind }
            .map { (index: $0, key: key(table.cells[$0])) }
            .sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
            .map(\.index)
    }

    /// "6 of 60, 10.0%, 95% CI 4.7–20.1"; a suppressed cell says only that it is small.
    private func share(_ cell: TableCell) -> String {
        guard !cell.suppressed else { return "fewer than \(results.minimumCount) (suppressed)" }
        return "\(cell.participants) of \(cell.base), \(Proportion(count: cell.participants, base: cell.base).percentText() ?? "—")%"
            + (cell.interval.map { _ in ", 95% CI " + NumberFormat.percentInterval(cell.interval) } ?? "")
    }

    private func tooSmall(_ columns: [TableColumn]) -> [String] {
        columns.filter { $0.base > 0 && $0.base < results.minimumBase }.map {
            "The base of \(columnName($0)) (\($0.base)) is below \(results.minimumBase): too small to conclude anything."
        }
    }

    private func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "none"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// Wraps a paragraph at 100 characters.
    private func wrapped(_ paragraph: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > 100 {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}

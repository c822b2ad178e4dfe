import Analysis
import Foundation
import Publication
import Statistics
import StudyModel

/// Writes the plain-text summary, in the report's language: the sample, then the largest differences
/// the tables show with their effect sizes, intervals and adjusted p-values, agreement problems, survey
/// differences, and a plain warning wherever a base is too small to conclude anything.
///
/// Each table's spec says which findings it gives (``FindingKind``); no table is found by its id.
struct SummaryWriter {
    let results: AnalysisResults
    let vocabulary: Vocabulary
    /// Differences are called significant below this adjusted p.
    let level = 0.05
    private var say: Phrasebook { Phrasebook(vocabulary) }

    init(results: AnalysisResults, vocabulary: Vocabulary) {
        self.results = results
        self.vocabulary = vocabulary
    }

    /// The summary: the findings each table's spec declares, in the order of ``FindingKind`` (the
    /// sample, the factor categories, the codes within them, fathers and mothers, surveys, agreement),
    /// tables of one kind in plan order. No table is looked up by its id.
    func summary() -> String {
        var paragraphs: [String] = []
        paragraphs.append(say(.summaryTitle, ["study": results.study.name, "version": results.study.version]))
        let declared = Array(zip(results.plan, results.tables))
        if !declared.contains(where: { $0.0.findings.contains(.sample) }) { paragraphs.append(sample(nil)) }
        for kind in FindingKind.allCases {
            for (spec, table) in declared where spec.findings.contains(kind) {
                if let text = finding(kind, of: table) { paragraphs.append(text) }
            }
        }
        paragraphs.append(say(.howToRead, ["level": String(level)]))
        // Numbers as the language writes them; the title keeps the study's version as it is.
        paragraphs = [paragraphs[0]] + paragraphs.dropFirst().map(vocabulary.decimals)
        return paragraphs.flatMap { $0.components(separatedBy: "\n\n") }.map { wrapped($0) }.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Sections

    private func finding(_ kind: FindingKind, of table: TableResult) -> String? {
        switch (kind, table) {
        case (.sample, .crosstab(let table)): sample(table)
        case (.groupRows, .crosstab(let table)): groupRows(table)
        case (.topCodes, .crosstab(let table)): topCodes(table)
        case (.codeDifferences, .crosstab(let table)): codeDifferences(table)
        case (.comparison, .comparison(let table)): fathersAndMothers(table)
        case (.surveyDifferences, .survey(let table)): surveys(table)
        case (.agreement, .agreement(let table)): agreement(table)
        default: nil
        }
    }

    private func sample(_ table: CrosstabResult?) -> String {
        guard let table else {
            return say(.sampleHas, ["n": String(results.participants), "list": "—"])
        }
        var text = say(.sampleHas, [
            "n": String(results.participants),
            "list": say.list(table.columns.map { say(.inPlaceCount, ["n": base($0), "inPlace": inPlace($0)]) }),
        ])
        var shown = 0
        var roles = table.rows.enumerated().compactMap { index, row -> String? in
            guard !table.cells[index].contains(where: \.suppressed) else { return nil }
            let total = table.cells[index].reduce(0) { $0 + $1.participants }
            shown += total
            return total == 0 ? nil : say(.roleCount, ["role": vocabulary.rowLabel(row).lowercased(), "n": String(total)])
        }
        if shown < results.participants {
            roles.append(say(.suppressedRoles, ["k": String(results.minimumCount), "n": String(results.participants - shown)]))
        }
        text += say(.byRole, ["list": say.list(roles)])
        text += say(.analysedCoding, [
            "coders": results.analysedCoders.joined(separator: " → "), "segments": String(results.codedSegments),
            "applications": String(results.analysedSegments),
        ])
        return text
    }

    /// The codes mentioned most often in each column group (at most four groups).
    private func topCodes(_ table: CrosstabResult) -> String? {
        guard table.columns.count <= 4 else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 && !column.suppressed {
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) }
                .filter { !table.cells[$0][columnIndex].suppressed }.prefix(3)
            sentences.append(say(.topBarriers, [
                "inPlace": inPlace(column),
                "list": say.list(top.map { say(.labelShare, ["label": label(table.rows[$0]), "share": share(table.cells[$0][columnIndex])]) }),
            ]))
        }
        sentences += tooSmall(table.columns)
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// Every group row (factor category, activity type) across the column groups, with its test.
    private func groupRows(_ table: CrosstabResult) -> String? {
        let rows = table.rows.indices.filter { table.rows[$0].kind == .factorCategory || table.rows[$0].kind == .activityType }
        guard let first = rows.first, !table.tests.isEmpty else { return nil }
        let items = rows.map { index in rowFinding(table, index) }
        let name = say(table.rows[first].kind == .factorCategory ? .factorCategoriesName : .activityTypesName)
        let columns = table.columnVariables.map(vocabulary.variable).joined(separator: " × ")
        return say(.groupRowsLead, ["rows": name, "columns": columns, "items": items.joined(separator: "; ")]) + withheldNote(table, rows)
    }

    /// One row across the groups: two groups side by side with the odds ratio, or the range over more
    /// groups; with Fisher's p and the adjusted p, or why it was not tested.
    private func rowFinding(_ table: CrosstabResult, _ index: Int) -> String {
        let test = table.tests[index]
        guard !test.withheld, let fisher = test.fisher else {
            return say(.notTested, ["label": label(table.rows[index])])
        }
        let columns = test.testedColumns ?? table.testableColumns
        let cells = table.cells[index]
        if columns.count == 2 && table.columns.count == 2 {
            return say(.differenceItem, [
                "label": label(table.rows[index]), "share1": share(cells[0]), "inFirst": inPlace(table.columns[0]),
                "share2": share(cells[1]), "inSecond": inPlace(table.columns[1]), "or": NumberFormat.oddsRatio(test.oddsRatio),
                "p": NumberFormat.pClause(fisher.p), "adjusted": NumberFormat.pClause(test.adjustedP),
            ])
        }
        let ordered = columns.sorted { (cells[$0].participants * cells[$1].base, $0) < (cells[$1].participants * cells[$0].base, $1) }
        let (low, high) = (ordered.first!, ordered.last!)
        return say(.rangeItem, [
            "label": label(table.rows[index]), "low": columnName(table.columns[low]), "lowShare": share(cells[low]),
            "high": columnName(table.columns[high]), "highShare": share(cells[high]), "n": String(columns.count),
            "m": String(table.testableColumns.count), "p": NumberFormat.pClause(fisher.p),
            "adjusted": NumberFormat.pClause(test.adjustedP),
        ])
    }

    /// " Tests withheld …" when some of the rows have no published test.
    private func withheldNote(_ table: CrosstabResult, _ rows: [Int]) -> String {
        let withheld = rows.filter { table.tests[$0].withheld }.count
        guard withheld > 0 else { return "" }
        return say(.testsWithheld, ["n": String(withheld), "m": String(rows.count)])
    }

    /// The code rows that differ after adjustment, within their group rows (the factor categories).
    private func codeDifferences(_ table: CrosstabResult) -> String? {
        guard !table.tests.isEmpty else { return nil }
        let codes = table.rows.indices.filter { table.rows[$0].kind == .code }
        let tested = codes.filter { table.tests[$0].adjustedP != nil }
        let what = say(table.rows.contains { $0.kind == .activityType } ? .activities : .barriers)
        let significant = tested.filter { table.tests[$0].adjustedP! < level }
        guard !significant.isEmpty else {
            return say(.noDifference, ["what": what, "whats": what, "between": between(table), "n": String(tested.count)])
                + withheldNote(table, codes)
        }
        // Within each group row, in table order.
        var groups: [(label: String?, items: [String])] = []
        var current: String?
        for index in table.rows.indices {
            let row = table.rows[index]
            if row.kind != .code { current = label(row); continue }
            guard significant.contains(index) else { continue }
            if groups.last?.label != current || groups.isEmpty { groups.append((current, [])) }
            groups[groups.count - 1].items.append(rowFinding(table, index))
        }
        let items = groups.map { group in
            group.label.map { say(.withinGroup, ["group": $0, "items": group.items.joined(separator: "; ")]) }
                ?? group.items.joined(separator: "; ")
        }
        var lead = ["m": String(significant.count), "n": String(tested.count), "whats": what, "between": between(table)]
        if table.columns.count == 2 {
            lead["first"] = columnName(table.columns[0])
            lead["second"] = columnName(table.columns[1])
        }
        let key: Phrase = table.columns.count == 2 ? .differencesWithin : .differencesWithinMany
        return say(key, lead.merging(["items": items.joined(separator: "; ")]) { $1 }) + withheldNote(table, codes)
    }

    /// "the countries", or the column variables.
    private func between(_ table: CrosstabResult) -> String {
        table.columnVariables == ["country"] ? say(.theCountries) : table.columnVariables.map(vocabulary.variable).joined(separator: " × ")
    }

    private func fathersAndMothers(_ table: GroupComparisonResult) -> String? {
        let groups = table.comparison.groups.map { vocabulary.level($0).lowercased() }
        let names = ["group0": groups[0], "group1": groups[1]]
        var sentences: [String] = []
        var small: [String] = []
        // A group's size is that of any row where its cell is published (a hidden cell hides only its count).
        for (index, stratum) in table.strata.enumerated() {
            let first = table.rows.map { $0.strata[index].first }.first { !$0.suppressed }?.base
            let second = table.rows.map { $0.strata[index].second }.first { !$0.suppressed }?.base
            if first == nil || second == nil || min(first!, second!) < results.minimumBase {
                small.append(say(.smallBaseItem, names.merging([
                    "inPlace": vocabulary.inLevel(stratum),
                    "n1": first.map(String.init) ?? "*", "n2": second.map(String.init) ?? "*",
                ]) { $1 }))
            }
        }
        let codeRows = table.rows.indices.filter { table.rows[$0].row.kind == .code && table.rows[$0].adjustedP != nil }
        let significant = codeRows.filter { table.rows[$0].adjustedP! < level }
            .sorted { table.rows[$0].adjustedP! != table.rows[$1].adjustedP! ? table.rows[$0].adjustedP! < table.rows[$1].adjustedP! : $0 < $1 }
        if significant.isEmpty {
            sentences.append(say(.noComparisonDifference, names.merging([
                "within": vocabulary.variable(table.comparison.within), "n": String(codeRows.count),
            ]) { $1 }))
        } else {
            let described = significant.prefix(3).map { index -> String in
                let row = table.rows[index]
                let within = zip(table.strata, row.strata).map { stratum, cells in
                    say(.withinItem, ["place": vocabulary.level(stratum), "share1": share(cells.first), "share2": share(cells.second)])
                }
                if row.pooledTest == .fisherPooled {
                    return capitalized(say(.comparisonItemPooled, [
                        "label": label(row.row), "share1": share(row.pooledFirst), "share2": share(row.pooledSecond),
                        "or": NumberFormat.oddsRatio(row.pooledOddsRatio), "p": NumberFormat.pClause(row.pooledFisher?.p),
                        "adjusted": NumberFormat.pClause(row.adjustedP),
                    ]))
                }
                let cmh = row.cochranMantelHaenszel!
                return capitalized(say(.comparisonItem, [
                    "label": label(row.row), "within": within.joined(separator: "; "), "or": NumberFormat.fixed(cmh.oddsRatio),
                    "lower": NumberFormat.fixed(cmh.lower), "upper": NumberFormat.fixed(cmh.upper),
                    "p": NumberFormat.pClause(cmh.p), "adjusted": NumberFormat.pClause(row.adjustedP),
                ]))
            }
            sentences.append(say(.comparisonDifferences, names.merging([
                "m": String(significant.count), "n": String(codeRows.count), "s": String(min(3, significant.count)),
                "items": described.joined(separator: ". "),
            ]) { $1 }))
        }
        if !small.isEmpty {
            sentences.append(say(.smallBases, ["list": say.list(small), "k": String(results.minimumBase)]))
        }
        return sentences.joined(separator: " ")
    }

    private func agreement(_ table: AgreementResult) -> String? {
        do {
            guard table.participants > 0 else { return say(.agreementNone) }
            var text = say(.agreementOverall, [
                "n": String(table.participants), "coders": say.list(table.allCoders),
                "alpha": table.overallWithheld ? say(.overallAlphaWithheld) : NumberFormat.fixed(table.overallAlpha, 3),
            ])
            let flagged = table.codes.filter(\.flagged)
            if flagged.isEmpty {
                text += say(.agreementNoFlag, ["t": NumberFormat.fixed(table.threshold)])
            } else {
                text += say(.agreementFlagged, [
                    "t": NumberFormat.fixed(table.threshold),
                    "list": say.list(flagged.map {
                        say(.agreementItem, [
                            "label": $0.label[vocabulary.language].lowercased(), "kappa": NumberFormat.fixed($0.kappa, 2),
                            "pct": NumberFormat.fixed(($0.percentAgreement ?? 0) * 100, 1),
                        ])
                    }),
                ])
            }
            return text
        }
    }

    /// The survey paragraphs: respondents per column, items that differ, scales' α.
    private func surveys(_ table: SurveyTableResult) -> String? {
        var paragraphs: [String] = []
        for instrument in table.instruments {
            let counts = instrument.columns.filter { $0.base > 0 && !$0.suppressed }.map {
                say(.inPlaceCount, ["n": String($0.base), "inPlace": inPlace($0)])
            }
            // The total only where every column's respondents are published (a hidden one would follow).
            var text = instrument.columns.contains(where: \.suppressed)
                ? say(.surveyRespondentsHidden, ["title": instrument.title[vocabulary.language]])
                : say(.surveyRespondents, [
                    "title": instrument.title[vocabulary.language],
                    "n": String(instrument.columns.reduce(0) { $0 + $1.base }), "list": say.list(counts),
                ])
            for variable in ["country", "role"] {
                if let sentence = surveyDifferences(instrument, variable: variable) { text += " " + sentence }
            }
            for scale in instrument.scales {
                if let alpha = scale.cronbach {
                    text += say(.scaleAlpha, [
                        "label": scale.label[vocabulary.language], "alpha": NumberFormat.fixed(alpha.alpha, 3),
                        "n": String(alpha.respondents),
                    ])
                }
            }
            paragraphs.append(text)
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    private func surveyDifferences(_ instrument: InstrumentDistribution, variable: String) -> String? {
        let tested = instrument.items.compactMap { item -> (SurveyItemDistribution, SurveyComparison)? in
            guard let comparison = item.comparisons.first(where: { $0.variable == variable }), comparison.test != nil,
                comparison.adjustedP != nil
            else { return nil }
            return (item, comparison)
        }
        guard let first = tested.first else { return nil }
        let groups = first.1.groups.map { vocabulary.level($0) }
        let order = tested.indices.filter { tested[$0].1.adjustedP! < level }
            .sorted { (tested[$0].1.adjustedP!, $0) < (tested[$1].1.adjustedP!, $1) }
        let groupsText = groups.joined(separator: " — ")
        guard !order.isEmpty else {
            return say(.surveyNoDifference, ["groups": groupsText, "n": String(tested.count)])
        }
        return say(.surveyDifferences, [
            "groups": groupsText, "n": String(tested.count), "group0": groups[0],
            "list": say.list(order.prefix(3).map { index in
                let (item, comparison) = tested[index]
                return say(.surveyItem, [
                    "id": item.itemID, "text": item.text[vocabulary.language],
                    "r": NumberFormat.fixed(comparison.test!.rankBiserial), "p": NumberFormat.pClause(comparison.adjustedP),
                ])
            }),
        ])
    }

    // MARK: - Helpers

    private func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    private func label(_ row: TableRow) -> String { vocabulary.rowLabel(row).lowercased() }

    private func base(_ column: TableColumn) -> String { column.suppressed ? "*" : String(column.base) }

    private func columnName(_ column: TableColumn) -> String {
        column.values.count == 1 ? vocabulary.levelInSentence(column.values[0]) : vocabulary.columnLabel(column)
    }

    private func inPlace(_ column: TableColumn) -> String {
        column.values.count == 1 ? vocabulary.inLevel(column.values[0]) : vocabulary.columnLabel(column)
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
        guard !cell.suppressed else { return say(.suppressedShare, ["k": String(results.minimumCount)]) }
        return say(.share, [
            "n": String(cell.participants), "base": String(cell.base),
            "pct": Proportion(count: cell.participants, base: cell.base).percentText() ?? "—",
            "ci": NumberFormat.percentInterval(cell.interval),
        ])
    }

    private func tooSmall(_ columns: [TableColumn]) -> [String] {
        columns.filter { $0.base > 0 && $0.base < results.minimumBase && !$0.suppressed }.map {
            say(.baseTooSmall, ["place": columnName($0), "n": String($0.base), "k": String(results.minimumBase)])
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

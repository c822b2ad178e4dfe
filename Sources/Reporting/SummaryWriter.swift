import Analysis
import Foundation
import Statistics
import Storage
import StudyModel

/// Writes the plain-text summary, in the report's language: the sample, then the largest differences
/// the tables show with their effect sizes, intervals and adjusted p-values, agreement problems, survey
/// differences, and a plain warning wherever a base is too small to conclude anything.
///
/// It reads the tables of the default plan it finds (by id); a plan without them gets a shorter summary.
struct SummaryWriter {
    let results: AnalysisResults
    let vocabulary: Vocabulary
    /// Differences are called significant below this adjusted p.
    let level = 0.05
    private var say: Phrasebook { Phrasebook(language: vocabulary.language) }

    init(results: AnalysisResults, vocabulary: Vocabulary) {
        self.results = results
        self.vocabulary = vocabulary
    }

    func summary() -> String {
        var paragraphs: [String] = []
        paragraphs.append(say(.summaryTitle, ["study": results.study.name, "version": results.study.version]))
        paragraphs.append(sample())
        if let text = countries() { paragraphs.append(text) }
        if let text = fathersAndMothers() { paragraphs.append(text) }
        if let text = activities() { paragraphs.append(text) }
        if let text = agreement() { paragraphs.append(text) }
        if let text = surveys() { paragraphs.append(text) }
        paragraphs.append(say(.howToRead, ["level": String(level)]))
        // Numbers as the language writes them; the title keeps the study's version as it is.
        paragraphs = [paragraphs[0]] + paragraphs.dropFirst().map(vocabulary.decimals)
        return paragraphs.flatMap { $0.components(separatedBy: "\n\n") }.map { wrapped($0) }.joined(separator: "\n\n") + "\n"
    }

    // MARK: - Sections

    private func sample() -> String {
        guard let table = crosstab("sample-by-country-role") else {
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
            "coders": results.analysedCoders.joined(separator: " → "), "segments": String(results.analysedSegments),
        ])
        return text
    }

    private func countries() -> String? {
        guard let table = crosstab("barriers-by-country"), table.columns.count == 2, !table.tests.isEmpty else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 && !column.suppressed {
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) }
                .filter { !table.cells[$0][columnIndex].suppressed }.prefix(3)
            sentences.append(say(.topBarriers, [
                "inPlace": inPlace(column),
                "list": say.list(top.map { say(.labelShare, ["label": label(table.rows[$0]), "share": share(table.cells[$0][columnIndex])]) }),
            ]))
        }
        sentences.append(differences(table, kind: .code, what: say(.barriers)))
        sentences += tooSmall(table.columns)
        return sentences.joined(separator: " ")
    }

    private func fathersAndMothers() -> String? {
        guard let table = comparison("barriers-fathers-vs-mothers") else { return nil }
        let groups = table.comparison.groups.map { vocabulary.level($0).lowercased() }
        let names = ["group0": groups[0], "group1": groups[1]]
        var sentences: [String] = []
        var small: [String] = []
        if let row = table.rows.first {
            for (index, stratum) in table.strata.enumerated() {
                let (first, second) = (row.strata[index].first, row.strata[index].second)
                if first.suppressed || second.suppressed || min(first.base, second.base) < results.minimumBase {
                    small.append(say(.smallBaseItem, names.merging([
                        "inPlace": vocabulary.inLevel(stratum),
                        "n1": first.suppressed ? "*" : String(first.base), "n2": second.suppressed ? "*" : String(second.base),
                    ]) { $1 }))
                }
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

    private func activities() -> String? {
        guard let table = crosstab("activities-by-country"), table.columns.count == 2 else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 && !column.suppressed {
            let groups = table.rows.indices.filter { table.rows[$0].kind == .activityType }.map { index in
                say(.labelShare, ["label": label(table.rows[index]), "share": share(table.cells[index][columnIndex])])
            }
            sentences.append(say(.activitiesMentioned, ["inPlace": inPlace(column), "list": say.list(groups)]))
        }
        if !table.tests.isEmpty { sentences.append(differences(table, kind: .code, what: say(.activities))) }
        return sentences.joined(separator: " ")
    }

    private func agreement() -> String? {
        for case .agreement(let table) in results.tables {
            guard table.participants > 0 else { return say(.agreementNone) }
            var text = say(.agreementOverall, [
                "n": String(table.participants), "coders": say.list(table.allCoders),
                "alpha": NumberFormat.fixed(table.overallAlpha, 3),
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
        return nil
    }

    /// The survey paragraphs, from the first survey table of the plan (`survey-items-by-country` by default).
    private func surveys() -> String? {
        var tables: [SurveyTableResult] = []
        for case .survey(let table) in results.tables { tables.append(table) }
        guard let table = tables.first(where: { $0.id == "survey-items-by-country" }) ?? tables.first else { return nil }
        var paragraphs: [String] = []
        for instrument in table.instruments {
            let counts = instrument.columns.filter { $0.base > 0 && !$0.suppressed }.map {
                say(.inPlaceCount, ["n": String($0.base), "inPlace": inPlace($0)])
            }
            // The total only where every column's respondents are published (a hidden one would follow).
            let total = instrument.columns.contains(where: \.suppressed) ? "*" : String(instrument.columns.reduce(0) { $0 + $1.base })
            var text = say(.surveyRespondents, [
                "title": instrument.title[vocabulary.language], "n": total,
                "list": say.list(counts),
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
        let tested = instrument.items.compactMap { item -> (SurveyItemDistribution, MannWhitneyUTest)? in
            guard let comparison = item.comparisons.first(where: { $0.variable == variable }), let test = comparison.test else { return nil }
            return (item, test)
        }
        guard let first = tested.first,
            let levels = first.0.comparisons.first(where: { $0.variable == variable })?.groups
        else { return nil }
        let groups = levels.map { vocabulary.level($0) }
        let adjusted = BenjaminiHochberg.adjusted(tested.map(\.1.p))
        let order = tested.indices.filter { adjusted[$0] < level }
            .sorted { adjusted[$0] != adjusted[$1] ? adjusted[$0] < adjusted[$1] : $0 < $1 }
        let groupsText = groups.joined(separator: " — ")
        guard !order.isEmpty else {
            return say(.surveyNoDifference, ["groups": groupsText, "n": String(tested.count)])
        }
        return say(.surveyDifferences, [
            "groups": groupsText, "n": String(tested.count), "group0": groups[0],
            "list": say.list(order.prefix(3).map { index in
                let (item, test) = tested[index]
                return say(.surveyItem, [
                    "id": item.itemID, "text": item.text[vocabulary.language], "r": NumberFormat.fixed(test.rankBiserial),
                    "p": NumberFormat.pClause(adjusted[index]),
                ])
            }),
        ])
    }

    // MARK: - Helpers

    /// The rows of `kind` that differ between the two columns after adjustment, described with their effect.
    private func differences(_ table: CrosstabResult, kind: RowKind, what: String) -> String {
        let tested = table.rows.indices.filter { table.rows[$0].kind == kind && table.tests[$0].adjustedP != nil }
        let significant = tested.filter { table.tests[$0].adjustedP! < level }
            .sorted { table.tests[$0].adjustedP! != table.tests[$1].adjustedP! ? table.tests[$0].adjustedP! < table.tests[$1].adjustedP! : $0 < $1 }
        guard !significant.isEmpty else {
            return say(.noDifference, ["what": what, "whats": what, "between": say(.theCountries), "n": String(tested.count)])
        }
        let (first, second) = (table.columns[0], table.columns[1])
        let described = significant.prefix(3).map { index -> String in
            let cells = table.cells[index]
            let test = table.tests[index]
            return capitalized(say(.differenceItem, [
                "label": label(table.rows[index]), "share1": share(cells[0]), "inFirst": inPlace(first),
                "share2": share(cells[1]), "inSecond": inPlace(second), "or": NumberFormat.oddsRatio(test.oddsRatio),
                "p": NumberFormat.pClause(test.fisher?.p), "adjusted": NumberFormat.pClause(test.adjustedP),
            ]))
        }
        return say(.differences, [
            "m": String(significant.count), "n": String(tested.count), "whats": what, "between": say(.theCountries),
            "first": columnName(first), "second": columnName(second), "s": String(min(3, significant.count)),
            "items": described.joined(separator: ". "),
        ])
    }

    private func capitalized(_ text: String) -> String {
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

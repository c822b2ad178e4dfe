import Analysis
import Statistics
import StudyModel

/// Composes the summary from published results, free of language: the sample, then the largest
/// differences the tables show with their effect sizes, intervals and adjusted p-values, agreement
/// problems, survey differences, and a plain warning wherever a base is too small to conclude anything.
///
/// Each table's spec says which findings it gives (``FindingKind``); no table is found by its id. The
/// paragraphs are ``Text``s, so one summary is written in every language.
public struct SummaryComposer {
    let results: AnalysisResults
    /// Differences are called significant below this adjusted p.
    let level = 0.05

    public init(results: AnalysisResults) {
        self.results = results
    }

    /// The summary's paragraphs: its title, then the findings each table's spec declares, in the order
    /// of ``FindingKind`` (the sample, the factor categories, the codes within them, fathers and mothers,
    /// surveys, agreement), tables of one kind in plan order, then how to read it. A paragraph may hold
    /// several, separated by a blank line.
    public func paragraphs() -> [Text] {
        var paragraphs: [Text] = []
        paragraphs.append(.phrase(.summaryTitle, ["study": .plain(results.study.name), "version": .plain(results.study.version)]))
        let declared = Array(zip(results.plan, results.tables))
        if !declared.contains(where: { $0.0.findings.contains(.sample) }) { paragraphs.append(sample(nil)) }
        for kind in FindingKind.allCases {
            for (spec, table) in declared where spec.findings.contains(kind) {
                if let text = finding(kind, of: table) { paragraphs.append(text) }
            }
        }
        paragraphs.append(.phrase(.howToRead, ["level": "\(level)"]))
        return paragraphs
    }

    // MARK: - Sections

    private func finding(_ kind: FindingKind, of table: TableResult) -> Text? {
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

    private func sample(_ table: CrosstabResult?) -> Text {
        guard let table else {
            return .phrase(.sampleHas, ["n": "\(results.participants)", "list": "—"])
        }
        var text: Text = .phrase(.sampleHas, [
            "n": "\(results.participants)",
            "list": .list(table.columns.map { .phrase(.inPlaceCount, ["n": base($0), "inPlace": inPlace($0)]) }),
        ])
        var shown = 0
        var roles = table.rows.enumerated().compactMap { index, row -> Text? in
            guard !table.cells[index].contains(where: \.suppressed) else { return nil }
            let total = table.cells[index].reduce(0) { $0 + $1.participants }
            shown += total
            return total == 0 ? nil : .phrase(.roleCount, ["role": Text.row(row).lowercased(), "n": "\(total)"])
        }
        if shown < results.participants {
            roles.append(.phrase(.suppressedRoles, ["k": "\(results.minimumCount)", "n": "\(results.participants - shown)"]))
        }
        text += .phrase(.byRole, ["list": .list(roles)])
        text += .phrase(.analysedCoding, [
            "coders": .plain(results.analysedCoders.joined(separator: " → ")), "segments": "\(results.codedSegments)",
            "applications": "\(results.analysedSegments)",
        ])
        return text
    }

    /// The codes mentioned most often in each column group (at most four groups).
    private func topCodes(_ table: CrosstabResult) -> Text? {
        guard table.columns.count <= 4 else { return nil }
        var sentences: [Text] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 && !column.suppressed {
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) }
                .filter { !table.cells[$0][columnIndex].suppressed }.prefix(3)
            sentences.append(.phrase(.topBarriers, [
                "inPlace": inPlace(column),
                "list": .list(top.map { .phrase(.labelShare, ["label": label(table.rows[$0]), "share": share(table.cells[$0][columnIndex])]) }),
            ]))
        }
        sentences += tooSmall(table.columns)
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// Every group row (factor category, activity type) across the column groups, with its test.
    private func groupRows(_ table: CrosstabResult) -> Text? {
        let rows = table.rows.indices.filter { table.rows[$0].kind == .factorCategory || table.rows[$0].kind == .activityType }
        guard let first = rows.first, !table.tests.isEmpty else { return nil }
        let items = rows.map { index in rowFinding(table, index) }
        let name: Text = .phrase(table.rows[first].kind == .factorCategory ? .factorCategoriesName : .activityTypesName, [:])
        let columns = table.columnVariables.map { Text.variable($0) }.joined(separator: " × ")
        return .phrase(.groupRowsLead, ["rows": name, "columns": columns, "items": items.joined(separator: "; ")]) + withheldNote(table, rows)
    }

    /// One row across the groups: two groups side by side with the odds ratio, or the range over more
    /// groups; with Fisher's p and the adjusted p, or why it was not tested.
    private func rowFinding(_ table: CrosstabResult, _ index: Int) -> Text {
        let test = table.tests[index]
        guard !test.withheld, let fisher = test.fisher else {
            return .phrase(.notTested, ["label": label(table.rows[index])])
        }
        let columns = test.testedColumns ?? table.testableColumns
        let cells = table.cells[index]
        if columns.count == 2 && table.columns.count == 2 {
            return .phrase(.differenceItem, [
                "label": label(table.rows[index]), "share1": share(cells[0]), "inFirst": inPlace(table.columns[0]),
                "share2": share(cells[1]), "inSecond": inPlace(table.columns[1]), "or": .number(NumberFormat.oddsRatio(test.oddsRatio)),
                "p": .number(NumberFormat.pClause(fisher.p)), "adjusted": .number(NumberFormat.pClause(test.adjustedP)),
            ])
        }
        let ordered = columns.sorted { (cells[$0].participants * cells[$1].base, $0) < (cells[$1].participants * cells[$0].base, $1) }
        let (low, high) = (ordered.first!, ordered.last!)
        return .phrase(.rangeItem, [
            "label": label(table.rows[index]), "low": columnName(table.columns[low]), "lowShare": share(cells[low]),
            "high": columnName(table.columns[high]), "highShare": share(cells[high]), "n": "\(columns.count)",
            "m": "\(table.testableColumns.count)", "p": .number(NumberFormat.pClause(fisher.p)),
            "adjusted": .number(NumberFormat.pClause(test.adjustedP)),
        ])
    }

    /// " Tests withheld …" when some of the rows have no published test.
    private func withheldNote(_ table: CrosstabResult, _ rows: [Int]) -> Text {
        let withheld = rows.filter { table.tests[$0].withheld }.count
        guard withheld > 0 else { return .empty }
        return .phrase(.testsWithheld, ["n": "\(withheld)", "m": "\(rows.count)"])
    }

    /// The code rows that differ after adjustment, within their group rows (the factor categories).
    private func codeDifferences(_ table: CrosstabResult) -> Text? {
        guard !table.tests.isEmpty else { return nil }
        let codes = table.rows.indices.filter { table.rows[$0].kind == .code }
        let tested = codes.filter { table.tests[$0].adjustedP != nil }
        let what: Text = .phrase(table.rows.contains { $0.kind == .activityType } ? .activities : .barriers, [:])
        let significant = tested.filter { table.tests[$0].adjustedP! < level }
        guard !significant.isEmpty else {
            return .phrase(.noDifference, ["what": what, "whats": what, "between": between(table), "n": "\(tested.count)"])
                + withheldNote(table, codes)
        }
        // Within each group row, in table order.
        var groups: [(label: Text?, items: [Text])] = []
        var current: Text?
        for index in table.rows.indices {
            let row = table.rows[index]
            if row.kind != .code { current = label(row); continue }
            guard significant.contains(index) else { continue }
            if groups.last?.label != current || groups.isEmpty { groups.append((current, [])) }
            groups[groups.count - 1].items.append(rowFinding(table, index))
        }
        let items = groups.map { group -> Text in
            group.label.map { .phrase(.withinGroup, ["group": $0, "items": group.items.joined(separator: "; ")]) }
                ?? group.items.joined(separator: "; ")
        }
        var lead: [String: Text] = ["m": "\(significant.count)", "n": "\(tested.count)", "whats": what, "between": between(table)]
        if table.columns.count == 2 {
            lead["first"] = columnName(table.columns[0])
            lead["second"] = columnName(table.columns[1])
        }
        let key: Phrase = table.columns.count == 2 ? .differencesWithin : .differencesWithinMany
        return .phrase(key, lead.merging(["items": items.joined(separator: "; ")]) { $1 }) + withheldNote(table, codes)
    }

    /// "the countries", or the column variables.
    private func between(_ table: CrosstabResult) -> Text {
        table.columnVariables == ["country"]
            ? .phrase(.theCountries, [:]) : table.columnVariables.map { Text.variable($0) }.joined(separator: " × ")
    }

    private func fathersAndMothers(_ table: GroupComparisonResult) -> Text? {
        let groups = table.comparison.groups.map { Text.level($0).lowercased() }
        let names: [String: Text] = ["group0": groups[0], "group1": groups[1]]
        var sentences: [Text] = []
        var small: [Text] = []
        // A group's size is that of any row where its cell is published (a hidden cell hides only its count).
        for (index, stratum) in table.strata.enumerated() {
            let first = table.rows.map { $0.strata[index].first }.first { !$0.suppressed }?.base
            let second = table.rows.map { $0.strata[index].second }.first { !$0.suppressed }?.base
            if first == nil || second == nil || min(first!, second!) < results.minimumBase {
                small.append(.phrase(.smallBaseItem, names.merging([
                    "inPlace": .inLevel(stratum),
                    "n1": first.map(Text.count) ?? .hidden, "n2": second.map(Text.count) ?? .hidden,
                ]) { $1 }))
            }
        }
        let codeRows = table.rows.indices.filter { table.rows[$0].row.kind == .code && table.rows[$0].adjustedP != nil }
        let below = codeRows.filter { table.rows[$0].adjustedP! < level }
            .sorted { table.rows[$0].adjustedP! != table.rows[$1].adjustedP! ? table.rows[$0].adjustedP! < table.rows[$1].adjustedP! : $0 < $1 }
        // A pooled difference is claimed only where the strata agree on its direction and size: Breslow–Day
        // (Tarone) below the level says the odds ratios differ between strata.
        func heterogeneous(_ index: Int) -> Bool { (table.rows[index].breslowDay?.p).map { $0 < level } ?? false }
        let significant = below.filter { !heterogeneous($0) }
        let disagreeing = below.filter(heterogeneous)
        func within(_ row: ComparisonRow) -> Text {
            zip(table.strata, row.strata).map { stratum, cells -> Text in
                .phrase(.withinItem, ["place": .level(stratum), "share1": share(cells.first), "share2": share(cells.second)])
            }.joined(separator: "; ")
        }
        if significant.isEmpty {
            sentences.append(.phrase(.noComparisonDifference, names.merging([
                "within": .variable(table.comparison.within), "n": "\(codeRows.count)",
            ]) { $1 }))
        } else {
            let described = significant.prefix(3).map { index -> Text in
                let row = table.rows[index]
                if row.pooledTest == .exactConditional, let exact = row.exactCMH {
                    return .capitalized(.phrase(.comparisonItemExact, [
                        "label": label(row.row), "within": within(row),
                        "or": .number(exact.estimate.map { NumberFormat.fixed($0) } ?? "∞"),
                        "lower": .number(NumberFormat.fixed(exact.lower)), "upper": .number(exact.upper.map { NumberFormat.fixed($0) } ?? "∞"),
                        "p": .number(NumberFormat.pClause(exact.p)), "adjusted": .number(NumberFormat.pClause(row.adjustedP)),
                    ]))
                }
                if row.pooledTest == .fisherPooled {
                    return .capitalized(.phrase(.comparisonItemPooled, [
                        "label": label(row.row), "share1": share(row.pooledFirst), "share2": share(row.pooledSecond),
                        "or": .number(NumberFormat.oddsRatio(row.pooledOddsRatio)), "p": .number(NumberFormat.pClause(row.pooledFisher?.p)),
                        "adjusted": .number(NumberFormat.pClause(row.adjustedP)),
                    ]))
                }
                let cmh = row.cochranMantelHaenszel!
                return .capitalized(.phrase(.comparisonItem, [
                    "label": label(row.row), "within": within(row), "or": .number(NumberFormat.fixed(cmh.oddsRatio)),
                    "lower": .number(NumberFormat.fixed(cmh.lower)), "upper": .number(NumberFormat.fixed(cmh.upper)),
                    "p": .number(NumberFormat.pClause(cmh.p)), "adjusted": .number(NumberFormat.pClause(row.adjustedP)),
                ]))
            }
            sentences.append(.phrase(.comparisonDifferences, names.merging([
                "m": "\(significant.count)", "n": "\(codeRows.count)", "s": "\(min(3, significant.count))",
                "items": described.joined(separator: ". "),
            ]) { $1 }))
        }
        if !disagreeing.isEmpty {
            let items = disagreeing.map { index -> Text in
                let row = table.rows[index]
                return .phrase(.comparisonItemHeterogeneous, [
                    "label": label(row.row), "within": within(row), "bd": .number(NumberFormat.pClause(row.breslowDay?.p)),
                ])
            }
            sentences.append(.phrase(.comparisonHeterogeneous, ["level": "\(level)", "items": items.joined(separator: "; ")]))
        }
        if !small.isEmpty {
            sentences.append(.phrase(.smallBases, ["list": .list(small), "k": "\(results.minimumBase)"]))
        }
        return sentences.joined(separator: " ")
    }

    private func agreement(_ table: AgreementResult) -> Text? {
        guard table.participants > 0 else { return .phrase(.agreementNone, [:]) }
        var text: Text = .phrase(.agreementOverallMedian, [
            "n": "\(table.participants)", "coders": .list(table.allCoders.map(Text.plain)),
            "alpha": table.overallWithheld ? .phrase(.overallAlphaWithheld, [:]) : .number(NumberFormat.fixed(table.medianAlpha, 3)),
        ])
        let flagged = table.codes.filter(\.flagged)
        if flagged.isEmpty {
            text += .phrase(.agreementNoFlagBoth, ["t": .number(NumberFormat.fixed(table.threshold))])
        } else {
            text += .phrase(.agreementFlaggedBoth, [
                "t": .number(NumberFormat.fixed(table.threshold)),
                "list": .list(flagged.map {
                    .phrase(.agreementItemBoth, [
                        "label": Text.label($0.label).lowercased(), "kappa": .number(NumberFormat.fixed($0.kappa, 2)),
                        "ac1": .number(NumberFormat.fixed($0.ac1, 2)),
                        "pct": .number(NumberFormat.fixed(($0.percentAgreement ?? 0) * 100, 1)),
                    ])
                }),
            ])
        }
        return text
    }

    /// The survey paragraphs: respondents per column, items that differ, scales' α.
    private func surveys(_ table: SurveyTableResult) -> Text? {
        var paragraphs: [Text] = []
        for instrument in table.instruments {
            let counts = instrument.columns.filter { $0.base > 0 && !$0.suppressed }.map { column -> Text in
                .phrase(.inPlaceCount, ["n": "\(column.base)", "inPlace": inPlace(column)])
            }
            // The total only where every column's respondents are published (a hidden one would follow).
            var text: Text = instrument.columns.contains(where: \.suppressed)
                ? .phrase(.surveyRespondentsHidden, ["title": .label(instrument.title)])
                : .phrase(.surveyRespondents, [
                    "title": .label(instrument.title),
                    "n": "\(instrument.columns.reduce(0) { $0 + $1.base })", "list": .list(counts),
                ])
            // Two-group differences over all respondents, each from the table of its variable.
            for variable in ["country", "role"] {
                if let source = surveyInstrument(instrument.instrumentID, by: variable),
                    let sentence = surveyDifferences(source, variable: variable)
                {
                    text += " " + sentence
                }
            }
            for scale in instrument.scales {
                if let alpha = scale.cronbach {
                    text += .phrase(.scaleAlpha, [
                        "label": .label(scale.label), "alpha": .number(NumberFormat.fixed(alpha.alpha, 3)), "n": "\(alpha.respondents)",
                    ])
                }
            }
            paragraphs.append(text)
        }
        return paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n")
    }

    /// The instrument as a survey table of the one column `variable` shows it.
    private func surveyInstrument(_ id: String, by variable: String) -> InstrumentDistribution? {
        for case .survey(let table) in results.tables where table.columnVariables == [variable] {
            if let instrument = table.instruments.first(where: { $0.instrumentID == id }) { return instrument }
        }
        return nil
    }

    private func surveyDifferences(_ instrument: InstrumentDistribution, variable: String) -> Text? {
        let tested = instrument.items.compactMap { item -> (SurveyItemDistribution, SurveyComparison)? in
            guard let comparison = item.comparisons.first(where: {
                $0.variable == variable && $0.stratum == nil && $0.groups.count == 2
            }), comparison.test != nil,
                comparison.adjustedP != nil
            else { return nil }
            return (item, comparison)
        }
        guard let first = tested.first else { return nil }
        let groups = first.1.groups.map { Text.level($0) }
        let order = tested.indices.filter { tested[$0].1.adjustedP! < level }
            .sorted { (tested[$0].1.adjustedP!, $0) < (tested[$1].1.adjustedP!, $1) }
        let groupsText = groups.joined(separator: " — ")
        guard !order.isEmpty else {
            return .phrase(.surveyNoDifference, ["groups": groupsText, "n": "\(tested.count)"])
        }
        return .phrase(.surveyDifferences, [
            "groups": groupsText, "n": "\(tested.count)", "group0": groups[0],
            "list": .list(order.prefix(3).map { index in
                let (item, comparison) = tested[index]
                return .phrase(.surveyItem, [
                    "id": .plain(item.itemID), "text": .label(item.text),
                    "r": .number(NumberFormat.fixed(comparison.test!.rankBiserial)), "p": .number(NumberFormat.pClause(comparison.adjustedP)),
                ])
            }),
        ])
    }

    // MARK: - Helpers

    private func label(_ row: TableRow) -> Text { Text.row(row).lowercased() }

    private func base(_ column: TableColumn) -> Text { column.suppressed ? .hidden : .count(column.base) }

    private func columnName(_ column: TableColumn) -> Text {
        column.values.count == 1 ? .levelInSentence(column.values[0]) : .column(column)
    }

    private func inPlace(_ column: TableColumn) -> Text {
        column.values.count == 1 ? .inLevel(column.values[0]) : .column(column)
    }

    /// Row indices of one kind, by `key` descending, ties in table order.
    private func rankedRows(_ table: CrosstabResult, kind: RowKind, key: ([TableCell]) -> Double) -> [Int] {
        table.rows.indices.filter { table.rows[$0].kind == kind }
            .map { (index: $0, key: key(table.cells[$0])) }
            .sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
            .map(\.index)
    }

    /// "6 of 60, 10.0%, 95% CI 4.7–20.1"; a suppressed cell says only that it is small.
    private func share(_ cell: TableCell) -> Text {
        guard !cell.suppressed else { return .phrase(.suppressedShare, ["k": "\(results.minimumCount)"]) }
        return .phrase(.share, [
            "n": "\(cell.participants)", "base": "\(cell.base)",
            "pct": .number(Proportion(count: cell.participants, base: cell.base).percentText() ?? "—"),
            "ci": .number(NumberFormat.percentInterval(cell.interval)),
        ])
    }

    private func tooSmall(_ columns: [TableColumn]) -> [Text] {
        columns.filter { $0.base > 0 && $0.base < results.minimumBase && !$0.suppressed }.map {
            .phrase(.baseTooSmall, ["place": columnName($0), "n": "\($0.base)", "k": "\(results.minimumBase)"])
        }
    }
}

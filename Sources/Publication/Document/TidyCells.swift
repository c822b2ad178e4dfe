import Analysis
import Statistics
import StudyModel

/// A table as tidy records (written as CSV): one record per cell, every column variable in its own column.
///
/// Crosstabs: `table,row_kind,row,<column variables>,participants,base,percent,ci_lower,ci_upper,segments`
/// (the 95% Wilson interval in percent). Comparisons: `table,row_kind,row,<stratum variable>,<group
/// variable>,participants,…` with the stratum `all` for the pooled cells. Agreement: one line per code.
/// Surveys: `table,instrument,item,response,<column variables>,respondents,base,percent,ci_lower,ci_upper`, where a
/// response line's base is the column's respondents who answered the item, and the line with
/// response `missing` counts those who did not, over all the column's respondents.
/// Percentages have one decimal, rounded half up; an empty base leaves the percentage empty.
public enum TidyCells {
    /// The cells of `table`, one record each.
    public static func records(for table: TableResult) -> TidyTable {
        switch table {
        case .crosstab(let crosstab): records(for: crosstab)
        case .survey(let survey): records(for: survey)
        case .comparison(let comparison): records(for: comparison)
        case .agreement(let agreement): records(for: agreement)
        case .jointDisplay(let display): records(for: display)
        case .cooccurrence(let table): records(for: table)
        }
    }

    /// A co-occurrence table: `table,kind,code,with,<column variables>,participants,base,jaccard,segments,segment_jaccard,suppressed`;
    /// `kind` = `code` (participants who mention `code`) or `pair` (who mention both `code` and `with`,
    /// the Jaccard index of those participants, the segments carrying both and their Jaccard index, three
    /// decimals). A hidden count or a withheld index is empty; `suppressed` says whether `participants` is hidden.
    private static func records(for table: CooccurrenceResult) -> TidyTable {
        var out = TidyTable(header: ["table", "kind", "code", "with"] + table.columnVariables + [
            "participants", "base", "jaccard", "segments", "segment_jaccard", "suppressed",
        ])
        func index(_ value: Double?, _ withheld: Bool) -> String { withheld ? "" : value.map { NumberFormat.fixed($0, 3) } ?? "" }
        for (position, code) in table.codes.enumerated() {
            for (column, group) in table.columns.enumerated() {
                let base = group.suppressed ? "" : String(group.base)
                let hidden = code.suppressed?[column] == true || group.suppressed
                out.rows.append([table.id, "code", code.row.id, ""] + group.values
                    + [hidden ? "" : String(code.participants[column]), base, "", "", "", hidden ? "yes" : "no"])
            }
            for pair in table.pairs where pair.first == position {
                for (column, group) in table.columns.enumerated() {
                    let cell = pair.cells[column]
                    let prefix = [table.id, "pair", code.row.id, table.codes[pair.second].row.id] + group.values
                    guard !group.suppressed else {
                        out.rows.append(prefix + ["", "", "", "", "", "yes"])
                        continue
                    }
                    out.rows.append(prefix + [
                        cell.suppressed ? "" : String(cell.participants), String(group.base), index(cell.jaccard, cell.jaccardWithheld),
                        cell.segmentsSuppressed ? "" : String(cell.segments), index(cell.segmentJaccard, cell.segmentJaccardWithheld),
                        cell.suppressed ? "yes" : "no",
                    ])
                }
            }
        }
        return out
    }

    /// A joint display: `table,code,instrument,item,<variable>,side,count,base,percent,ci_lower,ci_upper,suppressed`,
    /// `side` = `interviews` (participants who mentioned the code / all of the group) or `survey`
    /// (respondents whose answer means the code is present / those who answered the item).
    private static func records(for table: JointDisplayResult) -> TidyTable {
        var out = TidyTable(header: [
            "table", "code", "instrument", "item", table.columnVariables[0], "side", "count", "base", "percent", "ci_lower", "ci_upper",
            "suppressed",
        ])
        for row in table.rows {
            for (column, group) in table.columns.enumerated() {
                let prefix = [table.id, row.row.id, row.instrumentID, row.itemID, group.values[0]]
                let interview = row.interview[column]
                out.rows.append(prefix + ["interviews"] + (interview.suppressed
                    ? ["", "", "", "", "", "yes"] : proportionFields(interview.participants, interview.base, interview.interval) + ["no"]))
                let survey = row.survey[column]
                out.rows.append(prefix + ["survey"] + (survey.suppressed
                    ? ["", "", "", "", "", "yes"] : proportionFields(survey.present, survey.answered, survey.interval) + ["no"]))
            }
        }
        return out
    }

    /// A cell's fields; `segments` is empty where the report does not publish segment counts.
    private static func cellFields(_ cell: TableCell, segments: Bool) -> [String] {
        guard !cell.suppressed else { return ["", "", "", "", "", "", "yes"] }
        return [
            String(cell.participants), String(cell.base),
            Proportion(count: cell.participants, base: cell.base).percentText() ?? "",
            cell.interval.map { NumberFormat.fixed($0.lower * 100, 1) } ?? "",
            cell.interval.map { NumberFormat.fixed($0.upper * 100, 1) } ?? "", segments ? cell.segments.map(String.init) ?? "" : "", "no",
        ]
    }

    /// count, base, percent and its 95% Wilson interval (computed by Analysis), as CSV fields.
    private static func proportionFields(_ count: Int, _ base: Int, _ interval: WilsonScoreInterval?) -> [String] {
        [
            String(count), String(base), Proportion(count: count, base: base).percentText() ?? "",
            interval.map { NumberFormat.fixed($0.lower * 100, 1) } ?? "", interval.map { NumberFormat.fixed($0.upper * 100, 1) } ?? "",
        ]
    }

    private static func records(for table: GroupComparisonResult) -> TidyTable {
        let variables = [table.comparison.within, table.comparison.variable]
        var out = TidyTable(header: 
            ["table", "row_kind", "row"] + variables + ["participants", "base", "percent", "ci_lower", "ci_upper", "segments", "suppressed"])
        for row in table.rows {
            let prefix = [table.id, row.row.kind.rawValue, row.row.id]
            for stratum in row.strata {
                out.rows.append(prefix + [stratum.stratum, table.comparison.groups[0]] + cellFields(stratum.first, segments: table.segmentsPublished))
                out.rows.append(prefix + [stratum.stratum, table.comparison.groups[1]] + cellFields(stratum.second, segments: table.segmentsPublished))
            }
            out.rows.append(prefix + ["all", table.comparison.groups[0]] + cellFields(row.pooledFirst, segments: table.segmentsPublished))
            out.rows.append(prefix + ["all", table.comparison.groups[1]] + cellFields(row.pooledSecond, segments: table.segmentsPublished))
        }
        return out
    }

    private static func records(for table: AgreementResult) -> TidyTable {
        var out = TidyTable(header: 
            ["table", "code", "units", "present_first", "present_second", "percent_agreement", "prevalence", "prevalence_index",
             "kappa", "ac1", "pabak", "alpha", "flagged"])
        for code in table.codes {
            out.rows.append([
                table.id, code.code, String(code.units), code.presentFirst.map(String.init) ?? "", code.presentSecond.map(String.init) ?? "",
                NumberFormat.exact(code.percentAgreement), NumberFormat.exact(code.prevalence), NumberFormat.exact(code.prevalenceIndex),
                NumberFormat.exact(code.kappa), NumberFormat.exact(code.ac1), NumberFormat.exact(code.pabak), NumberFormat.exact(code.alpha),
                code.flagged ? "yes" : "no",
            ])
        }
        return out
    }

    private static func records(for table: CrosstabResult) -> TidyTable {
        var out = TidyTable(header: 
            ["table", "row_kind", "row"] + table.columnVariables
                + ["participants", "base", "percent", "ci_lower", "ci_upper", "segments", "suppressed"])
        for (row, cells) in zip(table.rows, table.cells) {
            for (column, cell) in zip(table.columns, cells) {
                out.rows.append([table.id, row.kind.rawValue, row.id] + column.values + cellFields(cell, segments: table.segmentsPublished))
            }
        }
        return out
    }

    private static func records(for table: SurveyTableResult) -> TidyTable {
        var out = TidyTable(header: 
            ["table", "instrument", "item", "response"] + table.columnVariables
                + ["respondents", "base", "percent", "ci_lower", "ci_upper", "suppressed"])
        for instrument in table.instruments {
            for item in instrument.items {
                for (columnIndex, column) in instrument.columns.enumerated() {
                    let answered = item.answered[columnIndex]
                    for (valueIndex, value) in item.scale.values.enumerated() {
                        let count = item.counts[columnIndex][valueIndex]
                        let hidden = item.suppressedCounts?[columnIndex][valueIndex] == true
                        let fields = hidden ? ["", "", "", "", "", "yes"]
                            : item.answeredHidden?[columnIndex] == true ? [String(count), "", "", "", "", "no"]
                            : proportionFields(count, answered, item.interval(column: columnIndex, value: valueIndex)) + ["no"]
                        out.rows.append(
                            [table.id, instrument.instrumentID, item.itemID, String(value.value)] + column.values + fields)
                    }
                    let missing = item.missing[columnIndex]
                    let hidden = item.suppressedMissing?[columnIndex] == true
                    out.rows.append(
                        [table.id, instrument.instrumentID, item.itemID, "missing"] + column.values
                            + (hidden ? ["", "", "", "", "", "yes"]
                                : column.suppressed ? [String(missing), "", "", "", "", "no"]
                                : proportionFields(missing, column.base, item.missingInterval(column: columnIndex, respondents: column.base)) + ["no"]))
                }
            }
        }
        return out
    }
}

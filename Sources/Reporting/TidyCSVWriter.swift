import Analysis
import Statistics
import StudyModel

/// Writes a table as tidy CSV: one line per cell, every column variable in its own column.
///
/// Crosstabs: `table,row_kind,row,<column variables>,participants,base,percent,segments`.
/// Surveys: `table,instrument,item,response,<column variables>,respondents,base,percent`, where a
/// response line's base is the column's respondents who answered the item, and the line with
/// response `missing` counts those who did not, over all the column's respondents.
/// Percentages have one decimal, rounded half up; an empty base leaves the percentage empty.
enum TidyCSVWriter {
    static func csv(for table: TableResult) -> String {
        switch table {
        case .crosstab(let crosstab): csv(for: crosstab)
        case .survey(let survey): csv(for: survey)
        }
    }

    private static func csv(for table: CrosstabResult) -> String {
        var out = CSVFieldEscaping.line(
            ["table", "row_kind", "row"] + table.columnVariables + ["participants", "base", "percent", "segments"])
        for (row, cells) in zip(table.rows, table.cells) {
            for (column, cell) in zip(table.columns, cells) {
                out += CSVFieldEscaping.line(
                    [table.id, row.kind.rawValue, row.id] + column.values + [
                        String(cell.participants), String(cell.base),
                        Proportion(count: cell.participants, base: cell.base).percentText() ?? "",
                        String(cell.segments),
                    ])
            }
        }
        return out
    }

    private static func csv(for table: SurveyTableResult) -> String {
        var out = CSVFieldEscaping.line(
            ["table", "instrument", "item", "response"] + table.columnVariables + ["respondents", "base", "percent"])
        for instrument in table.instruments {
            for item in instrument.items {
                for (columnIndex, column) in instrument.columns.enumerated() {
                    let answered = item.counts[columnIndex].reduce(0, +)
                    for (valueIndex, value) in item.scale.values.enumerated() {
                        let count = item.counts[columnIndex][valueIndex]
                        out += CSVFieldEscaping.line(
                            [table.id, instrument.instrumentID, item.itemID, String(value.value)] + column.values + [
                                String(count), String(answered),
                                Proportion(count: count, base: answered).percentText() ?? "",
                            ])
                    }
                    let missing = item.missing[columnIndex]
                    out += CSVFieldEscaping.line(
                        [table.id, instrument.instrumentID, item.itemID, "missing"] + column.values + [
                            String(missing), String(column.base),
                            Proportion(count: missing, base: column.base).percentText() ?? "",
                        ])
                }
            }
        }
        return out
    }
}

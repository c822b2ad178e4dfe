import Foundation
import Analysis
import Statistics
import StudyModel

/// Renders result tables as plain text and as Markdown.
///
/// Crosstab cells show participants, the percentage of the column base, and the segments beside them;
/// survey cells show respondents and the percentage of those who answered the item.
struct TableRenderer {
    let vocabulary: Vocabulary

    enum Style { case text, markdown }

    func render(_ table: TableResult, style: Style) -> String {
        switch table {
        case .crosstab(let crosstab): render(crosstab, style: style)
        case .survey(let survey): render(survey, style: style)
        }
    }

    // MARK: - Crosstabs

    func title(of table: CrosstabResult) -> String {
        var title = vocabulary.title(rows: table.rowSet, columns: table.columnVariables)
        if let filter = table.filter, !filter.isEmpty {
            let condition = filter.keys.sorted().map { variable in
                "\(vocabulary.variable(variable)): " + filter[variable]!.map(vocabulary.level).joined(separator: ", ")
            }
            title += " (" + condition.joined(separator: "; ") + ")"
        }
        return title
    }

    private func note(for table: CrosstabResult) -> String {
        table.rowSet == .sample
            ? "Cells: participants (% of the column's participants); seg = analysed coded segments."
            : "Cells: participants with at least one analysed segment of the row's codes (% of all participants "
                + "of the column, including those with no segment); seg = analysed segments."
    }

    private func testsNote(for table: CrosstabResult) -> String {
        table.tests.isEmpty ? "Significance tests: none computed for this table." : ""
    }

    private func render(_ table: CrosstabResult, style: Style) -> String {
        let label = { (row: TableRow) in (row.depth > 0 ? "  " : "") + vocabulary.rowLabel(row) }
        switch style {
        case .text:
            // Each column group is one grid column holding "n  %  seg", the parts padded to common widths.
            let numberWidth = max(1, table.cells.joined().map { String($0.participants).count }.max() ?? 1)
            let segmentWidth = max(3, table.cells.joined().map { String($0.segments).count }.max() ?? 3)
            func parts(_ count: String, _ percent: String, _ segments: String) -> String {
                pad(count, numberWidth) + "  " + pad(percent, 5) + "  " + pad(segments, segmentWidth)
            }
            var grid = TextGrid()
            grid.header = [[""] + table.columns.map(vocabulary.columnLabel)]
            grid.header.append([""] + table.columns.map { _ in parts("n", "%", "seg") })
            for (row, cells) in zip(table.rows, table.cells) {
                grid.rows.append([label(row)] + cells.map { cell in
                    parts(String(cell.participants), percentText(cell), String(cell.segments))
                })
            }
            grid.rows.append(["Base (participants)"] + table.columns.map { parts(String($0.base), "", "") })
            return "\(table.id): \(title(of: table))\n\(note(for: table))\n\n" + grid.rendered() + "\n"
                + testsNote(for: table) + "\n"
        case .markdown:
            var lines = ["### \(title(of: table))", "", "Table id: `\(table.id)`. \(note(for: table))", ""]
            lines.append("| | " + table.columns.map { "\(markdownEscaped(vocabulary.columnLabel($0))) (N = \($0.base))" }.joined(separator: " | ") + " |")
            lines.append("|---|" + String(repeating: "---:|", count: table.columns.count))
            for (row, cells) in zip(table.rows, table.cells) {
                let name = row.depth > 0 ? "  " + markdownEscaped(vocabulary.rowLabel(row)) : "**\(markdownEscaped(vocabulary.rowLabel(row)))**"
                lines.append("| \(name) | " + cells.map { cell in
                    "\(cell.participants) (\(percentText(cell))%), \(cell.segments) seg"
                }.joined(separator: " | ") + " |")
            }
            lines += ["", testsNote(for: table), ""]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func percentText(_ cell: TableCell) -> String {
        Proportion(count: cell.participants, base: cell.base).percentText() ?? "—"
    }

    // MARK: - Survey distributions

    func title(of table: SurveyTableResult) -> String {
        vocabulary.title(rows: .surveyItems, columns: table.columnVariables)
    }

    private func render(_ table: SurveyTableResult, style: Style) -> String {
        var out = style == .text
            ? "\(table.id): \(title(of: table))\nCells: respondents (% of the column's respondents who answered the item).\n\n"
            : "### \(title(of: table))\n\nTable id: `\(table.id)`. Cells: respondents (% of the column's respondents who answered the item).\n\n"
        let language = vocabulary.language
        for instrument in table.instruments {
            let heading = "\(instrument.title[language]) (\(instrument.instrumentID))"
            out += style == .text ? heading + "\n" + String(repeating: "=", count: heading.count) + "\n\n" : "#### \(markdownEscaped(heading))\n\n"
            for item in instrument.items {
                var rows: [[String]] = []
                for (valueIndex, value) in item.scale.values.enumerated() {
                    rows.append(["\(value.value) \(value.label[language])"] + instrument.columns.indices.map { column in
                        let answered = item.counts[column].reduce(0, +)
                        let count = item.counts[column][valueIndex]
                        return "\(count) (\(Proportion(count: count, base: answered).percentText() ?? "—")%)"
                    })
                }
                rows.append(["Answered"] + instrument.columns.indices.map { String(item.counts[$0].reduce(0, +)) })
                rows.append(["No answer"] + item.missing.map(String.init))
                let columnNames = instrument.columns.map { "\(vocabulary.columnLabel($0)) (N = \($0.base))" }
                let itemTitle = "\(item.itemID). \(item.text[language])"
                switch style {
                case .text:
                    var grid = TextGrid()
                    grid.header = [[""] + columnNames]
                    grid.rows = rows
                    out += itemTitle + "\n" + grid.rendered() + "\n"
                case .markdown:
                    out += "**\(markdownEscaped(itemTitle))**\n\n| | " + columnNames.map(markdownEscaped).joined(separator: " | ") + " |\n"
                    out += "|---|" + String(repeating: "---:|", count: columnNames.count) + "\n"
                    out += rows.map { "| " + $0.map(markdownEscaped).joined(separator: " | ") + " |\n" }.joined() + "\n"
                }
            }
        }
        return out
    }

    private func markdownEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}

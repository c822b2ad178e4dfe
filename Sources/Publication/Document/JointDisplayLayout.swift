import Analysis
import Statistics
import StudyModel

/// Lays out a joint display: per code and the survey item that measures it, the interview share beside
/// the survey share in each group, each side's Fisher p and the convergence label.
struct JointDisplayLayout {
    static func title(of table: JointDisplayResult) -> Text {
        .phrase(.jointDisplayTitle, ["variable": .variable(table.columnVariables[0])])
    }

    static func blocks(_ table: JointDisplayResult) -> [DocumentBlock] {
        var top: [Text] = ["", ""]
        var second: [Text] = [.phrase(.jointCode, [:]), .phrase(.item, [:])]
        for column in table.columns {
            top += [.column(column), ""]
            second += [.phrase(.jointInterviews, [:]), .phrase(.jointSurvey, [:])]
        }
        top += [.phrase(.fisherP, [:]), "", ""]
        second += [.phrase(.jointInterviews, [:]), .phrase(.jointSurvey, [:]), .phrase(.jointConvergence, [:])]
        let rows = table.rows.map { row -> [Text] in
            var cells: [Text] = [.row(row.row), .plain(row.itemID)]
            for column in table.columns.indices {
                cells.append(interview(row.interview[column]))
                cells.append(survey(row.survey[column]))
            }
            cells.append(row.interviewWithheld ? .phrase(.withheld, [:]) : .number(NumberFormat.p(row.interviewTest?.p)))
            cells.append(row.surveyWithheld ? .phrase(.withheld, [:]) : .number(NumberFormat.p(row.surveyTest?.p)))
            cells.append(row.convergence.map(label) ?? "—")
            return cells
        }
        let items: [Text] = table.rows.map { row in
            .phrase(.jointItem, [
                "item": .plain(row.itemID), "text": .label(row.itemText), "label": .row(row.row),
                "values": .plain(row.presentValues.map(String.init).joined(separator: ", ")),
            ])
        }
        return [
            .title(id: table.id, text: title(of: table)),
            .note(.phrase(.jointDisplayNote, ["variable": .variable(table.columnVariables[0])])),
            .grid(header: [top, second], rows: rows, indents: Array(repeating: 0, count: rows.count)),
        ] + items.map { DocumentBlock.note($0) }
    }

    /// "21/60 (35.0%; 24.2–47.6)", or `*` where hidden.
    private static func interview(_ cell: TableCell) -> Text {
        guard !cell.suppressed else { return .hidden }
        return share(cell.participants, cell.base, cell.interval)
    }

    private static func survey(_ share: SurveyShare) -> Text {
        guard !share.suppressed else { return .hidden }
        return self.share(share.present, share.answered, share.interval)
    }

    private static func share(_ count: Int, _ base: Int, _ interval: WilsonScoreInterval?) -> Text {
        let percent = Proportion(count: count, base: base).percentText() ?? "—"
        return .number("\(count)/\(base) (\(percent)%; \(NumberFormat.percentInterval(interval)))")
    }

    static func label(_ convergence: Convergence) -> Text {
        switch convergence {
        case .convergent: .phrase(.convergent, [:])
        case .divergent: .phrase(.divergent, [:])
        case .interviewOnly: .phrase(.interviewOnly, [:])
        case .surveyOnly: .phrase(.surveyOnly, [:])
        case .neither: .phrase(.neitherDiffers, [:])
        }
    }
}

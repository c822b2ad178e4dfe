import Analysis
import Statistics
import StudyModel

/// Lays out a code co-occurrence table: each code with the participants who mention it (the matrix's
/// diagonal), then, indented under it, each later code with the participants who mention both, the
/// Jaccard index, the segments that carry both and the segment-level index, per column group.
struct CooccurrenceLayout {
    static func title(of table: CooccurrenceResult) -> Text {
        .title(rows: .cooccurrence, columns: table.columnVariables) + ": " + .rowSet(table.codeSet)
            + CrosstabLayout.condition(table.filter)
    }

    static func blocks(_ table: CooccurrenceResult) -> [DocumentBlock] {
        let subheader: [Text] = ["n", "J", .phrase(.cooccurrenceSegments, [:]), .phrase(.cooccurrenceSegmentJaccard, [:])]
        var header: [[Text]] = [[""] + table.columns.flatMap { [Text.column($0)] + Array(repeating: "", count: subheader.count - 1) }]
        header.append([""] + table.columns.flatMap { _ in subheader })
        var rows: [[Text]] = []
        var indents: [Int] = []
        for (index, code) in table.codes.enumerated() {
            rows.append([Text.row(code.row)] + table.columns.indices.flatMap { column -> [Text] in
                let hidden = code.suppressed?[column] == true || table.columns[column].suppressed
                return [hidden ? .hidden : .count(code.participants[column]), "", "", ""]
            })
            indents.append(0)
            for pair in table.pairs where pair.first == index {
                rows.append(["× " + Text.row(table.codes[pair.second].row)] + pair.cells.enumerated().flatMap { column, cell -> [Text] in
                    guard !table.columns[column].suppressed else { return Array(repeating: .hidden, count: subheader.count) }
                    return [
                        cell.suppressed ? .hidden : .count(cell.participants), jaccard(cell.jaccard, withheld: cell.jaccardWithheld),
                        cell.segmentsSuppressed ? .hidden : .count(cell.segments),
                        jaccard(cell.segmentJaccard, withheld: cell.segmentJaccardWithheld),
                    ]
                })
                indents.append(1)
            }
        }
        rows.append([.phrase(.baseParticipants, [:])] + table.columns.flatMap {
            [$0.suppressed ? Text.hidden : .count($0.base)] + Array(repeating: "", count: subheader.count - 1)
        })
        indents.append(0)
        return [
            .title(id: table.id, text: title(of: table)),
            .note(.phrase(.cooccurrenceNote, [:])),
            .grid(header: header, rows: rows, indents: indents),
        ]
    }

    /// The index with three decimals; `*` where withheld, `—` where neither code occurs.
    static func jaccard(_ value: Double?, withheld: Bool) -> Text {
        withheld ? .hidden : .number(value.map { NumberFormat.fixed($0, 3) } ?? "—")
    }
}

import Analysis
import Storage
import Statistics
import StudyModel

/// Writes the plain-text summary: the sample, then the largest descriptive differences the tables show,
/// with their counts and bases, and a plain warning wherever a base is too small to conclude anything.
///
/// The summary reads only the tables of the default plan it finds (by id); a plan without them gets a
/// shorter summary. Until significance tests exist (issue 3) it says that differences are descriptive.
struct SummaryWriter {
    let results: AnalysisResults
    let vocabulary: Vocabulary

    func summary() -> String {
        var paragraphs: [String] = []
        paragraphs.append("Summary of \(results.study.name), version \(results.study.version)")
        paragraphs.append(sample())
        if let text = barriersByCountry() { paragraphs.append(text) }
        if let text = fathersAndMothers() { paragraphs.append(text) }
        if let text = activities() { paragraphs.append(text) }
        if let text = surveys() { paragraphs.append(text) }
        paragraphs.append(
            "All differences above are descriptive: significance tests, effect sizes and intervals are not "
                + "computed yet. Percentages are of all participants of a group, including those with no coded "
                + "segment; a participant counts once per row however many segments they have.")
        return paragraphs.map { wrapped($0) }.joined(separator: "\n\n") + "\n"
    }

    private func crosstab(_ id: String) -> CrosstabResult? {
        for case .crosstab(let table) in results.tables where table.id == id { return table }
        return nil
    }

    private func sample() -> String {
        var text = "The sample has \(results.participants) interviewed participants"
        guard let table = crosstab("sample-by-country-role") else { return text + "." }
        let countries = table.columns.map { "\($0.base) in \(columnName($0))" }
        text += ": " + list(countries) + "."
        let roles = table.rows.enumerated().compactMap { index, row -> String? in
            let total = table.cells[index].reduce(0) { $0 + $1.participants }
            return total == 0 ? nil : "\(total) \(vocabulary.rowLabel(row).lowercased())"
        }
        text += " By role: " + list(roles) + "."
        let segments = table.cells.reduce(0) { $0 + $1.reduce(0) { $0 + $1.segments } }
        text += " The analysed coding (coder policy: \(results.analysedCoders.joined(separator: ", then "))) has \(segments) coded segments."
        return text
    }

    private func barriersByCountry() -> String? {
        guard let table = crosstab("barriers-by-country"), table.columns.count >= 2 else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 {
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) / Double(column.base) }.prefix(3)
            let described = top.map { index in
                "\(vocabulary.rowLabel(table.rows[index]).lowercased()) (\(share(table.cells[index][columnIndex])))"
            }
            sentences.append("In \(columnName(column)) the barriers mentioned by most participants were \(list(described)).")
        }
        let (first, second) = (table.columns[0], table.columns[1])
        if first.base > 0 && second.base > 0 {
            let gaps = rankedRows(table, kind: .code) { cells in
                abs(self.fraction(cells[0]) - self.fraction(cells[1]))
            }.prefix(3)
            let described = gaps.map { index in
                let cells = table.cells[index]
                return "\(vocabulary.rowLabel(table.rows[index]).lowercased()): \(share(cells[0])) in \(columnName(first)) "
                    + "against \(share(cells[1])) in \(columnName(second))"
            }
            sentences.append("The largest differences between the countries: \(list(described)).")
        }
        sentences += tooSmall(table.columns)
        return sentences.joined(separator: " ")
    }

    private func fathersAndMothers() -> String? {
        guard let table = crosstab("barriers-by-role-within-country") else { return nil }
        var sentences: [String] = []
        for country in results.countries {
            guard let mothers = table.columns.firstIndex(where: { $0.values == [country, "mother"] }),
                let fathers = table.columns.firstIndex(where: { $0.values == [country, "father"] })
            else { continue }
            let place = vocabulary.levelInSentence(country)
            let bases = (table.columns[fathers].base, table.columns[mothers].base)
            if min(bases.0, bases.1) < results.minimumBase {
                sentences.append(
                    "In \(place), \(bases.0) fathers and \(bases.1) mothers were interviewed: a base below "
                        + "\(results.minimumBase) is too small to conclude anything about differences between them.")
                continue
            }
            let gaps = rankedRows(table, kind: .code) { cells in
                abs(self.fraction(cells[fathers]) - self.fraction(cells[mothers]))
            }.prefix(2)
            let described = gaps.map { index in
                let cells = table.cells[index]
                return "\(vocabulary.rowLabel(table.rows[index]).lowercased()) (fathers \(share(cells[fathers])), mothers \(share(cells[mothers])))"
            }
            sentences.append("In \(place) fathers and mothers differed most on \(list(described)).")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    private func activities() -> String? {
        guard let table = crosstab("activities-by-country") else { return nil }
        var sentences: [String] = []
        for (columnIndex, column) in table.columns.enumerated() where column.base > 0 {
            let groups = table.rows.indices.filter { table.rows[$0].kind == .activityType }.map { index in
                "\(vocabulary.rowLabel(table.rows[index]).lowercased()) \(share(table.cells[index][columnIndex]))"
            }
            let top = rankedRows(table, kind: .code) { Double($0[columnIndex].participants) }.prefix(1).map {
                vocabulary.rowLabel(table.rows[$0]).lowercased()
            }
            sentences.append(
                "In \(columnName(column)) participants mentioned \(list(groups)); the most mentioned activity was \(list(top)).")
        }
        return sentences.joined(separator: " ")
    }

    private func surveys() -> String? {
        var sentences: [String] = []
        for case .survey(let table) in results.tables {
            for instrument in table.instruments {
                let counts = instrument.columns.map { "\($0.base) in \(columnName($0))" }
                sentences.append("\(instrument.title[vocabulary.language]): \(instrument.columns.reduce(0) { $0 + $1.base }) respondents (\(list(counts))).")
            }
            break
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    // MARK: - Helpers

    /// Row indices of one kind, by `key` descending, ties in table order.
    private func rankedRows(_ table: CrosstabResult, kind: RowKind, key: ([TableCell]) -> Double) -> [Int] {
        table.rows.indices.filter { table.rows[$0].kind == kind }
            .map { (index: $0, key: key(table.cells[$0])) }
            .sorted { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
            .map(\.index)
    }

    /// A column group's name inside a sentence.
    private func columnName(_ column: TableColumn) -> String {
        column.values.count == 1 ? vocabulary.levelInSentence(column.values[0]) : vocabulary.columnLabel(column)
    }

    private func fraction(_ cell: TableCell) -> Double {
        cell.base == 0 ? 0 : Double(cell.participants) / Double(cell.base)
    }

    private func share(_ cell: TableCell) -> String {
        "\(cell.participants) of \(cell.base), \(Proportion(count: cell.participants, base: cell.base).percentText() ?? "—")%"
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

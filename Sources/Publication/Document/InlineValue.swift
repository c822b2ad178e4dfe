import Analysis
import Statistics
import StudyModel

/// A value a notebook's prose asks for inline (`` `analyze: percent barriers-by-country bar_busy_job KZ` ``),
/// read from the published document: a count disclosure control hides stays hidden ("*"), and a request
/// that names nothing is an error, never an empty value.
///
/// Requests (a cell's `COLUMN` is its levels joined by `/`: `KZ`, `KZ/father`; `all` in a table without
/// column variables; in a comparison `GROUP/STRATUM` or `GROUP/all` for the pooled group):
/// - `count TABLE ROW COLUMN`: the participants of a cell;
/// - `percent TABLE ROW COLUMN`: its percentage ("31.7%");
/// - `ci TABLE ROW COLUMN`: its 95% Wilson interval ("24.0–40.4%");
/// - `base TABLE COLUMN`: the participants of a column group;
/// - `p TABLE ROW`: the Benjamini–Hochberg adjusted p of the row's test ("0.0059", "< 0.0001");
/// - `rows TABLE [KIND]`: the number of rows of a kind (`code` by default) in the table;
/// - `participants`: the participants of the study;
/// - `coded-twice`: the participants coded by more than one coder (the agreement table's units).
public enum InlineValue {
    /// What a request names, as a ``Text``.
    /// - Throws: a plain message saying what the request names that does not exist.
    public static func text(_ words: [String], in document: PublishedDocument) throws(InlineValueError) -> Text {
        guard let request = words.first else { throw InlineValueError("an empty request") }
        func table(_ id: String) throws(InlineValueError) -> TableResult {
            guard let table = document.table(id) else {
                throw InlineValueError("unknown table '\(id)' (tables: \(document.tables.map(\.id).joined(separator: ", ")))")
            }
            return table.result
        }
        func arguments(_ count: Int, _ usage: String) throws(InlineValueError) {
            guard words.count == count + 1 else { throw InlineValueError("'\(request)' takes \(usage)") }
        }
        switch request {
        case "participants":
            try arguments(0, "nothing")
            return .count(document.participants)
        case "coded-twice":
            try arguments(0, "nothing")
            for table in document.tables {
                if case .agreement(let agreement) = table.result { return .count(agreement.participants) }
            }
            throw InlineValueError("the plan has no agreement table")
        case "rows":
            guard words.count == 2 || words.count == 3 else { throw InlineValueError("'rows' takes TABLE [KIND]") }
            guard let kind = RowKind(rawValue: words.count == 3 ? words[2] : "code") else {
                throw InlineValueError("unknown kind of row '\(words[2])' (\(RowKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let rows: [TableRow]
            switch try table(words[1]) {
            case .crosstab(let crosstab): rows = crosstab.rows
            case .comparison(let comparison): rows = comparison.rows.map(\.row)
            default: throw InlineValueError("table '\(words[1])' has no rows of codes")
            }
            return .count(rows.filter { $0.kind == kind }.count)
        case "count", "percent", "ci":
            try arguments(3, "TABLE ROW COLUMN")
            let cell = try self.cell(try table(words[1]), row: words[2], column: words[3])
            if cell.suppressed { return .hidden }
            switch request {
            case "count": return .count(cell.participants)
            case "percent":
                // An empty group has no percentage: "—", not "—%".
                return .number(Proportion(count: cell.participants, base: cell.base).percentText().map { $0 + "%" } ?? "—")
            default: return .number(cell.interval.map { NumberFormat.percentInterval($0) + "%" } ?? "—")
            }
        case "base":
            try arguments(2, "TABLE COLUMN")
            let result = try table(words[1])
            guard case .crosstab(let crosstab) = result else { throw InlineValueError("'base' reads a crosstab's column groups") }
            let column = try columnIndex(crosstab, words[2])
            return crosstab.columns[column].suppressed ? .hidden : .count(crosstab.columns[column].base)
        case "p":
            try arguments(2, "TABLE ROW")
            switch try table(words[1]) {
            case .crosstab(let crosstab):
                let index = try rowIndex(crosstab.rows, words[2], table: crosstab.id)
                guard index < crosstab.tests.count, let p = crosstab.tests[index].adjustedP else {
                    throw InlineValueError("row '\(words[2])' of '\(crosstab.id)' has no published test")
                }
                return .number(NumberFormat.p(p))
            case .comparison(let comparison):
                let index = try rowIndex(comparison.rows.map(\.row), words[2], table: comparison.id)
                guard let p = comparison.rows[index].adjustedP else {
                    throw InlineValueError("row '\(words[2])' of '\(comparison.id)' has no published pooled test")
                }
                return .number(NumberFormat.p(p))
            default:
                throw InlineValueError("'p' reads a crosstab's or a comparison's rows")
            }
        default:
            throw InlineValueError(
                "unknown value '\(request)' (count, percent, ci, base, p, rows, participants, coded-twice)")
        }
    }

    private static func rowIndex(_ rows: [TableRow], _ id: String, table: String) throws(InlineValueError) -> Int {
        guard let index = rows.firstIndex(where: { $0.id == id }) else {
            throw InlineValueError("'\(table)' has no row '\(id)'")
        }
        return index
    }

    private static func columnIndex(_ table: CrosstabResult, _ name: String) throws(InlineValueError) -> Int {
        let names = table.columns.map { $0.values.isEmpty ? "all" : $0.values.joined(separator: "/") }
        guard let index = names.firstIndex(of: name) else {
            throw InlineValueError("'\(table.id)' has no column '\(name)' (\(names.joined(separator: ", ")))")
        }
        return index
    }

    private static func cell(_ result: TableResult, row: String, column: String) throws(InlineValueError) -> TableCell {
        switch result {
        case .crosstab(let crosstab):
            return crosstab.cells[try rowIndex(crosstab.rows, row, table: crosstab.id)][try columnIndex(crosstab, column)]
        case .comparison(let comparison):
            let index = try rowIndex(comparison.rows.map(\.row), row, table: comparison.id)
            let parts = column.split(separator: "/").map(String.init)
            guard parts.count == 2, let group = comparison.comparison.groups.firstIndex(of: parts[0]) else {
                throw InlineValueError("'\(comparison.id)' has columns GROUP/STRATUM (\(comparison.comparison.groups.joined(separator: ", ")) / "
                    + "\((comparison.strata + ["all"]).joined(separator: ", ")))")
            }
            let row = comparison.rows[index]
            if parts[1] == "all" { return group == 0 ? row.pooledFirst : row.pooledSecond }
            guard let stratum = comparison.strata.firstIndex(of: parts[1]) else {
                throw InlineValueError("'\(comparison.id)' has no stratum '\(parts[1])' (\((comparison.strata + ["all"]).joined(separator: ", ")))")
            }
            return group == 0 ? row.strata[stratum].first : row.strata[stratum].second
        default:
            throw InlineValueError("'\(result.id)' has no cells of participants")
        }
    }
}

/// A notebook's inline request that names nothing: the message says what.
public struct InlineValueError: Error, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}

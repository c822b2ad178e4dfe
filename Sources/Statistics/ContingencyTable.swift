/// An r × c table of counts with its margins.
public struct ContingencyTable: Sendable, Equatable {
    /// `counts[row][column]`.
    public var counts: [[Int]]

    /// - Precondition: every row has the same number of columns; counts are not negative.
    public init(_ counts: [[Int]]) {
        precondition(Set(counts.map(\.count)).count <= 1, "every row needs the same number of columns")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts cannot be negative")
        self.counts = counts
    }

    public var rowCount: Int { counts.count }
    public var columnCount: Int { counts.first?.count ?? 0 }
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    public var columnTotals: [Int] {
        (0..<columnCount).map { column in counts.reduce(0) { $0 + $1[column] } }
    }
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The expected count of a cell under independence: rowTotal · columnTotal / total.
    public func expected(row: Int, column: Int) -> Double {
        Double(rowTotals[row]) * Double(columnTotals[column]) / Double(total)
    }

    /// The table without its all-zero rows and columns, with the indices that were kept. Tests are
    /// computed on it: SPSS lists only observed categories, and empty margins change no exact p-value.
    public func droppingEmptyMargins() -> (table: ContingencyTable, rows: [Int], columns: [Int]) {
        let rows = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let columns = columnTotals.indices.filter { columnTotals[$0] > 0 }
        return (ContingencyTable(rows.map { row in columns.map { counts[row][$0] } }), rows, columns)
    }
}

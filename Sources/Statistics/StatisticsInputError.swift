/// Input a statistic refuses instead of returning a number that means nothing: a value that is not a
/// finite number (NaN, ±∞), or rows of different lengths where every row must have one value per item.
public enum StatisticsInputError: Error, Equatable, CustomStringConvertible {
    /// `statistic`'s input holds a non-finite value at `position` (0-based, in the order given).
    case notFinite(statistic: String, position: Int)
    /// Row `row` (0-based) has `found` values where the first row has `expected`.
    case raggedRows(statistic: String, row: Int, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .notFinite(let statistic, let position):
            "\(statistic): value \(position + 1) is not a finite number"
        case .raggedRows(let statistic, let row, let expected, let found):
            "\(statistic): row \(row + 1) has \(found) values, the first row \(expected)"
        }
    }
}

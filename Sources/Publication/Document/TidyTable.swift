/// Records of named fields, the tidy form of a table (one record per cell or per test): numbers in
/// their canonical text ("66.7", shortest round-trip form for full precision), empty where there is no
/// value. The CSV writer of `Reporting` writes them.
public struct TidyTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }
}

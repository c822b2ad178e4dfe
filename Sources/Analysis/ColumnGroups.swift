import StudyModel

/// The column groups of a table: every combination of levels of the column variables, outermost
/// variable first, each with its members.
///
/// Levels of `country` and `role` are the manifest's declared levels, in declared order (a level with
/// no participant is still a column, with base 0). Levels of other variables are the values observed,
/// in byte order, followed by `""` for participants without a value ("not recorded").
struct ColumnGroups {
    var columns: [TableColumn] = []
    /// Indices (into the unit list given) of each column's members.
    var members: [[Int]] = []

    /// - Parameters:
    ///   - variables: the column variables, outermost first.
    ///   - units: the value of each variable for each unit (`nil`: not recorded).
    ///   - declaredLevels: the declared levels of a variable, if it has any.
    init(variables: [String], units: [[String?]], declaredLevels: (String) -> [String]?) {
        var levels: [[String]] = []
        for (position, variable) in variables.enumerated() {
            if let declared = declaredLevels(variable) {
                levels.append(declared)
            } else {
                let observed = Set(units.compactMap { $0[position] })
                let sorted = observed.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                levels.append(units.contains { $0[position] == nil } ? sorted + [""] : sorted)
            }
        }
        var combinations: [[String]] = [[]]
        for variableLevels in levels {
            combinations = combinations.flatMap { prefix in variableLevels.map { prefix + [$0] } }
        }
        let indexByCombination = Dictionary(uniqueKeysWithValues: combinations.enumerated().map { ($1, $0) })
        members = Array(repeating: [], count: combinations.count)
        for (unit, values) in units.enumerated() {
            if let column = indexByCombination[values.map { $0 ?? "" }] { members[column].append(unit) }
        }
        columns = zip(combinations, members).map { TableColumn(values: $0, base: $1.count) }
    }
}

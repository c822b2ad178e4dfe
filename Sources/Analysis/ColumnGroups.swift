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
        self.init(variables: variables, unitCount: units.count, value: { units[$0][$1] }, declaredLevels: declaredLevels)
    }

    /// The groups of `unitCount` units whose values are asked for one at a time (a large study holds no
    /// list of every unit's values).
    /// - Parameters:
    ///   - variables: the column variables, outermost first.
    ///   - value: the value of unit `unit` for `variables[position]` (`nil`: not recorded).
    ///   - declaredLevels: the declared levels of a variable, if it has any.
    init(
        variables: [String], unitCount: Int, value: (_ unit: Int, _ position: Int) -> String?,
        declaredLevels: (String) -> [String]?
    ) {
        var levels: [[String]] = []
        for (position, variable) in variables.enumerated() {
            if let declared = declaredLevels(variable) {
                levels.append(declared)
            } else {
                var observed = Set<String>()
                var unrecorded = false
                for unit in 0..<unitCount {
                    if let level = value(unit, position) { observed.insert(level) } else { unrecorded = true }
                }
                let sorted = observed.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                levels.append(unrecorded ? sorted + [""] : sorted)
            }
        }
        var combinations: [[String]] = [[]]
        for variableLevels in levels {
            combinations = combinations.flatMap { prefix in variableLevels.map { prefix + [$0] } }
        }
        // A unit's column is its levels' positions read as a number in mixed radix, outermost variable
        // first (the order of `combinations`); a value that is no level of its variable puts it in none.
        let levelIndex = levels.map { Dictionary($0.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) }
        // A variable of a few levels (country, role) finds a value by comparing it with each level, which
        // costs less than hashing it; the first equal level, as the dictionary keeps.
        func index(of value: String, at position: Int) -> Int? {
            levels[position].count <= 8 ? levels[position].firstIndex(of: value) : levelIndex[position][value]
        }
        members = Array(repeating: [], count: combinations.count)
        units: for unit in 0..<unitCount {
            var column = 0
            for position in variables.indices {
                guard let index = index(of: value(unit, position) ?? "", at: position) else { continue units }
                column = column * levels[position].count + index
            }
            members[column].append(unit)
        }
        columns = zip(combinations, members).map { TableColumn(values: $0, base: $1.count) }
    }
}

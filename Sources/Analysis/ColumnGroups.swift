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
        let levelIndex = levels.map(Self.levelIndex)
        // A unit's column is its levels' positions read as a number in mixed radix, outermost variable
        // first; a value that is no level of its variable puts it in none (−1).
        var columnOf = Array(repeating: -1, count: unitCount)
        units: for unit in 0..<unitCount {
            var column = 0
            for position in variables.indices {
                guard let index = Self.index(of: value(unit, position) ?? "", among: levels[position], levelIndex[position]) else { continue units }
                column = column * levels[position].count + index
            }
            columnOf[unit] = column
        }
        self.init(levels: levels, columnOf: columnOf)
    }

    /// The groups of the participants at `units` (a unit is a place in the list), every variable of declared
    /// levels and numbered (country, role): each number's level is found once instead of once per unit.
    /// - Parameters:
    ///   - variables: the column variables, outermost first.
    ///   - numbered: each variable's values by number.
    ///   - declaredLevels: the declared levels of a variable.
    init(variables: [String], units: [Int], numbered: [NumberedValues], declaredLevels: (String) -> [String]?) {
        let levels = variables.map { variable in
            guard let declared = declaredLevels(variable) else { preconditionFailure("numbered values of a variable of declared levels") }
            return declared
        }
        // The columns in mixed radix, as the values' init reads them, a variable at a time (−1: none).
        var columnOf = Array(repeating: 0, count: units.count)
        for position in levels.indices {
            let levelIndex = Self.levelIndex(levels[position])
            let indexOfNumber = numbered[position].values.map { Self.index(of: $0 ?? "", among: levels[position], levelIndex) ?? -1 }
            let numbers = numbered[position].numbers
            let radix = levels[position].count
            for unit in units.indices where columnOf[unit] >= 0 {
                let index = indexOfNumber[Int(numbers[units[unit]])]
                columnOf[unit] = index < 0 ? -1 : columnOf[unit] * radix + index
            }
        }
        self.init(levels: levels, columnOf: columnOf)
    }

    /// The groups of every combination of `levels` (outermost variable first), each unit in the column
    /// `columnOf[unit]` (the combinations' order; −1: none).
    private init(levels: [[String]], columnOf: [Int]) {
        var combinations: [[String]] = [[]]
        for variableLevels in levels {
            combinations = combinations.flatMap { prefix in variableLevels.map { prefix + [$0] } }
        }
        members = Array(repeating: [], count: combinations.count)
        for (unit, column) in columnOf.enumerated() where column >= 0 { members[column].append(unit) }
        columns = zip(combinations, members).map { TableColumn(values: $0, base: $1.count) }
    }

    /// Each level's position, the first of equal ones, for a variable of many levels (`nil`: few levels,
    /// found by comparing).
    private static func levelIndex(_ levels: [String]) -> [String: Int]? {
        levels.count <= 8 ? nil : Dictionary(levels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of `value` among `levels` (the first equal one): a variable of a few levels (country,
    /// role) finds a value by comparing it with each level, which costs less than hashing it.
    private static func index(of value: String, among levels: [String], _ levelIndex: [String: Int]?) -> Int? {
        if let levelIndex { return levelIndex[value] }
        return levels.firstIndex(of: value)
    }
}

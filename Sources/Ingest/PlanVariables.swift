import StudyModel

/// The participant attributes the analysis plan names (variables other than `country` and `role`),
/// with the settings that name them, for checking against `participants.csv`.
struct PlanVariables {
    /// (setting, variable) for every attribute a table groups by, filters on or stratifies by.
    private(set) var uses: [(setting: String, variable: String)] = []
    /// (setting, variable, level) for every level a table's `where` selects of an attribute.
    private(set) var selections: [(setting: String, variable: String, value: String)] = []
    /// The attributes whose values are selected, with those values.
    private(set) var selected: [String: Set<String>] = [:]

    init(manifest: StudyManifest) {
        var named = Set<String>()
        for spec in manifest.plan {
            let setting = "analysis.tables '\(spec.id)'"
            var variables = spec.columns + (spec.filter?.keys.sorted() ?? [])
            if let compare = spec.compare { variables += [compare.variable, compare.within] }
            for variable in variables where variable != "country" && variable != "role" {
                if named.insert(variable + "|" + spec.id).inserted { uses.append((setting, variable)) }
            }
            for (variable, values) in (spec.filter ?? [:]).sorted(by: { $0.key < $1.key }) where variable != "country" && variable != "role" {
                for value in values {
                    selections.append((setting + ": where " + variable, variable, value))
                    selected[variable, default: []].insert(value)
                }
            }
        }
    }
}

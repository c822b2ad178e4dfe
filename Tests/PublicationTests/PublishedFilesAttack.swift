import Foundation

/// The lines of a report's tidy CSV (no quoted fields: the tables' ids, levels and numbers have none)
/// as dictionaries by column name; empty when the report has no such file.
func tidyRows(_ files: [(path: String, contents: String)], _ path: String) -> [[String: String]] {
    guard let text = files.first(where: { $0.path == path })?.contents else { return [] }
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

/// An attacker who reads only a report's published tidy CSV files and tries to narrow every hidden
/// count by interval propagation over the linear relations between the tables (a country's count is
/// the sum of its roles', the pooled count the sum of the countries', a group's size bounds its
/// counts, a survey column's answers and "no answer" add up to its respondents).
///
/// It shares no code with the publication stage: it parses the files and propagates bounds, a weaker
/// but independent method than the stage's linear programs. Whatever it pins, the stage has leaked.
struct PublishedFilesAttack {
    /// One hidden count the attack narrowed to fewer than k values, all small.
    struct Finding: CustomStringConvertible {
        var file: String
        var cell: String
        var lower: Int
        var upper: Int
        var description: String { "\(file): \(cell) ∈ [\(lower), \(upper)]" }
    }

    /// A linear system over named unknowns: `Σ coefficient · unknown = constant`, bounds per unknown.
    private struct System {
        var lower: [String: Int] = [:]
        var upper: [String: Int] = [:]
        var equations: [([(String, Int)], Int)] = []
        /// `unknown ≤ other` relations (a count never exceeds its group's size).
        var atMost: [(String, String)] = []

        mutating func unknown(_ name: String, upper bound: Int = 1_000_000) {
            if lower[name] == nil { lower[name] = 0; upper[name] = bound }
        }

        /// Tightens the bounds until nothing changes.
        mutating func propagate() {
            var changed = true
            var rounds = 0
            while changed && rounds < 1000 {
                changed = false
                rounds += 1
                for (terms, constant) in equations {
                    for (index, (name, coefficient)) in terms.enumerated() {
                        var othersLow = 0, othersHigh = 0
                        for (position, term) in terms.enumerated() where position != index {
                            let (other, c) = term
                            othersLow += c > 0 ? c * lower[other]! : c * upper[other]!
                            othersHigh += c > 0 ? c * upper[other]! : c * lower[other]!
                        }
                        // coefficient · x = constant − others
                        var low = constant - othersHigh, high = constant - othersLow
                        if coefficient < 0 { (low, high) = (-high, -low) }
                        if low > lower[name]! { lower[name] = low; changed = true }
                        if high < upper[name]! { upper[name] = high; changed = true }
                    }
                }
                for (small, large) in atMost {
                    if upper[small]! > upper[large]! { upper[small] = upper[large]!; changed = true }
                    if lower[large]! < lower[small]! { lower[large] = lower[small]!; changed = true }
                }
            }
        }
    }

    let files: [(path: String, contents: String)]
    let minimumCount: Int

    /// Every hidden count the attack narrows to fewer than `minimumCount` values, and how many hidden
    /// counts it looked at.
    func run() -> (findings: [Finding], hidden: Int) {
        var findings: [Finding] = []
        var hidden = 0
        for (found, count) in [interviewAttack(), surveyAttack()] {
            findings += found
            hidden += count
        }
        return (findings, hidden)
    }

    private func rows(_ path: String) -> [[String: String]] { tidyRows(files, path) }

    /// The countries and roles (or publication groups) the sample table shows: the attacker's atoms.
    private var countries: [String] { Self.unique(rows("tables/sample-by-country-role.csv").compactMap { $0["country"] }) }
    private var roles: [String] { Self.unique(rows("tables/sample-by-country-role.csv").compactMap { $0["row"] }) }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The unknowns (country × role atoms) a cell adds up, from its column values.
    private func atoms(country: String?, role: String?) -> [(String, String)] {
        countries.filter { country == nil || country == "all" || $0 == country }.flatMap { c in
            roles.filter { role == nil || $0 == role }.map { (c, $0) }
        }
    }

    /// Whether an interval gives a protected count away: fewer than k values, all of them from 1 to
    /// k − 1 (a count at 0 or at k and more was never small).
    private func pins(_ lower: Int, _ upper: Int) -> Bool {
        upper - lower + 1 < minimumCount && upper >= 1 && upper < minimumCount
    }

    private func interviewAttack() -> ([Finding], Int) {
        let tables = [
            "barriers-by-factor-category", "barriers-by-country", "barriers-by-role-within-country",
            "factor-categories-by-country-role", "involvement-roles-by-country-role", "activities-by-country",
            "barriers-fathers-vs-mothers",
        ]
        var systems: [String: System] = [:]
        var hiddenCells: [String: [(String, String, [(String, String)])]] = [:]
        func size(_ atom: (String, String)) -> String { "n|\(atom.0)|\(atom.1)" }
        func count(_ key: String, _ atom: (String, String)) -> String { "x|\(key)|\(atom.0)|\(atom.1)" }

        // Group sizes from the sample table, shared by every row's system.
        var sizes = System()
        for atom in atoms(country: nil, role: nil) { sizes.unknown(size(atom)) }
        for line in rows("tables/sample-by-country-role.csv") {
            let cell = atoms(country: line["country"], role: line["row"])
            if let value = line["participants"].flatMap(Int.init) { sizes.equations.append((cell.map { (size($0), 1) }, value)) }
            if let base = line["base"].flatMap(Int.init) {
                sizes.equations.append((atoms(country: line["country"], role: nil).map { (size($0), 1) }, base))
            }
        }
        for table in tables {
            for line in rows("tables/\(table).csv") {
                guard let kind = line["row_kind"], let id = line["row"] else { continue }
                let key = kind + ":" + id
                let atoms = self.atoms(country: line["country"], role: line["role"])
                var system = systems[key] ?? sizes
                for atom in atoms {
                    system.unknown(count(key, atom))
                    if !system.atMost.contains(where: { $0.0 == count(key, atom) }) {
                        system.atMost.append((count(key, atom), size(atom)))
                    }
                }
                if let base = line["base"].flatMap(Int.init) {
                    system.equations.append((atoms.map { (size($0), 1) }, base))
                }
                if let value = line["participants"].flatMap(Int.init) {
                    system.equations.append((atoms.map { (count(key, $0), 1) }, value))
                } else if line["suppressed"] == "yes" {
                    hiddenCells[key, default: []].append((table, "\(key) \(line["country"] ?? "all")/\(line["role"] ?? "all")", atoms))
                }
                systems[key] = system
            }
        }
        var findings: [Finding] = []
        var hidden = 0
        for key in systems.keys.sorted() {
            var system = systems[key]!
            system.propagate()
            for (table, cell, atoms) in hiddenCells[key] ?? [] {
                hidden += 1
                let lower = atoms.reduce(0) { $0 + system.lower[count(key, $1)]! }
                let upper = atoms.reduce(0) { $0 + system.upper[count(key, $1)]! }
                if pins(lower, upper) {
                    findings.append(Finding(file: "tables/\(table).csv", cell: cell, lower: lower, upper: upper))
                }
            }
        }
        return (findings, hidden)
    }

    /// Survey answers: one system per instrument, whose items share their respondents per atom (every
    /// item's answers and "no answer" add up to the same respondents).
    private func surveyAttack() -> ([Finding], Int) {
        var systems: [String: System] = [:]
        var hiddenCells: [String: [(String, String, [String])]] = [:]
        var itemsOf: [String: Set<String>] = [:]
        for (table, variable) in [("survey-items-by-country", "country"), ("survey-items-by-role", "role")] {
            for line in rows("tables/\(table).csv") {
                guard let instrument = line["instrument"], let item = line["item"], let response = line["response"],
                    let level = line[variable]
                else { continue }
                let key = instrument
                itemsOf[instrument, default: []].insert(item)
                let atoms = variable == "country" ? self.atoms(country: level, role: nil) : self.atoms(country: nil, role: level)
                func name(_ response: String, _ atom: (String, String)) -> String { "\(item)|\(response)|\(atom.0)|\(atom.1)" }
                var system = systems[key] ?? System()
                for atom in atoms { system.unknown(name(response, atom)) }
                if let value = line["respondents"].flatMap(Int.init) {
                    system.equations.append((atoms.map { (name(response, $0), 1) }, value))
                } else if line["suppressed"] == "yes" {
                    hiddenCells[key, default: []].append((table, "\(key).\(item) \(response) \(level)", atoms.map { name(response, $0) }))
                }
                systems[key] = system
            }
        }
        // Every item's answers and "no answer" add up to the atom's respondents, the same for all items.
        for (instrument, items) in itemsOf {
            var responses: [String: Set<String>] = [:]
            for table in ["survey-items-by-country", "survey-items-by-role"] {
                for line in rows("tables/\(table).csv") where line["instrument"] == instrument {
                    responses[line["item"]!, default: []].insert(line["response"]!)
                }
            }
            for atom in atoms(country: nil, role: nil) {
                let size = "n|\(atom.0)|\(atom.1)"
                systems[instrument]!.unknown(size)
                for item in items.sorted() {
                    let names = responses[item, default: []].sorted().map { "\(item)|\($0)|\(atom.0)|\(atom.1)" }
                    for name in names { systems[instrument]!.unknown(name) }
                    systems[instrument]!.equations.append((names.map { ($0, 1) } + [(size, -1)], 0))
                }
            }
        }
        // The base of an answer line is the column's number who answered; of a "missing" line, its respondents.
        for (table, variable) in [("survey-items-by-country", "country"), ("survey-items-by-role", "role")] {
            var answered: [String: Int] = [:]
            var respondents: [String: Int] = [:]
            var responses: [String: Set<String>] = [:]
            for line in rows("tables/\(table).csv") {
                guard let instrument = line["instrument"], let item = line["item"], let response = line["response"],
                    let level = line[variable]
                else { continue }
                let column = "\(instrument).\(item)|\(level)"
                if response == "missing" {
                    if let base = line["base"].flatMap(Int.init) { respondents[column] = base }
                } else {
                    responses[column, default: []].insert(response)
                    if let base = line["base"].flatMap(Int.init) { answered[column] = base }
                }
            }
            for column in responses.keys.sorted() {
                let parts = column.split(separator: "|").map(String.init)
                let (instrumentItem, level) = (parts[0], parts[1])
                let key = String(instrumentItem.split(separator: ".")[0])
                let item = String(instrumentItem.split(separator: ".")[1])
                let atoms = variable == "country" ? self.atoms(country: level, role: nil) : self.atoms(country: nil, role: level)
                let answers = responses[column]!.sorted().flatMap { response in atoms.map { "\(item)|\(response)|\($0.0)|\($0.1)" } }
                if let total = answered[column] { systems[key]!.equations.append((answers.map { ($0, 1) }, total)) }
                if let total = respondents[column] {
                    let missing = atoms.map { "\(item)|missing|\($0.0)|\($0.1)" }
                    for name in missing { systems[key]!.unknown(name) }
                    systems[key]!.equations.append(((answers + missing).map { ($0, 1) }, total))
                }
            }
        }
        var findings: [Finding] = []
        var hidden = 0
        for key in systems.keys.sorted() {
            var system = systems[key]!
            system.propagate()
            for (table, cell, names) in hiddenCells[key] ?? [] {
                hidden += 1
                let lower = names.reduce(0) { $0 + system.lower[$1]! }
                let upper = names.reduce(0) { $0 + min(system.upper[$1]!, 1_000_000) }
                if pins(lower, upper) {
                    findings.append(Finding(file: "tables/\(table).csv", cell: cell, lower: lower, upper: upper))
                }
            }
        }
        return (findings, hidden)
    }
}

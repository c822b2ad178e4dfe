import Storage
import StudyModel

/// The finest groups of participants (and of survey respondents) that every published count is a sum
/// of, with the true counts of each: what disclosure control needs to see every table of a report at
/// once.
///
/// An *atom* is one combination of values of the variables any table groups or filters by (country,
/// role and the plan's other participant variables). Every cell of every crosstab or comparison counts,
/// for one row, the participants of a set of atoms; so two tables' cells are linked exactly when their
/// atom sets overlap, and a hidden count can be derived from published ones only through these sums.
///
/// The basis is internal: it lives in `results.json` beside the store and is never written to a report.
public struct DisclosureBasis: Codable, Sendable, Equatable {
    /// The variables of an atom's profile, `country` and `role` first.
    public var variables: [String]
    /// One value per variable for each atom (`""`: not recorded), atoms in byte order of their profiles.
    public var profiles: [[String]]
    /// Participants per atom.
    public var participants: [Int]
    /// For each row of every interview table: participants per atom who count in the row.
    public var rows: [BasisRow]
    /// For each instrument: respondents and answers per atom of `(country, role)`.
    public var surveys: [SurveyBasis]
    /// For each pair of codes a co-occurrence table shows: participants per atom who mention both.
    public var pairs: [BasisPair] = []

    public init(
        variables: [String], profiles: [[String]], participants: [Int], rows: [BasisRow], surveys: [SurveyBasis],
        pairs: [BasisPair] = []
    ) {
        self.variables = variables
        self.profiles = profiles
        self.participants = participants
        self.rows = rows
        self.surveys = surveys
        self.pairs = pairs
    }

    private enum CodingKeys: String, CodingKey { case variables, profiles, participants, rows, surveys, pairs }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        variables = try container.decode([String].self, forKey: .variables)
        profiles = try container.decode([[String]].self, forKey: .profiles)
        participants = try container.decode([Int].self, forKey: .participants)
        rows = try container.decode([BasisRow].self, forKey: .rows)
        surveys = try container.decode([SurveyBasis].self, forKey: .surveys)
        pairs = try container.decodeIfPresent([BasisPair].self, forKey: .pairs) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        // In the order of the keys (``SortedJSONEncoder`` then has nothing to put in order).
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !pairs.isEmpty { try container.encode(pairs, forKey: .pairs) }
        try container.encode(participants, forKey: .participants)
        try container.encode(profiles, forKey: .profiles)
        try container.encode(rows, forKey: .rows)
        try container.encode(surveys, forKey: .surveys)
        try container.encode(variables, forKey: .variables)
    }

    /// The pair's counts per atom (codes in either order).
    public func counts(pair first: String, _ second: String) -> [Int]? {
        pairs.first { ($0.first == first && $0.second == second) || ($0.first == second && $0.second == first) }?.counts
    }

    /// The atoms whose profile satisfies every condition (variable ↦ allowed values); a variable not in
    /// the basis makes the answer `nil`.
    public func atoms(where conditions: [String: [String]]) -> [Int]? {
        var positions: [(Int, Set<String>)] = []
        for (variable, allowed) in conditions {
            guard let position = variables.firstIndex(of: variable) else { return nil }
            positions.append((position, Set(allowed)))
        }
        return profiles.indices.filter { atom in positions.allSatisfy { $1.contains(profiles[atom][$0]) } }
    }

    /// The row's counts per atom.
    public func counts(kind: RowKind, id: String) -> [Int]? {
        rows.first { $0.kind == kind && $0.id == id }?.counts
    }
}

/// One interview row (a code, a factor category, an activity type) counted per atom.
public struct BasisRow: Codable, Sendable, Equatable {
    public var kind: RowKind
    public var id: String
    public var counts: [Int]
    /// For a group row (a factor category, an activity type): the codes it groups. A participant counts
    /// in the group when they count in any of its codes, so its count lies between the largest of the
    /// codes' counts and their sum: disclosure control must see that relation too.
    public var members: [String]?

    public init(kind: RowKind, id: String, counts: [Int], members: [String]? = nil) {
        self.kind = kind
        self.id = id
        self.counts = counts
        self.members = members
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case counts, id, kind, members }
}

/// Two codes counted per atom: participants who mention both (a co-occurrence table's count).
public struct BasisPair: Codable, Sendable, Equatable {
    public var first: String
    public var second: String
    public var counts: [Int]

    public init(first: String, second: String, counts: [Int]) {
        self.first = first
        self.second = second
        self.counts = counts
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case counts, first, second }
}

/// One instrument's respondents per atom of `(country, role)`, and each item's answers per atom.
public struct SurveyBasis: Codable, Sendable, Equatable {
    public var instrumentID: String
    /// `[country, role]` per atom, in byte order.
    public var profiles: [[String]]
    public var respondents: [Int]
    public var items: [SurveyItemBasis]

    public init(instrumentID: String, profiles: [[String]], respondents: [Int], items: [SurveyItemBasis]) {
        self.instrumentID = instrumentID
        self.profiles = profiles
        self.respondents = respondents
        self.items = items
    }

    /// The atoms whose country and role satisfy the conditions (`country`, `role` ↦ allowed values).
    public func atoms(where conditions: [String: [String]]) -> [Int]? {
        guard conditions.keys.allSatisfy({ $0 == "country" || $0 == "role" }) else { return nil }
        return profiles.indices.filter { atom in
            (conditions["country"].map { $0.contains(profiles[atom][0]) } ?? true)
                && (conditions["role"].map { $0.contains(profiles[atom][1]) } ?? true)
        }
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case instrumentID, items, profiles, respondents }
}

/// One survey item: `counts[v][atom]` respondents who gave the scale's `v`-th value, `missing[atom]` who
/// gave no answer.
public struct SurveyItemBasis: Codable, Sendable, Equatable {
    public var itemID: String
    public var counts: [[Int]]
    public var missing: [Int]

    public init(itemID: String, counts: [[Int]], missing: [Int]) {
        self.itemID = itemID
        self.counts = counts
        self.missing = missing
    }

    /// In the order of the keys' bytes, so that ``SortedJSONEncoder`` writes the members as they come.
    private enum CodingKeys: String, CodingKey { case counts, itemID, missing }
}

/// Builds the ``DisclosureBasis`` of a set of tables from the study data.
struct DisclosureBasisBuilder {
    let data: StudyData
    let manifest: StudyManifest

    /// The variables a set of tables groups, filters or compares by, `country` and `role` first.
    static func variables(of specs: [TableSpec]) -> [String] {
        let used = Set(specs.flatMap { spec in
            spec.columns + (spec.filter?.keys.sorted() ?? []) + (spec.compare.map { [$0.variable, $0.within] } ?? [])
        })
        return ["country", "role"] + used.subtracting(["country", "role"]).sorted()
    }

    func build(for specs: [TableSpec]) -> DisclosureBasis {
        let variables = Self.variables(of: specs)
        // Country and role by their numbers (a number a level, distinct levels distinct numbers); a variable
        // of the participants' attributes by its values.
        let numbered = variables.compactMap { data.participants.numberedValues(of: $0) { $0 } }
        let (profiles, atomOf) = (numbered.count == variables.count ? Self.atoms(numbered: numbered, count: data.participants.count) : nil)
            ?? Self.atoms(of: data.participants.count, width: variables.count) { person, profile in
                for (index, variable) in variables.enumerated() { profile[index] = data.participants.value(of: variable, at: person) ?? "" }
            }
        var participants = Array(repeating: 0, count: profiles.count)
        for atom in atomOf { participants[atom] += 1 }

        let crosstabs = CrosstabBuilder(data: data, manifest: manifest)
        /// Participants per atom for whom `counts(person)` holds.
        func perAtom(_ counts: (Int) -> Bool) -> [Int] {
            var perAtom = Array(repeating: 0, count: profiles.count)
            for person in data.participants.indices where counts(person) { perAtom[atomOf[person]] += 1 }
            return perAtom
        }
        // The rows of every table, each once, in the order first met; all counted at the end in one pass
        // over the participants.
        var fresh: [(TableRow, CrosstabBuilder.Membership)] = []
        var seen = Set<String>()
        func addRows(_ definitions: [(TableRow, CrosstabBuilder.Membership)]) {
            for (row, membership) in definitions where row.kind != .role {
                if seen.insert("\(row.kind.rawValue):\(row.id)").inserted { fresh.append((row, membership)) }
            }
        }
        for rowSet in RowSet.allCases where specs.contains(where: { $0.rows == rowSet }) {
            addRows(crosstabs.rowDefinitions(rowSet))
        }
        // The codes a co-occurrence table pairs (their rows, as a crosstab of them counts them), and the pairs.
        var pairs: [BasisPair] = []
        var seenPairs = Set<String>()
        for spec in specs where spec.rows == .cooccurrence {
            let definitions = crosstabs.rowDefinitions(spec.pairedCodes).filter { $0.0.kind == .code }
            addRows(definitions)
            let both = PairPresence(codes: definitions.map { data.codebook.index(of: $0.0.id)! }, data: data, atomOf: atomOf, atoms: profiles.count)
            for first in definitions.indices {
                for second in (first + 1)..<definitions.count
                where seenPairs.insert(definitions[first].0.id + "|" + definitions[second].0.id).inserted {
                    pairs.append(BasisPair(first: definitions[first].0.id, second: definitions[second].0.id, counts: both.counts(first, second)))
                }
            }
        }
        let counts = RowMembership.participants(fresh.map(\.1), perGroup: atomOf, groups: profiles.count, data: data)
            ?? fresh.map { _, membership in perAtom { membership($0).counts } }
        let rows = zip(fresh, counts).map { definition, counts in
            BasisRow(kind: definition.0.kind, id: definition.0.id, counts: counts, members: members(of: definition.0))
        }
        let surveys = specs.contains(where: { [.surveyItems, .jointDisplay].contains($0.rows) }) ? data.surveys.map(surveyBasis) : []
        return DisclosureBasis(
            variables: variables, profiles: profiles, participants: participants, rows: rows, surveys: surveys, pairs: pairs)
    }

    /// The codes of a group row.
    private func members(of row: TableRow) -> [String]? {
        let codebook = data.codebook
        switch row.kind {
        case .factorCategory:
            return codebook.codes(in: .barrier).filter { $0.factor?.rawValue == row.id }.map(\.id)
        case .activityType:
            return codebook.codes(in: .activity).filter { $0.type?.rawValue == row.id }.map(\.id)
        case .code, .role:
            return nil
        }
    }

    private func surveyBasis(_ instrument: Instrument, _ respondents: [SurveyRespondent]) -> SurveyBasis {
        let (profiles, atomOf) = Self.atoms(of: respondents.count, width: 2) { person, profile in
            profile[0] = respondents[person].country
            profile[1] = respondents[person].role
        }
        var perAtom = Array(repeating: 0, count: profiles.count)
        for atom in atomOf { perAtom[atom] += 1 }
        let items = instrument.items.enumerated().map { itemIndex, item -> SurveyItemBasis in
            let values = instrument.scale(of: item)!.values
            let valueIndex = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1.value, $0) })
            var counts = Array(repeating: Array(repeating: 0, count: profiles.count), count: values.count)
            var missing = Array(repeating: 0, count: profiles.count)
            for (respondent, atom) in zip(respondents, atomOf) {
                if let answer = respondent.answers[itemIndex], let value = valueIndex[answer] {
                    counts[value][atom] += 1
                } else {
                    missing[atom] += 1
                }
            }
            return SurveyItemBasis(itemID: item.id, counts: counts, missing: missing)
        }
        return SurveyBasis(instrumentID: instrument.id, profiles: profiles, respondents: perAtom, items: items)
    }

    /// The distinct profiles of `count` people in byte order, and each person's atom (the index of their
    /// profile). `fill(person, &profile)` sets the person's `width` values.
    ///
    /// Only the distinct profiles are kept as arrays (a study of 200,000 participants has a few dozen),
    /// not one array per person: that was 13 MB of the L study's analysis.
    static func atoms(of count: Int, width: Int, _ fill: (Int, inout [String]) -> Void) -> (profiles: [[String]], atomOf: [Int]) {
        var number: [[String]: Int] = [:]
        var distinct: [[String]] = []
        var provisional: [Int] = []
        provisional.reserveCapacity(count)
        var profile = [String](repeating: "", count: width)
        for person in 0..<count {
            fill(person, &profile)
            if let known = number[profile] {
                provisional.append(known)
            } else {
                number[profile] = distinct.count
                provisional.append(distinct.count)
                distinct.append(profile)
            }
        }
        return ranked(distinct, provisional)
    }

    /// ``atoms(of:width:_:)`` of `count` people whose every value is numbered (`nil` as `""`): each
    /// person's profile is found by its numbers, not by hashing its values; `nil` when the combinations of
    /// distinct values number more than 2²⁰.
    static func atoms(numbered: [NumberedValues], count: Int) -> (profiles: [[String]], atomOf: [Int])? {
        // Each number as the first number of an equal value; a person's numbers so read in mixed radix (the
        // key), the keys numbered in the order first met.
        let first = numbered.map { variable in
            let values = variable.values.map { $0 ?? "" }
            return values.map { values.firstIndex(of: $0)! }
        }
        var keyCount = 1
        for first in first {
            keyCount *= max(first.count, 1)
            guard keyCount <= 1 << 20 else { return nil }
        }
        var keys = Array(repeating: 0, count: count)
        for (variable, first) in zip(numbered, first) {
            for person in 0..<count { keys[person] = keys[person] * first.count + first[variable.number(person)] }
        }
        var provisionalOfKey = Array(repeating: -1, count: keyCount)
        var distinct: [[String]] = []
        var provisional: [Int] = []
        provisional.reserveCapacity(count)
        for (person, key) in keys.enumerated() {
            if provisionalOfKey[key] < 0 {
                provisionalOfKey[key] = distinct.count
                distinct.append(numbered.map { $0.values[$0.number(person)] ?? "" })
            }
            provisional.append(provisionalOfKey[key])
        }
        return ranked(distinct, provisional)
    }

    /// The distinct profiles in byte order, and each person's atom from its provisional one (an index into
    /// `distinct`).
    private static func ranked(_ distinct: [[String]], _ provisional: [Int]) -> (profiles: [[String]], atomOf: [Int]) {
        let order = distinct.indices.sorted { byteOrder(distinct[$0], distinct[$1]) }
        var rank = [Int](repeating: 0, count: distinct.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return (order.map { distinct[$0] }, provisional.map { rank[$0] })
    }

    private static func byteOrder(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8)) }
        return a.count < b.count
    }
}

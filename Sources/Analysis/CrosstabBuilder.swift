import Statistics
import StudyModel

/// Computes a multiple-response crosstab from the study data.
///
/// A cell counts the participants of its column group who have at least one analysed segment of the
/// row's code (for a group row: of any code of the group), over the base of all participants of the
/// column group (participants with no segment included). The cell's segment count stands beside it.
struct CrosstabBuilder {
    let data: StudyData
    let manifest: StudyManifest

    func build(_ spec: TableSpec) throws -> CrosstabResult {
        let (groups, columnMembers) = try columnGroups(spec)

        let definitions = rowDefinitions(spec.rows)
        let rows = definitions.map(\.0)
        let cells = RowMembership.cells(definitions.map(\.1), over: columnMembers, data: data)
            ?? definitions.map { _, membership in columnMembers.map { members in Self.cell(membership, members) } }
        var table = CrosstabResult(
            id: spec.id, rowSet: spec.rows, columnVariables: spec.columns, filter: spec.filter,
            columns: groups.columns, rows: rows, cells: cells, tests: [])
        table.untestedColumns = groups.columns.indices.filter { index in
            zip(spec.columns, groups.columns[index].values).contains { variable, value in
                manifest.untestedLevels[variable]?.contains(value) == true
            }
        }
        table.tests = RowTestBuilder.tests(for: table)
        return table
    }

    /// The cell of a row over a group of participants: those who count in the row, over all of them,
    /// with the Wilson interval and the segments beside.
    static func cell(_ membership: Membership, _ people: [Int]) -> TableCell {
        var participants = 0
        var segments = 0
        for person in people {
            let (counts, count) = membership(person)
            if counts { participants += 1 }
            segments += count
        }
        return cell(participants: participants, segments: segments, base: people.count)
    }

    /// The cell of `participants` who count in a row among the `base` of a group, with their `segments`.
    static func cell(participants: Int, segments: Int, base: Int) -> TableCell {
        TableCell(
            participants: participants, base: base, percent: base == 0 ? nil : Double(participants) * 100 / Double(base),
            segments: segments, interval: WilsonScoreInterval(count: participants, total: base))
    }

    /// Whether a participant counts in a row, and their analysed segments of the row's codes.
    typealias Membership = RowMembership

    /// Each row with its membership test.
    func rowDefinitions(_ rowSet: RowSet) -> [(TableRow, Membership)] {
        let codebook = data.codebook
        func codeRow(_ code: Code, depth: Int) -> (TableRow, Membership) {
            (TableRow(kind: .code, id: code.id, label: code.label, depth: depth), RowMembership(codes: [codebook.index(of: code.id)!], data: data))
        }
        func groupRow(kind: RowKind, id: String, label: LocalizedText, codes: [Code]) -> (TableRow, Membership) {
            (TableRow(kind: kind, id: id, label: label, depth: 0), RowMembership(codes: codes.map { codebook.index(of: $0.id)! }, data: data))
        }
        switch rowSet {
        case .sample:
            // Each distinct role's published level, once (not per participant and row).
            let shownRoles = data.participants.roleLevels.map { manifest.publishedLevel($0, of: "role") }
            return (manifest.publishedLevels(of: "role") ?? manifest.roles).map { role in
                let isRow = shownRoles.map { $0 == role }
                return (TableRow(kind: .role, id: role, label: LocalizedText(en: role, ru: role, kk: role), depth: 0),
                        RowMembership { participant in
                            guard isRow[data.participants.roleIndex(at: participant)] else { return (false, 0) }
                            return (true, data.segments(participant: participant))
                        })
            }
        case .barriers, .factorCategories:
            return FactorCategory.allCases.flatMap { factor -> [(TableRow, Membership)] in
                let codes = codebook.codes(in: .barrier).filter { $0.factor == factor }
                guard !codes.isEmpty else { return [] }
                let group = groupRow(kind: .factorCategory, id: factor.rawValue, label: factor.label, codes: codes)
                return rowSet == .barriers ? [group] + codes.map { codeRow($0, depth: 1) } : [group]
            }
        case .involvementRoles:
            return codebook.codes(in: .involvementRole).map { codeRow($0, depth: 0) }
        case .uncategorisedCodes:
            return codebook.codes(in: .uncategorised).map { codeRow($0, depth: 0) }
        case .activities:
            return ActivityType.allCases.flatMap { type -> [(TableRow, Membership)] in
                let codes = codebook.codes(in: .activity).filter { $0.type == type }
                guard !codes.isEmpty else { return [] }
                let group = groupRow(kind: .activityType, id: type.rawValue, label: type.label, codes: codes)
                return [group] + codes.map { codeRow($0, depth: 1) }
            }
        case .jointDisplay:
            return JointDisplayBuilder.measuredCodes(data).map { codeRow($0, depth: 0) }
        case .surveyItems, .intercoderAgreement, .cooccurrence:
            return []
        }
    }

    /// The column groups of a table (its `where` applied, every variable checked), and each group's
    /// participants (indices into the study data).
    /// - Throws: ``AnalysisError/unknownVariable(table:variable:)`` for a variable no participant has.
    func columnGroups(_ spec: TableSpec) throws -> (groups: ColumnGroups, members: [[Int]]) {
        let included = try participantsPassing(spec.filter, table: spec.id)
        try checkVariables(spec.columns, table: spec.id)
        // Country and role by their numbers (each level's group found once), other variables by value.
        let numbered = spec.columns.compactMap { variable in
            data.participants.numberedValues(of: variable) { manifest.publishedLevel($0, of: variable) }
        }
        let groups = numbered.count == spec.columns.count && spec.columns.allSatisfy({ manifest.publishedLevels(of: $0) != nil })
            ? ColumnGroups(variables: spec.columns, units: included, numbered: numbered, declaredLevels: manifest.publishedLevels(of:))
            : ColumnGroups(
                variables: spec.columns, unitCount: included.count,
                value: { [published = spec.columns.map(publishedValues(of:))] unit, position in published[position](included[unit]) },
                declaredLevels: manifest.publishedLevels(of:))
        return (groups, groups.members.map { $0.map { included[$0] } })
    }

    func participantsPassing(_ filter: [String: [String]]?, table: String) throws -> [Int] {
        guard let filter, !filter.isEmpty else { return Array(data.participants.indices) }
        try checkVariables(filter.keys.sorted(), table: table)
        let tests = filter.map { variable, allowed in
            (value: { data.participants.value(of: variable, at: $0) }, published: publishedValues(of: variable), allowed: allowed)
        }
        return data.participants.indices.filter { index in
            tests.allSatisfy { test in
                // A level, or the publication group it is shown in.
                test.value(index).map { test.allowed.contains($0) || test.allowed.contains(test.published(index)!) } ?? false
            }
        }
    }

    /// The value of `variable` as tables show it (its publication group, if any) of the participant at a
    /// position (`nil`: not recorded), the publication group of each country and role level looked up once.
    func publishedValues(of variable: String) -> (Int) -> String? {
        data.participants.values(of: variable) { manifest.publishedLevel($0, of: variable) }
    }

    private func checkVariables(_ variables: [String], table: String) throws {
        for variable in variables where variable != "country" && variable != "role" {
            if !data.participants.contains(where: { $0.attributes[variable] != nil }) {
                throw AnalysisError.unknownVariable(table: table, variable: variable)
            }
        }
    }
}

extension ActivityType {
    /// The type's name in the three languages.
    var label: LocalizedText {
        switch self {
        case .formal: LocalizedText(en: "Formal activities", ru: "Формальные мероприятия", kk: "Ресми іс-шаралар")
        case .informal:
            LocalizedText(en: "Informal activities", ru: "Неформальные мероприятия", kk: "Бейресми іс-шаралар")
        }
    }
}

import CSVInput
import Storage
import StudyModel

/// Validates and stores `participants.csv`.
struct ParticipantsLoader {
    static let requiredColumns = ["participant_id", "country", "role"]
    let manifest: StudyManifest
    /// Every participant id met, valid row or not (so segments of a rejected row are not blamed twice).
    var seenIDs: IDTable { checks.firstLines }
    /// The duplicate-id and level checks, with the first line of every id met.
    private var checks = IdentityChecks(who: "participant")
    private(set) var stored = 0
    /// Why segments' participant ids cannot be checked against the file (its header unusable, or rows
    /// that could not be read), or `nil` when they can: then they are not blamed one by one.
    private(set) var unreadable: String? = "participants.csv could not be read"
    var progress: IngestProgressHandler?

    init(manifest: StudyManifest) {
        self.manifest = manifest
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, dialect: source.dialect, log: &log, progress: progress) else { return nil }
        let idColumn = reader.columnIndex("participant_id")!
        let countryColumn = reader.columnIndex("country")!
        let roleColumn = reader.columnIndex("role")!
        let attributeColumns = reader.header.indices.filter { ![idColumn, countryColumn, roleColumn].contains($0) }
        // Each attribute column's name, and whether the plan selects levels of it, looked up once (not for
        // every participant).
        let attributeNames = attributeColumns.map { reader.header[$0] }
        unreadable = nil
        // The plan's variables other than country and role are columns of this file, and the levels
        // its tables select must occur in them, or a table silently selects nobody.
        let planVariables = PlanVariables(manifest: manifest)
        for (setting, variable) in planVariables.uses where !reader.header.contains(variable) {
            log.add(manifest.settingProblem("\(setting): '\(variable)' is not a column of \(source.file) (its columns: \(reader.header.joined(separator: ", ")))"))
        }
        let isSelected = attributeNames.map { planVariables.selected[$0] != nil }
        var valuesSeen: [String: Set<String>] = [:]
        // Stored several at a time (their ids are new: the duplicate-id check let them through), their
        // fields' bytes copied into the batch (no `String` nor dictionary built for an attribute).
        var batch = ParticipantBatch(attributeNames: attributeNames)
        // A row's attribute values by place (valid during its `withUnsafeFields`), kept for every row.
        var values = [UnsafeRawBufferPointer?](repeating: nil, count: attributeNames.count)

        while let record = reader.next(log: &log) {
            var valid = true
            func complain(_ column: Int?, _ message: String) {
                reader.complain(record, column, message, log: &log)
                valid = false
            }
            let id = reader.value(record, idColumn, log: &log)
            let country = reader.value(record, countryColumn, log: &log)
            let role = reader.value(record, roleColumn, log: &log)
            if let problem = checks.problem(withID: id, line: record.line) { complain(idColumn, problem) }
            if let problem = checks.problem(withLevel: country, of: "country", declared: manifest.countries) {
                complain(countryColumn, problem)
            }
            if let problem = checks.problem(withLevel: role, of: "role", declared: manifest.roles) {
                complain(roleColumn, problem)
            }
            let storing = valid && id != nil && country != nil && role != nil
            record.withUnsafeFields { fields in
                for (place, column) in attributeColumns.enumerated() {
                    let value = reader.bytes(fields, of: record, column, log: &log)
                    values[place] = value
                    if let value, isSelected[place] {
                        valuesSeen[attributeNames[place], default: []].insert(String(decoding: value, as: UTF8.self))
                    }
                }
                // The three fields' bytes are those of the strings read above (non-empty, UTF-8).
                if storing {
                    batch.append(
                        id: fields[idColumn], country: fields[countryColumn], role: fields[roleColumn], position: stored,
                        line: record.line, attributes: values)
                }
            }
            guard storing, let id else { continue }
            checks.note(position: stored, of: id)
            stored += 1
            if batch.isFull { try transaction.insert(&batch) }
        }
        try transaction.insert(&batch)
        if !reader.readInFull { unreadable = "participants.csv could not be read in full" }
        for (setting, variable, value) in planVariables.selections
        where reader.header.contains(variable) && valuesSeen[variable]?.contains(value) != true {
            log.add(manifest.settingProblem("\(setting): no participant has \(variable) '\(value)' in \(source.file), so it selects nobody"))
        }
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue)
    }
}

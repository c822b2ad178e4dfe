import CSVInput
import Storage
import StudyModel

/// Validates and stores `participants.csv`.
struct ParticipantsLoader {
    static let requiredColumns = ["participant_id", "country", "role"]
    let manifest: StudyManifest
    /// Every participant id met, valid row or not (so segments of a rejected row are not blamed twice).
    private(set) var seenIDs: Set<String> = []
    private(set) var stored = 0
    var progress: IngestProgressHandler?

    init(manifest: StudyManifest) {
        self.manifest = manifest
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        guard let reader = SourceReader(path: path, requiredColumns: Self.requiredColumns, log: &log, progress: progress) else { return nil }
        let idColumn = reader.columnIndex("participant_id")!
        let countryColumn = reader.columnIndex("country")!
        let roleColumn = reader.columnIndex("role")!
        let attributeColumns = reader.header.indices.filter { ![idColumn, countryColumn, roleColumn].contains($0) }
        var firstLine: [String: Int] = [:]

        while let record = reader.next(log: &log) {
            var valid = true
            func complain(_ column: Int?, _ message: String) {
                reader.complain(record, column, message, log: &log)
                valid = false
            }
            let id = reader.value(record, idColumn, log: &log)
            let country = reader.value(record, countryColumn, log: &log)
            let role = reader.value(record, roleColumn, log: &log)
            if let id {
                seenIDs.insert(id)
                if let first = firstLine[id] {
                    complain(idColumn, "duplicate participant id (first on line \(first))")
                } else {
                    firstLine[id] = record.line
                }
            } else {
                complain(idColumn, "empty value; every participant needs an id")
            }
            check(country, column: countryColumn, levels: manifest.countries, variable: "country", complain: complain)
            check(role, column: roleColumn, levels: manifest.roles, variable: "role", complain: complain)
            var attributes: [String: String] = [:]
            for column in attributeColumns {
                if let value = reader.value(record, column, log: &log) { attributes[reader.header[column]] = value }
            }
            guard valid, let id, let country, let role else { continue }
            let participant = Participant(id: id, country: country, role: role, attributes: attributes)
            if try transaction.insert(participant, position: stored, line: record.line) { stored += 1 }
        }
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue)
    }

    private func check(
        _ value: String?, column: Int, levels: [String], variable: String, complain: (Int?, String) -> Void
    ) {
        guard let value else {
            complain(column, "empty value; every participant needs a \(variable)")
            return
        }
        if !levels.contains(value) {
            complain(
                column,
                "'\(value)' is not a declared \(variable) (study.yml declares \(levels.joined(separator: ", ")))")
        }
    }
}

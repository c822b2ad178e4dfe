import CSVInput
import Storage
import StudyModel

/// Validates and stores one survey file against its instrument: a CSV, or an SPSS or Stata file
/// (`SurveyLoader+StatFile.swift`).
struct SurveyLoader {
    let manifest: StudyManifest
    let instrument: Instrument
    /// Respondents stored so far.
    var stored = 0
    var progress: IngestProgressHandler?
    /// The respondents stored, in order, kept for `analyze run`'s analysis while ``keptAnswerBudget`` allows
    /// (`nil`: not kept, or dropped once over the budget).
    var kept: [SurveyRespondent]?
    /// The answers the kept respondents may still take (a respondent takes one per item).
    var keptAnswerBudget = 0

    init(manifest: StudyManifest, instrument: Instrument) {
        self.manifest = manifest
        self.instrument = instrument
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        if Self.isStatFile(source.file) { return try loadStatFile(source, into: transaction, log: &log) }
        let path = manifest.path(of: source.file)
        let required = ["respondent_id", "country", "role"] + instrument.items.map(\.id)
        guard let reader = SourceReader(path: path, requiredColumns: required, dialect: source.dialect, log: &log, progress: progress) else { return nil }
        let idColumn = reader.columnIndex("respondent_id")!
        let countryColumn = reader.columnIndex("country")!
        let roleColumn = reader.columnIndex("role")!
        let items = instrument.items.map { item in
            (item: item, column: reader.columnIndex(item.id)!,
             allowed: Set(instrument.scale(of: item)?.values.map(\.value) ?? []))
        }
        let known = Set(required)
        for (index, name) in reader.header.enumerated() where !known.contains(name) {
            log.add(InputProblem(
                file: path, line: 1, column: index + 1,
                message: "column '\(name)' is not an item of instrument '\(instrument.id)'"))
        }

        var batch = RespondentBatch(instrumentID: instrument.id)
        var checks = IdentityChecks(who: "respondent")
        while let record = reader.next(log: &log) {
            var valid = true
            func complain(_ column: Int?, _ message: String) {
                reader.complain(record, column, message, log: &log)
                valid = false
            }
            let id = reader.value(record, idColumn, log: &log)
            if let problem = checks.problem(withID: id, line: record.line) { complain(idColumn, problem) }
            let country = reader.value(record, countryColumn, log: &log)
            let role = reader.value(record, roleColumn, log: &log)
            if let problem = checks.problem(withLevel: country, of: "country", declared: manifest.countries) {
                complain(countryColumn, problem)
            }
            if let problem = checks.problem(withLevel: role, of: "role", declared: manifest.roles) {
                complain(roleColumn, problem)
            }
            var answers: [(itemID: String, value: Int?)] = []
            for (item, column, allowed) in items {
                guard let text = reader.value(record, column, log: &log) else {
                    answers.append((item.id, nil))
                    continue
                }
                guard let value = Int(text), allowed.contains(value) else {
                    let values = allowed.sorted().map(String.init).joined(separator: ", ")
                    complain(column, "'\(text)' is not a value of scale '\(item.scale)' (\(values)) or empty")
                    continue
                }
                answers.append((item.id, value))
            }
            guard valid, let id, let country, let role else { continue }
            batch.append(
                respondentID: id, position: stored, country: country, role: role, line: record.line, answers: answers)
            stored += 1
            keep(id: id, country: country, role: role, answers: answers)
            if batch.isFull { try transaction.insert(&batch) }
        }
        try transaction.insert(&batch)
        return reader.fingerprint(path: source.file, kind: source.kind.rawValue)
    }

    /// Keeps a stored respondent (``kept``) as ``StoreReader/respondents(of:)`` reads it back: its answers
    /// in item order. A stored respondent has an answer (or none, `nil`) for every item, in the instrument's
    /// order; answers of any other shape drop what is kept (the analysis then reads the store).
    mutating func keep(id: String, country: String, role: String, answers: [(itemID: String, value: Int?)]) {
        guard kept != nil else { return }
        let items = instrument.items
        keptAnswerBudget -= items.count
        guard keptAnswerBudget >= 0, answers.count == items.count, zip(answers, items).allSatisfy({ $0.itemID == $1.id })
        else { return kept = nil }
        kept!.append(SurveyRespondent(id: id, country: country, role: role, answers: answers.map(\.value)))
    }
}

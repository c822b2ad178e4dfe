import Crypto
import Foundation
import StatFileInput
import Storage
import StudyModel

/// Surveys saved by SPSS (`.sav`, `.zsav`) or Stata (`.dta`), read through ReadStat.
///
/// Variables are found by name, like a CSV's columns. A problem's place is `file:case:variable`: the 1-based
/// case number (row) and the variable's 1-based position, followed by the variable's name.
extension SurveyLoader {
    /// Whether a survey source is a statistics package's file, by its extension.
    static func isStatFile(_ file: String) -> Bool {
        let lowered = file.lowercased()
        return [".sav", ".zsav", ".dta"].contains { lowered.hasSuffix($0) }
    }

    /// Checks and stores the cases of an SPSS or Stata file: every missing value (system-, user- or tagged
    /// missing) is no answer; any other value must be on the item's scale, and its value label, when the file
    /// has one, must be the scale's label of that value in one of the instrument's languages.
    mutating func loadStatFile(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> SourceFileRecord? {
        let path = manifest.path(of: source.file)
        let bytes: Data
        let file: StatFile
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            file = try StatFile(path: path)
        } catch let error as StatFileError {
            log.add(InputProblem(file: path, message: "cannot read the file: \(error.reason)"))
            return nil
        } catch {
            log.add(InputProblem(file: path, message: "cannot read the file: \(error.localizedDescription)"))
            return nil
        }
        let required = ["respondent_id", "country", "role"] + instrument.items.map(\.id)
        let missing = required.filter { file.variableIndex($0) == nil }
        guard missing.isEmpty else {
            log.add(InputProblem(
                file: path, message: "missing required variable\(missing.count == 1 ? "" : "s") "
                    + missing.map { "'\($0)'" }.joined(separator: ", ")))
            return nil
        }
        let known = Set(required)
        for (index, variable) in file.variables.enumerated() where !known.contains(variable.name) {
            log.add(InputProblem(
                file: path, column: index + 1,
                message: "variable '\(variable.name)' is not an item of instrument '\(instrument.id)'"))
        }
        let idColumn = file.variableIndex("respondent_id")!
        let countryColumn = file.variableIndex("country")!
        let roleColumn = file.variableIndex("role")!
        var items: [(item: SurveyItem, column: Int, scale: ResponseScale)] = []
        for item in instrument.items {
            let column = file.variableIndex(item.id)!
            guard file.variables[column].isNumeric else {
                log.add(InputProblem(
                    file: path, column: column + 1, message: "\(item.id): a text variable; survey items must be numeric"))
                continue
            }
            items.append((item, column, instrument.scale(of: item) ?? ResponseScale(id: item.scale, level: .nominal, values: [])))
        }

        var batch = RespondentBatch(instrumentID: instrument.id)
        var checks = IdentityChecks(who: "respondent", place: "case")
        for (index, row) in file.cases.enumerated() {
            let number = index + 1
            var valid = true
            func complain(_ column: Int, _ message: String) {
                log.add(InputProblem(file: path, line: number, column: column + 1, message: "\(file.variables[column].name): \(message)"))
                valid = false
            }
            func identity(_ column: Int) -> String? {
                switch row[column] {
                case .missing: return nil
                case .text(let text): return text.isEmpty ? nil : text
                case .number(let value):
                    if let label = file.variables[column].valueLabels[value] { return label }
                    return value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
                }
            }
            let id = identity(idColumn)
            if let problem = checks.problem(withID: id, line: number) { complain(idColumn, problem) }
            let country = identity(countryColumn)
            let role = identity(roleColumn)
            if let problem = checks.problem(withLevel: country, of: "country", declared: manifest.countries) {
                complain(countryColumn, problem)
            }
            if let problem = checks.problem(withLevel: role, of: "role", declared: manifest.roles) {
                complain(roleColumn, problem)
            }
            var answers: [(itemID: String, value: Int?)] = []
            for (item, column, scale) in items {
                guard case .number(let number) = row[column] else {
                    answers.append((item.id, nil))
                    continue
                }
                let shown = Self.format(number)
                guard number.rounded() == number, abs(number) < 1e9, let scaleLabel = scale.label(of: Int(number)) else {
                    let values = scale.values.map { String($0.value) }.joined(separator: ", ")
                    complain(column, "\(shown) is not a value of scale '\(item.scale)' (\(values)) or missing")
                    continue
                }
                if let label = file.variables[column].valueLabels[number], !Self.label(label, matches: scaleLabel) {
                    complain(
                        column, "value \(shown) is labelled '\(label)' in the file, but scale '\(item.scale)' labels it '"
                            + (scaleLabel.text(in: .en) ?? scaleLabel.texts.values.sorted().first ?? "") + "'")
                    continue
                }
                answers.append((item.id, Int(number)))
            }
            guard valid, let id, let country, let role else { continue }
            batch.append(
                respondentID: id, position: stored, country: country, role: role, line: number, answers: answers)
            stored += 1
            keep(id: id, country: country, role: role, answers: answers)
            if batch.isFull { try transaction.insert(&batch) }
        }
        try transaction.insert(&batch)
        let digest = SHA256.hash(data: bytes)
        return SourceFileRecord(
            path: source.file, kind: source.kind.rawValue, sha256: digest.lowercaseHexadecimal, byteCount: bytes.count,
            recordCount: file.cases.count)
    }

    /// Whether a file's value label says what the scale's label says, in any of its languages (case, and
    /// spaces around, ignored).
    private static func label(_ label: String, matches scaleLabel: LocalizedText) -> Bool {
        let wanted = label.trimmingCharacters(in: .whitespaces).lowercased()
        return scaleLabel.texts.values.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
    }

    /// A number as a researcher typed it: `3`, `2.5`.
    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

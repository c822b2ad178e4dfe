internal import CReadStat

/// A data file of a statistics package, read whole through ReadStat: SPSS `.sav` and `.zsav`, Stata `.dta`.
///
/// ```swift
/// let file = try StatFile(path: "survey-parents.sav")
/// let pi01 = file.variableIndex("pi01")!
/// for (number, row) in file.cases.enumerated() { print(number + 1, row[pi01]) }
/// ```
///
/// Every missing value becomes ``Value/missing``: SPSS system-missing (`.`) and user-missing values
/// (discrete values or ranges declared on the variable), and Stata's `.` and tagged `.a`–`.z`.
/// Strings arrive as UTF-8 (ReadStat converts them from the file's declared encoding).
/// This file and `StatFile+Writing.swift` (``savData(fileLabel:file:)``) are the only importers of ReadStat's C API.
public struct StatFile: Sendable {
    /// One variable (column) of the file.
    public struct Variable: Sendable, Equatable {
        /// The variable's name (`pi01`).
        public var name: String
        /// Its descriptive label, when it has one.
        public var label: String?
        /// Whether it holds numbers (otherwise text).
        public var isNumeric: Bool
        /// The value labels of a numeric variable: value → label.
        public var valueLabels: [Double: String]

        public init(name: String, label: String? = nil, isNumeric: Bool, valueLabels: [Double: String] = [:]) {
            self.name = name
            self.label = label
            self.isNumeric = isNumeric
            self.valueLabels = valueLabels
        }
    }

    /// One cell.
    public enum Value: Sendable, Equatable {
        /// System-missing, user-missing or tagged missing.
        case missing
        case number(Double)
        case text(String)
    }

    /// The file's variables, in file order.
    public private(set) var variables: [Variable] = []
    /// The cases (rows), in file order; each holds one value per variable.
    public private(set) var cases: [[Value]] = []

    /// A file to write (``savData(fileLabel:file:)``): its variables and its cases, one value per variable each.
    public init(variables: [Variable], cases: [[Value]]) {
        self.variables = variables
        self.cases = cases
    }

    /// Reads the whole file; the format comes from the extension (`.sav`, `.zsav`, `.dta`).
    /// - Throws: ``StatFileError`` when the extension is not one of those or ReadStat cannot read the file.
    public init(path: String) throws(StatFileError) {
        let lowered = path.lowercased()
        let parse: (UnsafeMutablePointer<readstat_parser_t>?, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> readstat_error_t
        if lowered.hasSuffix(".sav") || lowered.hasSuffix(".zsav") {
            parse = readstat_parse_sav
        } else if lowered.hasSuffix(".dta") {
            parse = readstat_parse_dta
        } else {
            throw StatFileError(file: path, reason: "not a .sav, .zsav or .dta file")
        }
        guard let parser = readstat_parser_init() else {
            throw StatFileError(file: path, reason: "ReadStat could not start a parser")
        }
        defer { readstat_parser_free(parser) }
        readstat_set_variable_handler(parser, variableHandler)
        readstat_set_value_handler(parser, valueHandler)
        readstat_set_value_label_handler(parser, valueLabelHandler)
        let sink = Sink()
        let status = path.withCString { parse(parser, $0, Unmanaged.passUnretained(sink).toOpaque()) }
        guard status == READSTAT_OK else {
            throw StatFileError(file: path, reason: String(cString: readstat_error_message(status)))
        }
        variables = sink.variables.map { variable in
            Variable(
                name: variable.name, label: variable.label, isNumeric: variable.isNumeric,
                valueLabels: variable.labelSet.flatMap { sink.labelSets[$0] } ?? [:])
        }
        cases = sink.cases
    }

    /// The 0-based index of the variable named `name`, if the file has it.
    public func variableIndex(_ name: String) -> Int? {
        variables.firstIndex { $0.name == name }
    }
}

/// Why a statistics file could not be read.
public struct StatFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path as it was given.
    public var file: String
    /// What went wrong (ReadStat's own message when it failed).
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// Collects ReadStat's callbacks; reached from C through an unretained pointer.
private final class Sink {
    struct PendingVariable {
        var name: String
        var label: String?
        var isNumeric: Bool
        var labelSet: String?
    }
    var variables: [PendingVariable] = []
    var labelSets: [String: [Double: String]] = [:]
    var cases: [[StatFile.Value]] = []

    static func from(_ context: UnsafeMutableRawPointer?) -> Sink {
        Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
    }
}

private func text(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer, pointer.pointee != 0 else { return nil }
    return String(cString: pointer)
}

private func variableHandler(
    _ index: Int32, _ variable: UnsafeMutablePointer<readstat_variable_t>?, _ labelSet: UnsafePointer<CChar>?, _ context: UnsafeMutableRawPointer?
) -> Int32 {
    let sink = Sink.from(context)
    sink.variables.append(Sink.PendingVariable(
        name: text(readstat_variable_get_name(variable)) ?? "",
        label: text(readstat_variable_get_label(variable)),
        isNumeric: readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_NUMERIC,
        labelSet: text(labelSet)))
    return Int32(READSTAT_HANDLER_OK)
}

private func valueHandler(
    _ caseIndex: Int32, _ variable: UnsafeMutablePointer<readstat_variable_t>?, _ value: readstat_value_t, _ context: UnsafeMutableRawPointer?
) -> Int32 {
    let sink = Sink.from(context)
    let column = Int(readstat_variable_get_index(variable))
    let row = Int(caseIndex)
    while sink.cases.count <= row {
        sink.cases.append(Array(repeating: .missing, count: sink.variables.count))
    }
    let cell: StatFile.Value
    if readstat_value_is_missing(value, variable) != 0 {
        cell = .missing
    } else if readstat_value_type(value) == READSTAT_TYPE_STRING {
        cell = text(readstat_string_value(value)).map(StatFile.Value.text) ?? .missing
    } else {
        cell = .number(readstat_double_value(value))
    }
    if column < sink.cases[row].count { sink.cases[row][column] = cell }
    return Int32(READSTAT_HANDLER_OK)
}

private func valueLabelHandler(
    _ labelSet: UnsafePointer<CChar>?, _ value: readstat_value_t, _ label: UnsafePointer<CChar>?,
    _ context: UnsafeMutableRawPointer?
) -> Int32 {
    let sink = Sink.from(context)
    guard let name = text(labelSet), readstat_value_type(value) != READSTAT_TYPE_STRING,
        value.is_tagged_missing == 0, value.is_system_missing == 0
    else { return Int32(READSTAT_HANDLER_OK) }
    sink.labelSets[name, default: [:]][readstat_double_value(value)] = text(label) ?? ""
    return Int32(READSTAT_HANDLER_OK)
}

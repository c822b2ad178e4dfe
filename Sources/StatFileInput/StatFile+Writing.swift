internal import CReadStat
import Foundation

extension StatFile {
    /// The file as an SPSS system file (`.sav`, uncompressed), written through ReadStat's writer: numeric
    /// variables as doubles (``Value/missing`` as system-missing) with their value labels (variables with the
    /// same labels share one set) and measure nominal when labelled, text variables as wide as their longest
    /// value in UTF-8 bytes; the file's character encoding is UTF-8.
    ///
    /// The header's creation date and time, which ReadStat takes from the clock, are set to
    /// `01 Jan 80 00:00:00`, so the same file gives the same bytes.
    /// - Parameters:
    ///   - fileLabel: the file label SPSS shows (at most 64 bytes of it are kept).
    ///   - file: the name errors carry.
    /// - Throws: ``StatFileError`` when a variable name is not an SPSS name (``spssNameProblem(_:)``) or
    ///   ReadStat refuses the file (its message).
    public func savData(fileLabel: String, file: String) throws(StatFileError) -> Data {
        for variable in variables {
            if let problem = Self.spssNameProblem(variable.name) {
                throw StatFileError(file: file, reason: "variable '\(variable.name)': \(problem)")
            }
        }
        guard let writer = readstat_writer_init() else { throw StatFileError(file: file, reason: "ReadStat could not start a writer") }
        defer { readstat_writer_free(writer) }
        func check(_ status: readstat_error_t) throws(StatFileError) {
            guard status == READSTAT_OK else { throw StatFileError(file: file, reason: String(cString: readstat_error_message(status))) }
        }
        try check(readstat_set_data_writer(writer, appendBytes))
        try check(readstat_writer_set_file_label(writer, fileLabel))
        try check(readstat_writer_set_file_timestamp(writer, 315_532_800))
        var labelSets: [[Double: String]: UnsafeMutablePointer<readstat_label_set_t>] = [:]
        var handles: [UnsafeMutablePointer<readstat_variable_t>] = []
        for (index, variable) in variables.enumerated() {
            let added: UnsafeMutablePointer<readstat_variable_t>?
            if variable.isNumeric {
                added = readstat_add_variable(writer, variable.name, READSTAT_TYPE_DOUBLE, 0)
            } else {
                let width = cases.reduce(1) { widest, row in
                    if case .text(let text) = row[index] { return max(widest, text.utf8.count) }
                    return widest
                }
                added = readstat_add_variable(writer, variable.name, READSTAT_TYPE_STRING, width)
            }
            guard let handle = added else { throw StatFileError(file: file, reason: "ReadStat could not add variable '\(variable.name)'") }
            if let label = variable.label { readstat_variable_set_label(handle, label) }
            if variable.isNumeric, !variable.valueLabels.isEmpty {
                if labelSets[variable.valueLabels] == nil {
                    guard let set = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "labels\(index)") else {
                        throw StatFileError(file: file, reason: "ReadStat could not add the value labels of '\(variable.name)'")
                    }
                    for (value, label) in variable.valueLabels.sorted(by: { $0.key < $1.key }) {
                        readstat_label_double_value(set, value, label)
                    }
                    labelSets[variable.valueLabels] = set
                }
                readstat_variable_set_label_set(handle, labelSets[variable.valueLabels])
                readstat_variable_set_measure(handle, READSTAT_MEASURE_NOMINAL)
            }
            handles.append(handle)
        }
        let sink = ByteSink()
        try check(readstat_begin_writing_sav(writer, Unmanaged.passUnretained(sink).toOpaque(), cases.count))
        for row in cases {
            try check(readstat_begin_row(writer))
            for (variable, value) in zip(handles, row) {
                switch value {
                case .missing: try check(readstat_insert_missing_value(writer, variable))
                case .number(let number): try check(readstat_insert_double_value(writer, variable, number))
                case .text(let text): try check(readstat_insert_string_value(writer, variable, text))
                }
            }
            try check(readstat_end_row(writer))
        }
        try check(readstat_end_writing(writer))
        // The header's creation date (9 bytes from offset 92) and time (8 bytes from 101).
        var bytes = sink.bytes
        guard bytes.count >= 109 else { throw StatFileError(file: file, reason: "ReadStat wrote no header") }
        bytes.replaceSubrange(92..<109, with: Array("01 Jan 8000:00:00".utf8))
        return bytes
    }

    /// The file label of an SPSS system file (header bytes 109–172, trailing spaces dropped), or `nil` when
    /// `data` does not start like one (`$FL2`).
    public static func savFileLabel(of data: Data) -> String? {
        guard data.count >= 176, data.prefix(4) == Data("$FL2".utf8) else { return nil }
        let label = data.subdata(in: data.startIndex + 109..<data.startIndex + 173)
        return String(decoding: label, as: UTF8.self).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
    }

    /// Why `name` cannot name an SPSS variable, or `nil` when it can: a letter first, then letters, digits and
    /// `_ . @ # $`, not ending in `.`, at most 64 bytes, not one of SPSS's reserved words.
    public static func spssNameProblem(_ name: String) -> String? {
        let reserved: Set = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else {
            return "an SPSS variable name starts with a letter"
        }
        if name.utf8.count > 64 { return "an SPSS variable name has at most 64 bytes" }
        if reserved.contains(name.uppercased()) { return "'\(name)' is a reserved word of SPSS" }
        if name.hasSuffix(".") { return "an SPSS variable name does not end in '.'" }
        if let bad = name.unicodeScalars.first(where: { !($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.@#$".unicodeScalars.contains($0)) }) {
            return "'\(bad)' cannot be part of an SPSS variable name"
        }
        return nil
    }
}

/// Collects what ReadStat writes; reached from C through an unretained pointer.
private final class ByteSink {
    var bytes = Data()
}

private func appendBytes(_ data: UnsafeRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let data, let context else { return -1 }
    Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue().bytes.append(data.assumingMemoryBound(to: UInt8.self), count: length)
    return length
}

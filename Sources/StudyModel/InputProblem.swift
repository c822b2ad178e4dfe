/// One problem found in the study's input, with its place: what a researcher needs to fix it.
///
/// Its description has the form `file:line:column: message`, which editors can jump to;
/// `line` is 0 when the problem concerns a whole file.
public struct InputProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public var message: String

    public init(file: String, line: Int = 0, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Several problems at once: all the problems of a file (up to a cap) are reported together.
public struct InputProblems: Error, Equatable, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    /// Problems found beyond the cap and not listed.
    public var omitted: Int

    public init(_ problems: [InputProblem], omitted: Int = 0) {
        self.problems = problems
        self.omitted = omitted
    }

    public var description: String {
        var lines = problems.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more problem\(omitted == 1 ? "" : "s")") }
        return lines.joined(separator: "\n")
    }
}

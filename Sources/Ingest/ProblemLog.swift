import StudyModel

/// Collects the problems of an ingest, at most ``capPerFile`` listed per file; the rest are counted.
struct ProblemLog {
    static let capPerFile = 50
    private(set) var problems: [InputProblem] = []
    private(set) var omitted = 0
    private var countByFile: [String: Int] = [:]

    var isEmpty: Bool { problems.isEmpty && omitted == 0 }

    mutating func add(_ problem: InputProblem) {
        let count = countByFile[problem.file, default: 0]
        countByFile[problem.file] = count + 1
        if count < Self.capPerFile {
            problems.append(problem)
        } else {
            omitted += 1
        }
    }

    /// Counts `count` problems of `file` that another log left out beyond its cap (they are beyond
    /// this one's too: that log listed the file's first ``capPerFile`` of them, and they come after).
    mutating func countOmitted(_ count: Int, in file: String) {
        countByFile[file, default: 0] += count
        omitted += count
    }

    mutating func add(contentsOf problems: InputProblems) {
        for problem in problems.problems { add(problem) }
        omitted += problems.omitted
    }

    var asError: InputProblems { InputProblems(problems, omitted: omitted) }
}

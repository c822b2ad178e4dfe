import Analysis

/// What the audit asks of the linear programs, gathered program by program (see ``DisclosureAudit``).
///
/// For a hidden count: its interval in its space's program; for a pair count that must keep more than
/// one value, its interval with no pair count of the space published (its structural width), unless
/// the pass recorded that width (``DisclosureLedger/structuralRequirements``) or the space publishes no
/// pair count (then its own program is that program, and its interval is the answer); for a code's
/// count, its interval in the program of each pair of codes it is in that publishes a pair count; for a
/// count of a group row or of its codes, its interval in the group's program.
///
/// Each program is asked its questions in the order they were asked, so a program's region goes
/// through the same objectives in the same order whether the programs are answered one after the
/// other or on all cores.
struct AuditQuestions {
    /// A program of the audit: a space's (its region shared through the ledger's cache), a pair
    /// space's with no pair count published, or a group row's by the group's id.
    enum Program: Hashable {
        case space(Space)
        case bare(Space)
        case group(String)
    }

    typealias Interval = (lower: Int, upper: Int?)

    let ledger: DisclosureLedger
    /// The programs in the order first asked, and each one's number.
    private var programs: [Program] = []
    private var numbers: [Program: Int] = [:]
    /// Per program, its questions in order: the count, the space its variables are written in, and
    /// the question's number among all questions.
    private var questions: [[(quantity: Quantity, space: Space, number: Int)]] = []
    private var count = 0
    /// The group row of each group row or code (by `kind:id`), and the groups asked about by id.
    private let groupOf: [String: BasisRow]
    private var groups: [String: BasisRow] = [:]
    /// The pairs of codes each code is in (co-occurrence), only those with a published pair count:
    /// with none, a pair's program says no more than the codes' rows.
    private let pairsOf: [String: [Space]]

    init(ledger: DisclosureLedger) {
        self.ledger = ledger
        var groupOf: [String: BasisRow] = [:]
        for group in ledger.basis.rows where !(group.members ?? []).isEmpty {
            groupOf[group.kind.rawValue + ":" + group.id] = group
            for member in group.members! { groupOf[RowKind.code.rawValue + ":" + member] = group }
        }
        self.groupOf = groupOf
        var pairsOf: [String: [Space]] = [:]
        for space in ledger.spaces {
            guard case .pair(let first, let second) = space, ledger.quantities(in: space).contains(where: { !ledger.isHidden($0) })
            else { continue }
            pairsOf[first, default: []].append(space)
            pairsOf[second, default: []].append(space)
        }
        self.pairsOf = pairsOf
    }

    /// Asks everything the audit needs about a hidden count whose protection is `required` values;
    /// returns the numbers of its answers: its space's interval, then (a pair count with `required` > 1
    /// whose structural requirement the pass did not record) the bare program's, then each pair of
    /// codes', then its group's.
    mutating func ask(about quantity: Quantity, requiring required: Int) -> [Int] {
        let space = quantity.space
        var asked = [ask(.space(space), quantity, in: space)]
        if case .pair = quantity, required > 1, ledger.structuralRequirements[quantity] == nil {
            // With no pair count published, the space's program is the bare program: the same answer.
            asked.append(ledger.publishesPairCount(space) ? ask(.bare(space), quantity, in: space) : asked[0])
        }
        if case .row(.code, let id) = space {
            for pair in pairsOf[id] ?? [] { asked.append(ask(.space(pair), quantity, in: pair)) }
        }
        if case .row(let kind, let id) = space, let group = groupOf[kind.rawValue + ":" + id] {
            groups[group.id] = group
            asked.append(ask(.group(group.id), quantity, in: space))
        }
        return asked
    }

    private mutating func ask(_ program: Program, _ quantity: Quantity, in space: Space) -> Int {
        let index = numbers[program] ?? {
            programs.append(program)
            questions.append([])
            numbers[program] = programs.count - 1
            return programs.count - 1
        }()
        questions[index].append((quantity, space, count))
        count += 1
        return count - 1
    }

    /// The answers, by question number; with `concurrently`, the programs are answered on all cores.
    func answers(concurrently: Bool) -> [Interval] {
        let (ledger, programs, questions, groups) = (self.ledger, self.programs, self.questions, self.groups)
        let answer: @Sendable (Int) -> [Interval] = { index in
            let asked = questions[index]
            switch programs[index] {
            case .space(let space):
                // A pair space's program was asked these questions as the space was protected, and a
                // pair's code row's program before the pairs were (``DisclosurePass/protectPairs(in:)``).
                if let intervals = ledger.auditedIntervals(of: space, for: asked.map(\.quantity)) { return intervals }
                let region = ledger.region(of: ledger.program(for: space), in: space)
                return asked.map { ledger.interval(of: $0.quantity, inSpace: $0.space, region: region) }
            case .bare(let space):
                let region = ledger.bareRegion(of: space)
                return asked.map { ledger.interval(of: $0.quantity, inSpace: $0.space, region: region) }
            case .group(let id):
                let program = ledger.groupProgram(groups[id]!)
                let region = program.program.region()
                return asked.map { ledger.interval(of: $0.quantity, in: program, region: region) }
            }
        }
        let indices = Array(programs.indices)
        let answered = concurrently ? ConcurrentMap.map(indices, answer) : indices.map(answer)
        var flat = [Interval](repeating: (0, 0), count: count)
        for (index, intervals) in answered.enumerated() {
            for (question, interval) in zip(questions[index], intervals) { flat[question.number] = interval }
        }
        return flat
    }
}

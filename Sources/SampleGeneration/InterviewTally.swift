/// Participant-level counts kept while the interviews are streamed out, for `PLANTED.md` and the
/// summary: presence of each code per country and role (coder `C1`), and `C1`–`C2` agreement.
public struct InterviewTally: Sendable {
    /// Participants per group; a group is `countryIndex * roles + roleIndex` over
    /// ``SampleRoles/countries`` and ``SampleRoles/all``.
    public private(set) var participants: [Int]
    /// Participants with the code present in `C1`'s coding, at `codeIndex * groups + group`.
    public private(set) var present: [Int]
    /// Per code, over double-coded participants: both coders, `C1` only, `C2` only, neither.
    public private(set) var agreement: [(both: Int, firstOnly: Int, secondOnly: Int, neither: Int)]
    /// Per planted contrast and group value (high, low): participants with any of its codes.
    public private(set) var contrastAny: [(high: Int, low: Int)]
    /// Participants without any segment of `C1`.
    public private(set) var withoutSegments = 0
    public private(set) var doubleCoded = 0
    public private(set) var segments = 0
    public private(set) var firstCoderRows = 0
    public private(set) var secondCoderRows = 0
    /// Segments whose excerpt holds a comma, a double quote, a line break.
    public private(set) var excerptsWithComma = 0
    public private(set) var excerptsWithQuote = 0
    public private(set) var excerptsWithLineBreak = 0

    let codeCount: Int
    static let groups = SampleRoles.countries.count * SampleRoles.all.count

    init(codeCount: Int) {
        self.codeCount = codeCount
        participants = Array(repeating: 0, count: Self.groups)
        present = Array(repeating: 0, count: codeCount * Self.groups)
        agreement = Array(repeating: (0, 0, 0, 0), count: codeCount)
        contrastAny = Array(repeating: (0, 0), count: PresenceModel.contrasts.count)
    }

    /// The group index of a participant.
    static func group(country: String, role: String) -> Int? {
        guard let c = SampleRoles.countries.firstIndex(of: country), let r = SampleRoles.all.firstIndex(of: role)
        else { return nil }
        return c * SampleRoles.all.count + r
    }

    mutating func add(_ interview: CodedInterview, of participant: SyntheticParticipant, codes: [String]) {
        guard let group = Self.group(country: participant.country, role: participant.role) else { return }
        participants[group] += 1
        for (codeIndex, isPresent) in interview.firstCoderPresence.enumerated() where isPresent {
            present[codeIndex * Self.groups + group] += 1
        }
        for (index, contrast) in PresenceModel.contrasts.enumerated() {
            let any = codes.indices.contains { contrast.codes.contains(codes[$0]) && interview.firstCoderPresence[$0] }
            guard any else { continue }
            let value = participant.value(of: contrast.variable)
            if value == contrast.high.value { contrastAny[index].high += 1 }
            if value == contrast.low.value { contrastAny[index].low += 1 }
        }
        if interview.segments.isEmpty { withoutSegments += 1 }
        segments += interview.segments.count
        for segment in interview.segments {
            firstCoderRows += segment.firstCoderCodes.count
            secondCoderRows += segment.secondCoderCodes.count
            var comma = false, quote = false, lineBreak = false
            for byte in segment.excerpt.utf8 {
                switch byte {
                case UInt8(ascii: ","): comma = true
                case UInt8(ascii: "\""): quote = true
                case UInt8(ascii: "\n"): lineBreak = true
                default: break
                }
            }
            if comma { excerptsWithComma += 1 }
            if quote { excerptsWithQuote += 1 }
            if lineBreak { excerptsWithLineBreak += 1 }
        }
        if let second = interview.secondCoderPresence {
            doubleCoded += 1
            for codeIndex in 0..<codeCount {
                switch (interview.firstCoderPresence[codeIndex], second[codeIndex]) {
                case (true, true): agreement[codeIndex].both += 1
                case (true, false): agreement[codeIndex].firstOnly += 1
                case (false, true): agreement[codeIndex].secondOnly += 1
                case (false, false): agreement[codeIndex].neither += 1
                }
            }
        }
    }

    /// Participants with `variable == value` (`country` or `role`), and how many of them have the code.
    public func observed(codeIndex: Int, variable: String, value: String) -> (count: Int, total: Int) {
        let groups = Self.groups(where: variable, is: value)
        return (groups.reduce(0) { $0 + present[codeIndex * Self.groups + $1] }, total(variable: variable, value: value))
    }

    /// Participants in groups with `variable == value` (`country` or `role`).
    public func total(variable: String, value: String) -> Int {
        Self.groups(where: variable, is: value).reduce(0) { $0 + participants[$1] }
    }

    private static func groups(where variable: String, is value: String) -> [Int] {
        var groups: [Int] = []
        for (c, country) in SampleRoles.countries.enumerated() {
            for (r, role) in SampleRoles.all.enumerated() {
                let matches = variable == "country" ? country == value : variable == "role" ? role == value : false
                if matches { groups.append(c * SampleRoles.all.count + r) }
            }
        }
        return groups
    }
}

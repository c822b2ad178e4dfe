/// The checks that participants and survey respondents share: a unique id, and a declared country and role.
struct IdentityChecks {
    /// "participant", "respondent": who the messages speak of.
    let who: String
    /// "line" (CSV), "case" (SPSS and Stata files): what the place of a first occurrence is called.
    let place: String
    /// The line (or case) each id was first met on.
    private(set) var firstLines = IDTable()

    init(who: String, place: String = "line") {
        self.who = who
        self.place = place
    }

    /// The problem with an id, if any: empty, or met before (with the line it was first met on).
    mutating func problem(withID id: String?, line: Int) -> String? {
        guard let id else { return "empty value; every \(who) needs an id" }
        guard let first = firstLines.firstLine(of: id, notingLine: line) else { return nil }
        return "duplicate \(who) id (first on \(place) \(first))"
    }

    /// Notes the stored position of the participant whose id is `id`.
    mutating func note(position: Int, of id: String) {
        firstLines.note(position: position, of: id)
    }

    /// The problem with a level, if any: empty, or not one the manifest declares.
    func problem(withLevel value: String?, of variable: String, declared levels: [String]) -> String? {
        guard let value else { return "empty value; every \(who) needs a \(variable)" }
        guard levels.contains(value) else {
            return "'\(value)' is not a declared \(variable) (study.yml declares \(levels.joined(separator: ", ")))"
        }
        return nil
    }
}

import Analysis

/// Says whether a statistic may be published: only when every count it is computed from is published
/// or follows exactly from the published counts (its feasibility interval is one value), so that the
/// statistic tells nothing the tables do not.
final class StatisticGate {
    let ledger: DisclosureLedger
    let minimumCount: Int
    private var regions: [Space: LinearProgram.Region?] = [:]

    init(ledger: DisclosureLedger, minimumCount: Int) {
        self.ledger = ledger
        self.minimumCount = minimumCount
    }

    /// Whether the quantity is published or pinned to one value by what is published.
    func isDetermined(_ quantity: Quantity) -> Bool {
        if let entry = ledger[quantity], entry.hidden == nil { return true }
        let space = quantity.space
        let region = regions[space] ?? ledger.region(of: ledger.program(for: space), in: space)
        regions[space] = region
        let interval = ledger.interval(of: quantity, in: region)
        return interval.upper == interval.lower
    }

    /// Whether an item's answer counts are determined in every group, each group given by its conditions
    /// on the respondents' variables (`[country: [KZ], role: [mother]]`; an empty list of groups: all
    /// respondents): the inputs of a Mann–Whitney or Kruskal–Wallis test or of Cronbach's α.
    func answersDetermined(instrument: String, item: String, values: Int, groups: [[String: [String]]]) -> Bool {
        guard let survey = ledger.basis.surveys.first(where: { $0.instrumentID == instrument }) else { return false }
        var sets: [[Int]] = []
        if groups.isEmpty {
            sets = [Array(survey.profiles.indices)]
        } else {
            for conditions in groups {
                // Conditions the basis cannot resolve decide nothing: the statistic is withheld.
                guard let atoms = survey.atoms(where: conditions) else { return false }
                sets.append(atoms)
            }
        }
        return sets.allSatisfy { atoms in
            atoms.isEmpty || (0..<values).allSatisfy { isDetermined(.answer(instrument: instrument, item: item, value: $0, atoms: atoms)) }
        }
    }
}

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
        let region = regions[space] ?? ledger.program(for: space).region()
        regions[space] = region
        let interval = ledger.interval(of: quantity, in: region)
        return interval.upper == interval.lower
    }

    /// Whether an item's answer counts are determined in every group of `variable` (or over all
    /// respondents when `variable` is `nil`): the inputs of a Mann–Whitney test or of Cronbach's α.
    func answersDetermined(instrument: String, item: String, values: Int, variable: String?, groups: [String]) -> Bool {
        guard let survey = ledger.basis.surveys.first(where: { $0.instrumentID == instrument }) else { return false }
        let sets: [[Int]] = variable.map { variable in
            groups.map { survey.atoms(where: [variable: [$0]]) ?? [] }
        } ?? [Array(survey.profiles.indices)]
        return sets.allSatisfy { atoms in
            atoms.isEmpty || (0..<values).allSatisfy { isDetermined(.answer(instrument: instrument, item: item, value: $0, atoms: atoms)) }
        }
    }
}

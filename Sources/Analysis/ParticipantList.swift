import StudyModel

/// The study's participants, in about 24 bytes each instead of a `Participant`'s 56: the ids, and the
/// country and role as numbers into the study's distinct levels (attributes kept only when a participant
/// has any). A participant read from it is a `Participant` again, equal to the one put in.
///
/// At the L study's 200,000 participants the array of `Participant`s was 11.2 MB of the analysis' heap.
public struct ParticipantList: RandomAccessCollection, Sendable {
    private var ids: [String] = []
    private var countryNumbers: [UInt32] = []
    private var roleNumbers: [UInt32] = []
    private var countries: [String] = []
    private var roles: [String] = []
    /// Each participant's attributes; empty when no participant has any.
    private var attributes: [[String: String]] = []

    public init<S: Sequence>(_ participants: S) where S.Element == Participant {
        var countryNumber: [String: UInt32] = [:]
        var roleNumber: [String: UInt32] = [:]
        func number(_ level: String, _ numbers: inout [String: UInt32], _ levels: inout [String]) -> UInt32 {
            if let known = numbers[level] { return known }
            let new = UInt32(levels.count)
            numbers[level] = new
            levels.append(level)
            return new
        }
        let expected = participants.underestimatedCount
        ids.reserveCapacity(expected)
        countryNumbers.reserveCapacity(expected)
        roleNumbers.reserveCapacity(expected)
        for participant in participants {
            ids.append(participant.id)
            countryNumbers.append(number(participant.country, &countryNumber, &countries))
            roleNumbers.append(number(participant.role, &roleNumber, &roles))
            if !participant.attributes.isEmpty, attributes.isEmpty {
                attributes = Array(repeating: [:], count: ids.count - 1)
            }
            if !attributes.isEmpty || !participant.attributes.isEmpty { attributes.append(participant.attributes) }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    public subscript(position: Int) -> Participant {
        Participant(
            id: ids[position], country: countries[Int(countryNumbers[position])], role: roles[Int(roleNumbers[position])],
            attributes: attributes.isEmpty ? [:] : attributes[position])
    }

    /// The distinct roles of the participants, in the order first met.
    public var roleLevels: [String] { roles }

    /// The place in ``roleLevels`` of the role of the participant at `position`.
    public func roleIndex(at position: Int) -> Int { Int(roleNumbers[position]) }

    /// `value(of: variable, at:)` of every participant as a function of the position, whose levels of
    /// country and role go through `transform` once per distinct level (not once per participant);
    /// attributes go through it at each call.
    public func values(of variable: String, _ transform: @escaping (String) -> String) -> (Int) -> String? {
        func byNumber(_ levels: [String], _ numbers: [UInt32]) -> (Int) -> String? {
            let transformed = levels.map(transform)
            return { position in transformed[Int(numbers[position])] }
        }
        switch variable {
        case "country": return byNumber(countries, countryNumbers)
        case "role": return byNumber(roles, roleNumbers)
        default: return { [attributes] position in attributes.isEmpty ? nil : attributes[position][variable].map(transform) }
        }
    }

    /// The country's or the role's levels as ``values(of:_:)`` gives them (each distinct level through
    /// `transform` once), and each participant's number among them; `nil` for another variable.
    public func numberedValues(of variable: String, _ transform: (String) -> String) -> NumberedValues? {
        switch variable {
        case "country": NumberedValues(values: countries.map(transform), numbers: countryNumbers)
        case "role": NumberedValues(values: roles.map(transform), numbers: roleNumbers)
        default: nil
        }
    }

    /// The id of the participant at `position`, without making the `Participant`.
    public func id(at position: Int) -> String { ids[position] }

    /// `self[position].value(of: variable)` without making the `Participant`: the country, the role, or
    /// an attribute (`nil`: not recorded).
    public func value(of variable: String, at position: Int) -> String? {
        switch variable {
        case "country": countries[Int(countryNumbers[position])]
        case "role": roles[Int(roleNumbers[position])]
        default: attributes.isEmpty ? nil : attributes[position][variable]
        }
    }
}

/// A variable's values by number: the participant at position `p` has `values[number(p)]` (`nil`: not recorded).
public struct NumberedValues: Sendable {
    /// The values the numbers stand for.
    public let values: [String?]
    /// Each participant's number.
    public let numbers: [UInt32]

    public init(values: [String?], numbers: [UInt32]) {
        self.values = values
        self.numbers = numbers
    }

    /// The number of the participant at `position`.
    @inline(__always)
    public func number(_ position: Int) -> Int { Int(numbers[position]) }
}

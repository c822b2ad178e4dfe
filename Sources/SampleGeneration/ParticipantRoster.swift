import Statistics
/// The participants of a study, made on demand: only each participant's role is stored (one byte),
/// and everything else is drawn from the participant's own random stream when it is asked for, so a
/// benchmark study of 600,000 participants takes well under a megabyte here.
///
/// Per country, role counts follow ``SampleRoles/interviewWeights`` (largest remainder) in shuffled
/// order; KZ comes first and gets the odd participant.
struct ParticipantRoster: Sendable {
    private struct Country: Sendable {
        var code: String
        var offset: Int
        var roles: [UInt8]
        var idWidth: Int
        var schoolCount: Int
        var schoolWidth: Int
    }

    /// The number of participants.
    let count: Int
    private let countries: [Country]
    private let seed: UInt64

    init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
        let kz = (count + 1) / 2
        var countries: [Country] = []
        for (position, code) in SampleRoles.countries.enumerated() {
            let n = position == 0 ? kz : count - kz
            var random = SeededGenerator(seed: seed, stream: 1 + UInt64(position))
            var roles: [UInt8] = []
            roles.reserveCapacity(n)
            for (role, k) in apportion(n, weights: SampleRoles.interviewWeights).enumerated() {
                roles += Array(repeating: UInt8(role), count: k)
            }
            random.shuffle(&roles)
            let schools = max(8, n / 40)
            countries.append(
                Country(
                    code: code, offset: position == 0 ? 0 : kz, roles: roles, idWidth: max(3, String(n).count),
                    schoolCount: schools, schoolWidth: max(2, String(schools).count)))
        }
        self.countries = countries
    }

    /// The group (``InterviewTally/group(country:role:)``) of participant `index`, without making it.
    func group(at index: Int) -> Int {
        let country = index < countries[0].offset + countries[0].roles.count ? 0 : 1
        let role = Int(countries[country].roles[index - countries[country].offset])
        return country * SampleRoles.all.count + role
    }

    /// Participant `index` (0-based, KZ first, each country in id order).
    func participant(at index: Int) -> SyntheticParticipant {
        let c = index < countries[0].offset + countries[0].roles.count ? 0 : 1
        let country = countries[c]
        let number = index - country.offset
        let role = SampleRoles.all[Int(country.roles[number])]
        var random = SeededGenerator(seed: seed, stream: 3, index: UInt64(index))
        let school = random.uniform(below: country.schoolCount)
        return SyntheticParticipant(
            id: "\(country.code)-P\(Self.padded(number + 1, width: country.idWidth))",
            country: country.code,
            role: role,
            gender: Self.gender(of: role, random: &random),
            schoolID: "\(country.code)-S\(Self.padded(school + 1, width: country.schoolWidth))",
            // Schools 1, 2, 3 of every 5 are urban: 60% urban, a property of the school.
            setting: school % 5 < 3 ? "urban" : "rural",
            childAgeBand: random.chance(0.55) ? "primary" : "secondary",
            language: Self.language(in: country.code, random: &random),
            quoteConsent: random.chance(0.85) ? "yes" : "no")
    }

    /// A zero-padded number of at least `width` digits.
    static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func gender(of role: String, random: inout SeededGenerator) -> String {
        let female: Double =
            switch role {
            case "mother": 1
            case "father": 0
            case "grandparent": 0.7
            case "teacher": 0.8
            default: 0.5
            }
        return random.chance(female) ? "female" : "male"
    }

    private static func language(in country: String, random: inout SeededGenerator) -> String {
        if country == "KZ" { return random.chance(0.5) ? "kk" : "ru" }
        let u = random.double()
        return u < 0.88 ? "en" : u < 0.95 ? "ru" : "other"
    }
}

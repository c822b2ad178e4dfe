import Statistics
import StudyModel

/// What a survey file holds, for `PLANTED.md`.
public struct SurveyTally: Sendable {
    /// The instrument's id.
    public var instrument: String
    /// The file name inside the study folder.
    public var fileName: String
    /// Respondents per country (``SampleRoles/countries`` order).
    public var respondentsByCountry: [Int]
    /// Answered cells and empty ones.
    public var answeredCells = 0
    public var emptyCells = 0
    /// For each planted item of the instrument: the item id, and the sum and count of answers per country.
    public var plantedItemAnswers: [(item: String, sums: [Int], counts: [Int])] = []
}

/// Writes one survey CSV (`respondent_id,country,role,<items>`), one respondent at a time.
enum SurveyWriter {
    /// Writes `respondents` answers to `instrument` into `path`; `stream` keeps each instrument's
    /// random numbers apart.
    static func write(
        instrument: Instrument, respondents: Int, path: String, fileName: String, seed: UInt64, stream: UInt64
    ) throws -> SurveyTally {
        let teachers = instrument.respondents == "teacher"
        let subscales = (instrument.subscales ?? []).map(\.id)
        let planted = SurveyPlan.plantedItems.filter { id in instrument.items.contains { $0.id == id } }
        var tally = SurveyTally(
            instrument: instrument.id, fileName: fileName, respondentsByCountry: [0, 0],
            plantedItemAnswers: planted.map { ($0, [0, 0], [0, 0]) })

        let writer = try CSVFieldWriter(path: path)
        try writer.writeRow(["respondent_id", "country", "role"] + instrument.items.map(\.id))
        var random = SeededGenerator(seed: seed, stream: stream)
        let kz = (respondents + 1) / 2
        var index = 0
        for (countryIndex, country) in SampleRoles.countries.enumerated() {
            let count = countryIndex == 0 ? kz : respondents - kz
            var roles: [String]
            if teachers {
                roles = Array(repeating: "teacher", count: count)
            } else {
                roles = []
                let counts = apportion(count, weights: SampleRoles.surveyParentWeights)
                for (role, n) in zip(SampleRoles.all, counts) { roles += Array(repeating: role, count: n) }
                random.shuffle(&roles)
            }
            let width = max(3, String(count).count)
            for (offset, role) in roles.enumerated() {
                var answers = SeededGenerator(seed: seed, stream: stream, index: UInt64(index + 1))
                index += 1
                let latents = subscales.map { _ in answers.standardNormal() }
                var row = [
                    "\(country)-\(teachers ? "T" : "R")\(ParticipantRoster.padded(offset + 1, width: width))",
                    country, role,
                ]
                for item in instrument.items {
                    let value = answer(
                        to: item, of: instrument, latents: latents, subscales: subscales, country: country,
                        role: role, random: &answers)
                    if let slot = tally.plantedItemAnswers.firstIndex(where: { $0.item == item.id }), let value {
                        tally.plantedItemAnswers[slot].sums[countryIndex] += value
                        tally.plantedItemAnswers[slot].counts[countryIndex] += 1
                    }
                    if value != nil { tally.answeredCells += 1 } else { tally.emptyCells += 1 }
                    row.append(value.map(String.init) ?? "")
                }
                try writer.writeRow(row)
                tally.respondentsByCountry[countryIndex] += 1
            }
        }
        try writer.close()
        return tally
    }

    /// One answer (a value of the item's scale), or `nil` for a missing answer.
    private static func answer(
        to item: SurveyItem, of instrument: Instrument, latents: [Double], subscales: [String], country: String,
        role: String, random: inout SeededGenerator
    ) -> Int? {
        guard let scale = instrument.scale(of: item), !scale.values.isEmpty else { return nil }
        let k = scale.values.count
        let noise = random.standardNormal()
        let own = random.standardNormal()
        let missing = random.chance(SurveyPlan.missingShare)
        let nominalDraw = random.double()
        if missing { return nil }

        if scale.level == .nominal {
            let weights =
                SurveyPlan.nominalWeights(item: item.id, country: country).flatMap { $0.count == k ? $0 : nil }
                ?? Array(repeating: 1.0, count: k)
            var total = 0.0
            for weight in weights { total += weight }
            var target = nominalDraw * total
            for (position, weight) in weights.enumerated() {
                if target < weight { return scale.values[position].value }
                target -= weight
            }
            return scale.values[k - 1].value
        }

        let latent = item.subscale.flatMap { subscales.firstIndex(of: $0) }.map { latents[$0] } ?? own
        var response = SurveyPlan.loading * latent + SurveyPlan.noise * noise
        for shift in SurveyPlan.shifts where shift.item == item.id {
            let applies =
                switch shift.variable {
                case nil: true
                case "country": shift.value == country
                case "role": shift.value == role
                default: false
                }
            if applies { response += shift.shift }
        }
        var position = 0
        for threshold in 1..<max(k, 1) where response >= -1.5 + 3.0 * Double(threshold) / Double(k) {
            position = threshold
        }
        if item.reverse == true { position = k - 1 - position }
        return scale.values[position].value
    }
}

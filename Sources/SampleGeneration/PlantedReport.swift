import StudyModel

/// The text of `PLANTED.md`: what the generator planted, with the probabilities it used and what came
/// out in this particular study (participant-level counts for coder `C1`, i.e. "participants with at
/// least one segment of the code", the quantity the barrier tables report).
enum PlantedReport {
    static func make(summary: GenerationSummary, model: PresenceModel) -> String {
        let configuration = summary.configuration
        let tally = summary.interviews
        let codes = model.codes
        var out: [String] = []
        func line(_ text: String = "") { out.append(text) }

        line("# What is planted in this synthetic study")
        line()
        line("Written by `generate-sample` (do not edit by hand; regenerate instead). Every value is synthetic.")
        line()
        line("| setting | value |")
        line("|---|---|")
        line("| seed | \(configuration.seed) |")
        line("| participants | \(summary.participants) |")
        line("| segment rows (target) | \(summary.segmentRows) (\(configuration.segmentTarget)) |")
        line("| segments | \(tally.segments) |")
        line("| rows by coder C1 / C2 | \(tally.firstCoderRows) / \(tally.secondCoderRows) |")
        line("| participants double-coded by C2 | \(tally.doubleCoded) (share \(configuration.secondCoderShare)) |")
        line("| participants with no coded segment at all | \(tally.withoutSegments) (planted: \(configuration.uncodedParticipants)) |")
        line("| segments per present code (mean) | \(fixed(summary.segmentsPerPresentCode, digits: 2)) |")
        line("| survey respondents | \(summary.surveys.map { "\($0.fileName): \($0.respondentsByCountry.reduce(0, +))" }.joined(separator: ", ")) |")
        line()
        line("## How the interviews are made")
        line()
        line("For every participant and code the generator first decides whether the code is *present* in the")
        let mentions = summary.segmentsPerPresentCode > 3 ? "one or more (mean \(fixed(summary.segmentsPerPresentCode, digits: 2)))" : "one to three"
        line("interview (coder C1); each present code then gets \(mentions) segments, and segments carry one to")
        line("three codes (one row per code). Presence is allocated exactly: among the participants who share a")
        line("code's probability p (everyone, for a code without a planted difference; each group of a planted")
        line("difference), exactly round(p × their number) have the code, chosen at random. So the planted")
        line("probabilities are the shares of participants with at least one segment of the code that the")
        line("tables show for those groups (finer cells, such as country × role, vary at random around them).")
        line("Participants with no coded segment (planted, see above) count in every denominator. Teachers are")
        line("participants too and follow the same probabilities; their excerpts quote what parents tell them.")
        line()
        line("Sample composition (participants by country and role):")
        line()
        line("| role | " + SampleRoles.countries.joined(separator: " | ") + " |")
        line("|---|" + String(repeating: "---:|", count: SampleRoles.countries.count))
        for role in SampleRoles.all {
            let cells = SampleRoles.countries.map { country in
                String(tally.participants[InterviewTally.group(country: country, role: role) ?? 0])
            }
            line("| \(role) | " + cells.joined(separator: " | ") + " |")
        }
        line()

        line("## Planted differences (participants with at least one C1 segment of the code)")
        line()
        line("| difference | code | group | planted | observed |")
        line("|---|---|---|---:|---:|")
        for (index, contrast) in PresenceModel.contrasts.enumerated() {
            for code in contrast.codes {
                guard let codeIndex = codes.firstIndex(where: { $0.id == code }) else { continue }
                for (value, probability) in [contrast.high, contrast.low] {
                    let seen = tally.observed(codeIndex: codeIndex, variable: contrast.variable, value: value)
                    line("| \(contrast.summary) | `\(code)` | \(contrast.variable) = \(value) | \(percent(probability)) | \(share(seen.count, of: seen.total)) |")
                }
            }
            if contrast.codes.count > 1 {
                let any = tally.contrastAny[index]
                for (value, count) in [(contrast.high.value, any.high), (contrast.low.value, any.low)] {
                    let total = tally.total(variable: contrast.variable, value: value)
                    line("| \(contrast.summary) | any of them | \(contrast.variable) = \(value) | | \(share(count, of: total)) |")
                }
            }
            if let others = contrast.others {
                line("| \(contrast.summary) | each code | everyone else | \(percent(others)) | |")
            }
        }
        line()

        line("## Intercoder agreement (participants coded by both C1 and C2)")
        line()
        line("C2 codes the same segments as C1 for the double-coded participants, but disagrees about whether a")
        line("code is present: for `\(PresenceModel.poorAgreementCode)` in round(\(percent(PresenceModel.poorAgreementFlip)) × double-coded) participants (poor")
        line("agreement: its Cohen's κ falls below the threshold 0.6); for every other code in")
        line("max(1, round(\(percent(PresenceModel.usualFlip)) × double-coded)) participants, but only if at least \(PresencePlan.minimumCellForFlips) double-coded")
        line("participants have the code and \(PresencePlan.minimumCellForFlips) do not (otherwise C2 agrees fully), so that no other code's κ")
        line("collapses by chance. A code C2 adds goes onto one of C1's segments; a code C2 drops loses its C2 rows.")
        line("Agreement below is on presence per participant (the table cells).")
        line()
        var pooled = (agree: 0, total: 0)
        for (index, code) in codes.enumerated() where code.id != PresenceModel.poorAgreementCode {
            let a = tally.agreement[index]
            pooled.agree += a.both + a.neither
            pooled.total += a.both + a.firstOnly + a.secondOnly + a.neither
        }
        line("| code | both | C1 only | C2 only | neither | percent agreement | Cohen's κ |")
        line("|---|---:|---:|---:|---:|---:|---:|")
        for (index, code) in codes.enumerated() {
            let a = tally.agreement[index]
            let n = a.both + a.firstOnly + a.secondOnly + a.neither
            line("| `\(code.id)` | \(a.both) | \(a.firstOnly) | \(a.secondOnly) | \(a.neither) | \(share(a.both + a.neither, of: n)) | \(kappa(a)) |")
        }
        line()
        line("All codes except `\(PresenceModel.poorAgreementCode)`, pooled: \(share(pooled.agree, of: pooled.total)) agreement.")
        line()

        line("## Base rates of the other codes")
        line()
        line("Codes without a planted difference are present with a base rate drawn from the seed between")
        line("\(percent(PresenceModel.baseRateRange.lowerBound)) and \(percent(PresenceModel.baseRateRange.upperBound)), the same for every group; `\(PresenceModel.poorAgreementCode)` is fixed at \(percent(PresenceModel.poorAgreementBaseRate)).")
        line()
        line("| code | category | base rate | observed (all participants) |")
        line("|---|---|---:|---:|")
        for (index, code) in codes.enumerated() {
            let planted = PresenceModel.contrasts.contains { $0.codes.contains(code.id) && $0.others == nil }
            var count = 0
            for group in 0..<InterviewTally.groups { count += tally.present[index * InterviewTally.groups + group] }
            let rate = planted ? "planted" : percent(model.baseRates[index])
            line("| `\(code.id)` | \(code.category.rawValue) | \(rate) | \(share(count, of: summary.participants)) |")
        }
        line()

        line("## Excerpts")
        line()
        line("Excerpts are short first-person interview sentences in the participant's language (en; kk or ru in")
        line("KZ, where \(percent(InterviewCoder.codeSwitching)) of segments switch to the other language; UK participants who speak ru")
        line("are interviewed in Russian, those with language `other` in English). They exercise CSV quoting:")
        line("\(tally.excerptsWithComma) segments hold a comma, \(tally.excerptsWithQuote) a double quote and \(tally.excerptsWithLineBreak) a line break.")
        line()

        line("## Surveys")
        line()
        line("Each respondent has a latent score per subscale; item answers load on it (reverse-coded items are")
        line("reversed), so items of a subscale correlate positively after reverse-scoring. About")
        line("\(percent(SurveyPlan.missingShare)) of cells are empty. Planted shifts of the latent answer (in SD units):")
        line()
        for shift in SurveyPlan.shifts where shift.planted {
            line("- `\(shift.item)`: \(shift.variable ?? "everyone") = \(shift.value ?? "all"): \(shift.shift > 0 ? "+" : "")\(fixed(shift.shift, digits: 1))")
        }
        line()
        line("| file | item | mean KZ | mean UK | empty cells |")
        line("|---|---|---:|---:|---:|")
        for survey in summary.surveys {
            let empty = share(survey.emptyCells, of: survey.emptyCells + survey.answeredCells)
            if survey.plantedItemAnswers.isEmpty {
                line("| \(survey.fileName) | (none planted) | | | \(empty) |")
            }
            for answers in survey.plantedItemAnswers {
                let means = answers.sums.indices.map { mean(answers.sums[$0], answers.counts[$0]) }
                line("| \(survey.fileName) | `\(answers.item)` | \(means[0]) | \(means[1]) | \(empty) |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// `0.25` → `25%`, `0.045` → `4.5%` (no locale, no `String(format:)`).
    static func percent(_ probability: Double) -> String {
        let tenths = Int((probability * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }

    /// `15 / 24 (62.5%)`.
    static func share(_ count: Int, of total: Int) -> String {
        guard total > 0 else { return "\(count) / 0" }
        let tenths = (count * 1000 + total / 2) / total
        return "\(count) / \(total) (\(tenths / 10).\(tenths % 10)%)"
    }

    static func mean(_ sum: Int, _ count: Int) -> String {
        count > 0 ? fixed(Double(sum) / Double(count), digits: 2) : "–"
    }

    /// A fixed-point rendering with `digits` decimals, half away from zero.
    static func fixed(_ value: Double, digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = scaled / scale, fraction = String(scaled % scale)
        return digits == 0
            ? "\(sign)\(whole)"
            : "\(sign)\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// Cohen's κ of presence by the two coders, or `–` when it is undefined.
    static func kappa(_ a: (both: Int, firstOnly: Int, secondOnly: Int, neither: Int)) -> String {
        let n = Double(a.both + a.firstOnly + a.secondOnly + a.neither)
        guard n > 0 else { return "–" }
        let observed = Double(a.both + a.neither) / n
        let first = Double(a.both + a.firstOnly) / n, second = Double(a.both + a.secondOnly) / n
        let expected = first * second + (1 - first) * (1 - second)
        guard expected < 1 else { return "–" }
        return fixed((observed - expected) / (1 - expected), digits: 2)
    }
}

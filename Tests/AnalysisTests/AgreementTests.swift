import Analysis
import Foundation
import Ingest
import Storage
import StudyModel
import Testing
import TestSupport

/// Intercoder agreement end to end: κ, AC1, PABAK, prevalence and α from the counts, the flag rule, the
/// median α, and the units of the coverage list.
@Suite struct AgreementTests {
    /// Twenty participants coded by C1 and C2 (both apply `role_communicator` everywhere). `bar_busy_job`:
    /// C1 on P01 only (the κ paradox: 19 of 20 agree). `bar_fundraising`: C1 on P01–P10, C2 on P06–P15
    /// (a = b = c = d = 5: chance agreement).
    static func twentyParticipants() throws -> StudyFixture {
        let ids = (1...20).map { String(format: "P%02d", $0) }
        var segments = "segment_id,participant_id,code,coder\n"
        for (index, id) in ids.enumerated() {
            for coder in ["C1", "C2"] { segments += "S\(id),\(id),role_communicator,\(coder)\n" }
            if index == 0 { segments += "S\(id),\(id),bar_busy_job,C1\n" }
            if index < 10 { segments += "F\(id),\(id),bar_fundraising,C1\n" }
            if index >= 5 && index < 15 { segments += "F\(id),\(id),bar_fundraising,C2\n" }
        }
        return try StudyFixture(
            participants: "participant_id,country,role\n" + ids.map { "\($0),KZ,mother\n" }.joined(),
            segments: segments, survey: nil)
    }

    @Test func aRareCodeTheCodersAgreeOnIsNotFlagged() throws {
        let table = try analysed(try Self.twentyParticipants()).agreement("intercoder-agreement")
        #expect(table.participants == 20)
        #expect(table.unitSource == .segments)
        let busy = try #require(table.codes.first { $0.code == "bar_busy_job" })
        #expect(busy.units == 20)
        #expect(busy.presentFirst == 1 && busy.presentSecond == 0)
        // R (reference/compute_reference.R, agreement_binary, the paradox case): κ = 0, AC1 = 0.9474375821287779,
        // PABAK = 0.9, prevalence 0.025, prevalence index −0.95, α = 0.
        #expect(busy.kappa == 0)
        #expect(isClose(busy.ac1, 0.9474375821287779, relative: 1e-12))
        #expect(isClose(busy.pabak, 0.9, relative: 1e-12))
        #expect(isClose(busy.prevalence, 0.025, relative: 1e-12))
        #expect(isClose(busy.prevalenceIndex, -0.95, relative: 1e-12))
        #expect(busy.alpha == 0)
        #expect(!busy.flagged)
    }

    @Test func chanceAgreementIsFlagged() throws {
        let table = try analysed(try Self.twentyParticipants()).agreement("intercoder-agreement")
        let fundraising = try #require(table.codes.first { $0.code == "bar_fundraising" })
        // a = b = c = d = 5: pₒ = 0.5 = pₑ, so κ = AC1 = PABAK = 0; α = 1 − 39 · 10 / (20 · 20) = 0.025.
        #expect(fundraising.kappa == 0 && fundraising.ac1 == 0 && fundraising.pabak == 0)
        #expect(isClose(fundraising.alpha, 0.025, relative: 1e-12))
        #expect(fundraising.flagged)
        let communicator = try #require(table.codes.first { $0.code == "role_communicator" })
        // Present for both everywhere: κ and α undefined, AC1 = 1 (π = 1, pₑ = 0): not flagged.
        #expect(communicator.kappa == nil && communicator.alpha == nil && communicator.ac1 == 1 && !communicator.flagged)
        #expect(table.codes.filter(\.flagged).map(\.code) == ["bar_fundraising"])
        // α is defined for two codes (0 and 0.025): their median.
        #expect(table.alphaCodes == 2)
        #expect(isClose(table.medianAlpha, 0.0125, relative: 1e-12))
    }

    @Test func theFlagRule() {
        #expect(!AgreementResult.flags(kappa: 0, ac1: 0.947, threshold: 0.6))  // rare code: κ alone would flag it
        #expect(AgreementResult.flags(kappa: 0.2, ac1: 0, threshold: 0.6))
        #expect(!AgreementResult.flags(kappa: 0.7, ac1: 0.5, threshold: 0.6))
        #expect(AgreementResult.flags(kappa: nil, ac1: 0.5, threshold: 0.6))  // κ undefined: AC1 alone
        #expect(!AgreementResult.flags(kappa: nil, ac1: nil, threshold: 0.6))  // no units
    }

    /// UK-2 was assigned to C1 too, who applied no code, and KZ-3 to both, who applied none: with the
    /// coverage list both are units, and C2's open day on UK-2 is a disagreement.
    @Test func theCoverageListAddsParticipantsCodedWithNoCode() throws {
        let coverage = """
            participant_id,coder
            UK-1,C1
            UK-1,C2
            UK-2,C1
            UK-2,C2
            KZ-3,C1
            KZ-3,C2

            """
        let table = try analysed(try StudyFixture(coverage: coverage)).agreement("intercoder-agreement")
        #expect(table.unitSource == .coverage)
        #expect(table.participants == 3)
        let openDay = try #require(table.codes.first { $0.code == "act_open_day" })
        #expect(openDay.units == 3)
        #expect([openDay.presentFirst, openDay.presentSecond] == [0, 1])
        // a = 0, b = 0, c = 1, d = 2: pₒ = 2/3, pₑ = 2/3, κ = 0; π = 1/6, AC1 = (2/3 − 5/18)/(13/18) = 7/13.
        #expect(isClose(openDay.kappa, 0, relative: 1e-12))
        #expect(isClose(openDay.ac1, 7.0 / 13.0, relative: 1e-12))
        #expect(openDay.flagged)
        // Without the list, only UK-1 (a segment by each coder) is a unit and the open day is not seen.
        let without = try analysed(try StudyFixture()).agreement("intercoder-agreement")
        #expect(without.participants == 1)
        #expect(without.codes.first { $0.code == "act_open_day" }?.presentSecond == 0)
    }

    @Test func everyCoverageProblemIsReportedWithItsPlace() throws {
        let coverage = """
            participant_id,coder
            UK-1,C1
            UK-9,C2
            UK-1,C3
            UK-1,C1
            UK-2,
            UK-2,c2
            UK-2,C3

            """
        let fixture = try StudyFixture(survey: nil, coverage: coverage)
        let store = try StudyStore.inMemory()
        let error = #expect(throws: InputProblems.self) { try StudyIngester(studyDirectory: fixture.directory).ingest(into: store) }
        let lines = (error?.description ?? "").split(separator: "\n").map {
            String($0).replacingOccurrences(of: fixture.directory + "/", with: "")
        }
        #expect(lines == [
            "coverage.csv:3:1: participant_id: participant id not found in participants.csv",
            "coverage.csv:4:2: coder: 'C3' coded no segment in segments.csv and is not in coding.analysed_coders",
            "coverage.csv:5:2: coder: the same assignment twice (first on line 2)",
            "coverage.csv:6:2: coder: empty value; every assignment needs a coder",
            "coverage.csv:7:2: coder: 'c2' coded no segment in segments.csv and is not in coding.analysed_coders (did you mean 'C2'?)",
        ])
    }

    /// The coverage list is an input like any other: fingerprinted, so changing it makes the store stale.
    @Test func theCoverageListIsFingerprinted() throws {
        let fixture = try StudyFixture(survey: nil, coverage: "participant_id,coder\nUK-2,C1\nUK-2,C2\n")
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        let summary = try ingester.ingest(into: store)
        let file = try #require(summary.files.first { $0.path == "coverage.csv" })
        #expect(file.kind == "coverage" && file.recordCount == 2)
        #expect(try ingester.changedFiles(since: store) == [])
        try fixture.write("participant_id,coder\nUK-2,C1\n", to: "coverage.csv")
        #expect(try ingester.changedFiles(since: store) == ["coverage.csv"])
    }
}

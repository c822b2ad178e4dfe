import Foundation
import Ingest
import StudyModel
import Testing
import TestSupport

/// A survey item may name the codes it measures (`measures:`), which joint displays set side by side.
@Suite struct MeasuredCodeTests {
    /// An instrument with one three-point item `q3` and the given extra keys on it.
    func instrument(_ keys: String, level: String = "ordinal") -> String {
        """
        id: mini
        version: "1"
        title: {en: Mini survey, ru: Мини-анкета, kk: Шағын сауалнама}
        respondents: parent
        scales:
          - id: agree
            level: \(level)
            values:
              - {value: 1, label: {en: Disagree, ru: Нет, kk: Жоқ}}
              - {value: 2, label: {en: Neutral, ru: Так себе, kk: Орташа}}
              - {value: 3, label: {en: Agree, ru: Да, kk: Иә}}
        items:
          - {id: q1, text: {en: Q1, ru: В1, kk: С1}, scale: agree}
          - {id: q2, text: {en: Q2, ru: В2, kk: С2}, scale: agree}
          - {id: q3, text: {en: Q3, ru: В3, kk: С3}, scale: agree\(keys)}
        """
    }

    @Test func anItemMeasuresCodesOfTheCodebook() throws {
        let fixture = try StudyFixture()
        try fixture.write(instrument(", measures: [bar_nothing, bar_busy_job]"), to: "mini.yml")
        let version = try codebookVersion(fixture)
        #expect(try problems(of: fixture) == ["mini.yml: item 'q3': measures unknown code 'bar_nothing' (not in codebook \(version))"])
    }

    @Test(arguments: [
        (", direction: agree", "item 'q3': direction without measures"),
        (", measures: []", "item 'q3': measures names no code"),
    ])
    func aBrokenLinkIsAnError(_ keys: String, _ message: String) throws {
        let fixture = try StudyFixture()
        try fixture.write(instrument(keys), to: "mini.yml")
        let found = try problems(of: fixture)
        #expect(found.contains { $0.hasSuffix(message) }, "\(found)")
    }

    @Test func aNominalItemMeasuresNothing() throws {
        let fixture = try StudyFixture()
        try fixture.write(instrument(", measures: [bar_busy_job]", level: "nominal"), to: "mini.yml")
        #expect(try problems(of: fixture).contains {
            $0.hasSuffix("item 'q3': measures needs an ordinal scale of two or more values ('agree' is not)")
        })
    }

    /// The present answers: above the scale's middle for `agree` (3 of 1–3), below it for `disagree`.
    @Test func presentValuesFollowTheDirection() throws {
        let scale = ResponseScale(id: "s", level: .ordinal, values: (1...5).map { .init(value: $0, label: LocalizedText(en: "\($0)", ru: "", kk: "")) })
        var item = SurveyItem(id: "x", text: LocalizedText(en: "", ru: "", kk: ""), scale: "s")
        item.measures = ["bar_busy_job"]
        #expect(item.presentValues(on: scale) == [4, 5])
        item.direction = .disagree
        #expect(item.presentValues(on: scale) == [1, 2])
    }

    private func codebookVersion(_ fixture: StudyFixture) throws -> String {
        let text = try String(contentsOfFile: fixture.directory + "/codebook.yml", encoding: .utf8)
        return text.split(separator: "\n").first { $0.hasPrefix("version:") }!
            .dropFirst("version:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}

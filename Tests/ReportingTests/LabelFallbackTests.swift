import Analysis
import Foundation
import Ingest
import Reporting
import Storage
import StudyModel
import Testing
import TestSupport

/// Code labels given in fewer languages than the catalogs have fall back to a language they have, and every
/// report says how many do, in its own language.
@Suite struct LabelFallbackTests {
    /// The fixture study with `bar_busy_job` labelled in English only and `bar_low_efficacy` in Kazakh only.
    static func files(language: String) throws -> [(path: String, contents: String)] {
        let codebook = StudyFixture.codebook
            .replacingOccurrences(of: "label: {en: Busy job, ru: Занятость, kk: Жұмыс}", with: "label: {en: Busy job}")
            .replacingOccurrences(of: "label: {en: Low efficacy, ru: Неуверенность, kk: Сенімсіздік}", with: "label: {kk: Сенімсіздік}")
        #expect(codebook != StudyFixture.codebook)
        let fixture = try StudyFixture(codebook: codebook)
        defer { try? FileManager.default.removeItem(atPath: fixture.directory) }
        let store = try StudyStore.inMemory()
        let ingester = try StudyIngester(studyDirectory: fixture.directory)
        try ingester.ingest(into: store)
        let results = try StudyAnalysis(manifest: ingester.manifest, store: store).run()
        return try ReportBuilder(results: results, language: Language(rawValue: language), suppression: false).files()
    }

    static let russianNote = "Названия кодов, которых нет на русском языке (показаны по-английски): 1."
        + " Названия кодов, которых нет на русском языке (показаны по-казахски): 1."

    @Test func aRussianReportShowsTheLabelsItHasAndSaysSo() throws {
        let files = try Self.files(language: "ru")
        let tables = try #require(file("tables.txt", in: files))
        let header = tables.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
        #expect(header[1].hasPrefix("БЕЗ КОНТРОЛЯ РАСКРЫТИЯ"))
        #expect(header[2] == Self.russianNote)
        #expect(header[3] == "")
        #expect(tables.contains("Busy job"))
        #expect(tables.contains("Сенімсіздік"))
        #expect(tables.contains("Язык"))  // a label the codebook gives in Russian
        #expect(try #require(file("tables.md", in: files)).contains("\n" + Self.russianNote + "\n"))
        #expect(try #require(file("summary.txt", in: files)).contains("\n" + Self.russianNote + "\n\n"))
        #expect(try #require(file("summary.ru.txt", in: files)).contains("\n" + Self.russianNote + "\n\n"))
        #expect(try #require(file("report.html", in: files)).contains("<p class=\"labels\">" + Self.russianNote + "</p>"))
        // Each summary in its own language: Kazakh lacks one (English), English lacks one (Kazakh).
        #expect(try #require(file("summary.kk.txt", in: files)).contains(
            "\nҚазақ тілінде берілмеген код атаулары (ағылшын тілінде көрсетілген): 1.\n\n"))
        #expect(try #require(file("summary.en.txt", in: files)).contains("\nCode labels not given in English (shown in Kazakh): 1.\n\n"))
    }

    @Test func anEnglishReportShowsAKazakhOnlyLabel() throws {
        let files = try Self.files(language: "en")
        let tables = try #require(file("tables.txt", in: files))
        #expect(tables.contains("Сенімсіздік"))
        #expect(tables.contains("\nCode labels not given in English (shown in Kazakh): 1.\n\n"))
    }

    @Test func noNoteWhereEveryLabelHasTheLanguage() throws {
        let results = try fixtureResults()
        for language in ["en", "ru", "kk"] {
            let files = try ReportBuilder(results: results, language: Language(rawValue: language), suppression: false).files()
            let tables = try #require(file("tables.txt", in: files))
            #expect(tables.split(separator: "\n", omittingEmptySubsequences: false)[2] == "")
            #expect(!(try #require(file("report.html", in: files))).contains("class=\"labels\""))
        }
    }
}

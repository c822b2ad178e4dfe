import Analysis
import Reporting
import StudyModel
import Testing

@Suite struct LanguageTests {
    @Test func everyReportCarriesTheSummaryInThreeLanguages() throws {
        let files = try ReportBuilder(results: try fixtureResults(), suppression: false).files()
        let russian = try #require(file("summary.ru.txt", in: files))
        #expect(russian.contains("В выборке 6 опрошенных участников: 3 в Казахстане и 3 в Великобритании."))
        #expect(russian.hasPrefix("БЕЗ КОНТРОЛЯ РАСКРЫТИЯ (--no-suppression)"))
        // Russian and Kazakh write a decimal comma: 2 of 3 is 66,7%, its interval 20,8–93,9.
        #expect(russian.contains("(2 из 3, 66,7%, 95% ДИ 20,8–93,9)"))
        let kazakh = try #require(file("summary.kk.txt", in: files))
        #expect(kazakh.contains("Іріктемеде сұхбат берген 6 қатысушы бар: Қазақстанда 3 және Ұлыбританияда 3."))
        let english = try #require(file("summary.en.txt", in: files))
        #expect(english.contains("The sample has 6 interviewed participants: 3 in Kazakhstan and 3 in the United Kingdom."))
        #expect(file("summary.txt", in: files) == english)
    }

    @Test func theReportLanguageReachesTablesHeadingsAndLabels() throws {
        let files = try ReportBuilder(results: try fixtureResults(), language: Language(rawValue: "kk"), suppression: false).files()
        let html = try #require(file("report.html", in: files))
        #expect(html.contains("<html lang=\"kk\">"))
        #expect(html.contains("<h2>Мазмұны</h2>"))
        let text = try #require(file("tables.txt", in: files))
        #expect(text.contains("Елдер бойынша кедергілер"))
        #expect(text.contains("\n  Жұмыс "))  // the codebook's Kazakh label of bar_busy_job
        #expect(text.contains("База (қатысушылар)"))
        #expect(text.contains("66,7  20,8–93,9"))
        let csv = try #require(file("tables/barriers-by-country.csv", in: files))
        #expect(csv.contains(",66.7,20.8,93.9,"))  // data files keep the decimal point
    }
}

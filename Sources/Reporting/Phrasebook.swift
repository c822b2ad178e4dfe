import Foundation
import StudyModel

/// The sentences and words of reports in English, Russian and Kazakh.
///
/// A phrase is a template with named slots (`{n}`); ``callAsFunction(_:_:)`` fills them. Sentences avoid
/// constructions whose grammar depends on a number (Russian and Kazakh inflect nouns after numerals
/// differently from English): counts stand after a dash or in brackets ("матери — 48").
struct Phrasebook {
    let language: Language

    enum Key: CaseIterable {
        case summaryTitle, sampleHas, inPlaceCount, byRole, roleCount, suppressedRoles, analysedCoding
        case topBarriers, labelShare, share, suppressedShare, noDifference, differenceItem
        case noComparisonDifference, comparisonDifferences, comparisonItem, withinItem, smallBases, smallBaseItem
        case agreementNone, agreementOverall, agreementNoFlag, agreementFlagged, agreementItem
        case surveyRespondents, surveyNoDifference, surveyDifferences, surveyItem, scaleAlpha, baseTooSmall
        case howToRead, and, barriers, activities, items, theCountries
        case disclosureOn, disclosureOff
        case cellsParticipants, cellsSample, intervalsShown, intervalsInCSV
        case baseParticipants, noTestSample, noTestGroups, testsNote, withheldNote, oddsRatioNote, withheld, method
        case contents, summary, charts, tables, provenance, inputs, version, comparisonTitle
        case comparisonNote, pooled, agreementNote, agreementNoUnits, agreementFlagNone, agreementFlagList
        case present, agree, flag, below, notObserved, surveyNote, answered, noAnswer
        case chartBarriersByCountry, captionBarriersByCountry, chartFathersMothers, captionFathersMothers
        case chartHeatMap, captionHeatMap, chartAgreement, captionAgreement, axisMentioning
        case itemChiSquare, itemChiWithheld, itemChiNone, itemMannWhitney, itemMannWhitneyNone, exact, normalCC
        case scalesNote, scaleNone, scaleLine, scaleReversed, item, itemRest, alphaIfDeleted
        case segNote, ci95, groupsTested, groupsTestedNote, adjustedP, pooledTest, pooledCMH, pooledFisher
        case itemChiSubset, itemMannWhitneyWithheld, scaleWithheld, agreementWithheld, overallAlphaWithheld
        case auditLine, fullCellsHidden, comparisonItemPooled
        case factorCategoriesName, activityTypesName, groupRowsLead, notTested, rangeItem, testsWithheld, withinGroup
        case differencesWithin, differencesWithinMany, surveyRespondentsHidden, family, oddsRatioCI, heatLegend, untestedNote
        case inputFile, inputKind, inputRecords
    }

    static let phrases: [Key: (en: String, ru: String, kk: String)] = [
        .summaryTitle: ("Summary of {study}, version {version}", "Сводка: {study}, версия {version}", "Қорытынды: {study}, нұсқа {version}"),
        .sampleHas: ("The sample has {n} interviewed participants: {list}.", "В выборке {n} опрошенных участников: {list}.", "Іріктемеде сұхбат берген {n} қатысушы бар: {list}."),
        .inPlaceCount: ("{n} {inPlace}", "{n} {inPlace}", "{inPlace} {n}"),
        .byRole: (" By role: {list}.", " По ролям: {list}.", " Рөлдер бойынша: {list}."),
        .roleCount: ("{role} {n}", "{role} — {n}", "{role} — {n}"),
        .suppressedRoles: ("roles with cells below {k} (suppressed) {n}", "роли с ячейками меньше {k} (скрыты) — {n}", "{k}-тен аз ұяшықтары бар рөлдер (жасырылған) — {n}"),
        .analysedCoding: (" The analysed coding (coder policy: {coders}) has {segments} coded segments carrying {applications} code applications.", " Анализируемое кодирование (порядок кодировщиков: {coders}): закодированных фрагментов — {segments}, применений кодов — {applications}.", " Талданатын кодтау (кодтаушылар тәртібі: {coders}): кодталған үзінділер — {segments}, код қолданулары — {applications}."),
        .topBarriers: ("{InPlace} the barriers mentioned most often were {list}.", "{InPlace} чаще всего назывались барьеры: {list}.", "{InPlace} қатысушылар ең жиі атаған кедергілер: {list}."),
        .labelShare: ("{label} ({share})", "{label} ({share})", "{label} ({share})"),
        .share: ("{n} of {base}, {pct}%, 95% CI {ci}", "{n} из {base}, {pct}%, 95% ДИ {ci}", "{base} ішінен {n}, {pct}%, 95% СА {ci}"),
        .suppressedShare: ("fewer than {k} (suppressed)", "меньше {k} (скрыто)", "{k}-тен аз (жасырылған)"),
        .noDifference: ("No {what} differed between {between} after adjustment (Benjamini–Hochberg across {n} {whats}).", "Ни один показатель ({what}) не различался между {between} после поправки (Бенджамини–Хохберг, {n}).", "Түзетуден кейін {between} арасында ешбір көрсеткіш ({what}) ерекшеленбеді (Бенджамини–Хохберг, {n})."),
        .differenceItem: ("{label}: {share1} {inFirst} against {share2} {inSecond}; odds ratio {or}, Fisher {p}, adjusted {adjusted}", "{label}: {share1} {inFirst} против {share2} {inSecond}; отношение шансов {or}, Фишер {p}, с поправкой {adjusted}", "{label}: {inFirst} {share1}, {inSecond} {share2}; мүмкіндіктер қатынасы {or}, Фишер {p}, түзетілген {adjusted}"),
        .noComparisonDifference: ("{Group0} and {group1} did not differ on any barrier after adjustment (Cochran–Mantel–Haenszel, stratified by {within}, {n} barriers).", "{Group0} и {group1} не различались ни по одному барьеру после поправки (Кохран–Мантель–Хензель со стратификацией по признаку «{within}», барьеров: {n}).", "Түзетуден кейін {group0} мен {group1} ешбір кедергі бойынша ерекшеленбеді (Кохран–Мантель–Хензель, «{within}» бойынша жіктелген, кедергілер: {n})."),
        .comparisonDifferences: ("{Group0} and {group1} differed on {m} of the {n} barriers whose tests are published ({group0} first; the strongest {s}): {items}.", "{Group0} и {group1} различались по {m} из {n} барьеров с опубликованными тестами (сначала {group0}; самые сильные — {s}): {items}.", "{Group0} мен {group1} тесттері жарияланған {n} кедергінің {m} бойынша ерекшеленді (алдымен {group0}; ең күштілері — {s}): {items}."),
        .comparisonItem: ("{label}: {within}; common odds ratio {or} (95% CI {lower}–{upper}), CMH {p}, adjusted {adjusted}", "{label}: {within}; общее отношение шансов {or} (95% ДИ {lower}–{upper}), CMH {p}, с поправкой {adjusted}", "{label}: {within}; ортақ мүмкіндіктер қатынасы {or} (95% СА {lower}–{upper}), CMH {p}, түзетілген {adjusted}"),
        .withinItem: ("{place} {share1} against {share2}", "{place}: {share1} против {share2}", "{place}: {share1} және {share2}"),
        .smallBases: ("Bases are small ({list}; below {k} is too small to conclude anything): read the within-country comparisons as descriptive.", "Базы малы ({list}; меньше {k} — слишком мало для выводов): сравнения внутри стран следует читать как описательные.", "Базалар шағын ({list}; {k}-тен аз болса, қорытынды жасауға тым аз): ел ішіндегі салыстыруларды сипаттамалық деп оқыңыз."),
        .smallBaseItem: ("{inPlace} {n1} {group0} and {n2} {group1}", "{inPlace}: {group0} — {n1}, {group1} — {n2}", "{inPlace}: {group0} — {n1}, {group1} — {n2}"),
        .agreementNone: ("No participant was coded twice, so intercoder agreement is unknown.", "Ни один участник не был закодирован дважды, поэтому согласованность кодировщиков неизвестна.", "Бірде-бір қатысушы екі рет кодталмаған, сондықтан кодтаушылар келісімі белгісіз."),
        .agreementOverall: ("Intercoder agreement: {n} participants were coded by {coders}; overall Krippendorff's α = {alpha}.", "Согласованность кодировщиков: участников, закодированных {coders}, — {n}; общий α Криппендорфа = {alpha}.", "Кодтаушылар келісімі: {coders} кодтаған қатысушылар — {n}; жалпы Криппендорф α = {alpha}."),
        .agreementNoFlag: (" No code fell below κ = {t}.", " Ни один код не оказался ниже κ = {t}.", " Бірде-бір код κ = {t} мәнінен төмен болмады."),
        .agreementFlagged: (" Below κ = {t}, and to be read with caution: {list}.", " Ниже κ = {t} (читать с осторожностью): {list}.", " κ = {t} мәнінен төмен (сақтықпен оқыңыз): {list}."),
        .agreementItem: ("{label} (κ = {kappa}, {pct}% agreement)", "{label} (κ = {kappa}, согласие {pct}%)", "{label} (κ = {kappa}, келісім {pct}%)"),
        .surveyRespondents: ("{title}: {n} respondents ({list}).", "{title}: респондентов — {n} ({list}).", "{title}: респонденттер — {n} ({list})."),
        .surveyNoDifference: ("No item differed between {groups} after adjustment (Mann–Whitney, {n} items).", "Ни один вопрос не различался между группами ({groups}) после поправки (Манн–Уитни, вопросов: {n}).", "Түзетуден кейін топтар ({groups}) арасында бірде-бір сұрақ ерекшеленбеді (Манн–Уитни, сұрақтар: {n})."),
        .surveyDifferences: ("Items that differed between {groups} (Mann–Whitney, adjusted across {n} items; r > 0: {group0} higher): {list}.", "Вопросы, по которым различались группы ({groups}) (Манн–Уитни, поправка по {n} вопросам; r > 0: выше у группы «{group0}»): {list}.", "Топтар ({groups}) ерекшеленген сұрақтар (Манн–Уитни, {n} сұрақ бойынша түзетілген; r > 0: «{group0}» тобында жоғары): {list}."),
        .surveyItem: ("{id} \"{text}\" (rank-biserial r = {r}, adjusted {p})", "{id} «{text}» (рангово-бисериальный r = {r}, с поправкой {p})", "{id} «{text}» (рангтық-бисериалдық r = {r}, түзетілген {p})"),
        .scaleAlpha: (" Scale \"{label}\": Cronbach's α = {alpha} (n = {n}).", " Шкала «{label}»: α Кронбаха = {alpha} (n = {n}).", " «{label}» шкаласы: Кронбах α = {alpha} (n = {n})."),
        .baseTooSmall: ("The base of {place} ({n}) is below {k}: too small to conclude anything.", "База ({place}: {n}) меньше {k} — слишком мала для выводов.", "База ({place}: {n}) {k}-тен аз — қорытынды жасауға тым аз."),
        .howToRead: (
            "How to read this: percentages are of all participants of a group, including those with no coded segment, with 95% Wilson intervals; a participant counts once per row however many segments they have. Each row of a table is tested on its own (Fisher's exact test; pooled over countries with the Cochran–Mantel–Haenszel test), and p-values are adjusted with Benjamini–Hochberg across the rows of the table. \"Differed\" means an adjusted p below {level}; everything else is described, not claimed.",
            "Как читать: проценты рассчитаны от всех участников группы, включая тех, у кого нет закодированных фрагментов, с 95% интервалами Уилсона; участник учитывается в строке один раз, сколько бы фрагментов у него ни было. Каждая строка таблицы проверяется отдельно (точный тест Фишера; по странам вместе — тест Кохрана–Мантеля–Хензеля), p-значения скорректированы методом Бенджамини–Хохберга по строкам таблицы. «Различались» означает скорректированное p ниже {level}; всё остальное описывается, но не утверждается.",
            "Қалай оқу керек: пайыздар топтың барлық қатысушыларынан, соның ішінде кодталған үзіндісі жоқтарынан да есептелген, Уилсонның 95% аралықтарымен; қатысушы жолда үзінділері қанша болса да бір рет есептеледі. Кестенің әр жолы жеке тексеріледі (Фишердің нақты тесті; елдер бірге — Кохран–Мантель–Хензель тесті), p-мәндері кесте жолдары бойынша Бенджамини–Хохберг әдісімен түзетілген. «Ерекшеленді» дегені түзетілген p {level} мәнінен төмен дегенді білдіреді; қалғаны тек сипатталады."),
        .and: ("and", "и", "және"),
        .barriers: ("barriers", "барьеры", "кедергілер"),
        .activities: ("activities", "мероприятия", "іс-шаралар"),
        .items: ("items", "вопросы", "сұрақтар"),
        .theCountries: ("the countries", "странами", "елдер"),
        .disclosureOn: (
            "Disclosure control: counts from 1 to {max} are suppressed (*){full}, with complementary suppression checked across all tables together, so that no small hidden count can be narrowed to fewer than {k} values (disclosure-audit.csv); tests use only published counts, and segment counts are not published per cell.",
            "Контроль раскрытия: значения от 1 до {max} скрыты (*){full}, с дополнительным скрытием, проверенным по всем таблицам вместе, так что ни одно малое скрытое значение нельзя сузить меньше чем до {k} вариантов (disclosure-audit.csv); тесты используют только опубликованные значения, число фрагментов по ячейкам не публикуется.",
            "Ашып көрсетуді бақылау: 1–{max} аралығындағы сандар жасырылған (*){full}, барлық кестелер бойынша бірге тексерілген қосымша жасыру қолданылған, сондықтан ешбір жасырылған шағын санды {k} мәннен азға тарылту мүмкін емес (disclosure-audit.csv); тесттер тек жарияланған сандарды пайдаланады, ұяшықтар бойынша үзінділер саны жарияланбайды."),
        .disclosureOff: (
            "NO DISCLOSURE CONTROL (--no-suppression): small counts are shown. For internal work only; do not publish.",
            "БЕЗ КОНТРОЛЯ РАСКРЫТИЯ (--no-suppression): малые значения показаны. Только для внутренней работы; не публиковать.",
            "АШЫП КӨРСЕТУДІ БАҚЫЛАУСЫЗ (--no-suppression): шағын сандар көрсетілген. Тек ішкі жұмыс үшін; жарияламаңыз."),
        .cellsParticipants: (
            "Cells: participants with at least one analysed segment of the row's codes (% of all participants of the column, including those with no segment{intervals}).",
            "Ячейки: участники хотя бы с одним анализируемым фрагментом с кодами строки (% от всех участников столбца, включая тех, у кого нет фрагментов{intervals}).",
            "Ұяшықтар: жолдың кодтары бар кемінде бір талданатын үзіндісі бар қатысушылар (бағанның барлық қатысушыларынан %, үзіндісі жоқтарды қоса{intervals})."),
        .cellsSample: ("Cells: participants (% of the column's participants).", "Ячейки: участники (% от участников столбца).", "Ұяшықтар: қатысушылар (бағандағы қатысушылардан %)."),
        .intervalsShown: ("; 95% Wilson interval", "; 95% интервал Уилсона", "; Уилсонның 95% аралығы"),
        .intervalsInCSV: ("; 95% Wilson intervals in the tidy CSV", "; 95% интервалы Уилсона — в CSV", "; Уилсонның 95% аралықтары — CSV файлында"),
        .baseParticipants: ("Base (participants)", "База (участники)", "База (қатысушылар)"),
        .noTestSample: ("No test: the sample table describes who was interviewed.", "Без теста: таблица выборки описывает, кто был опрошен.", "Тест жоқ: іріктеме кестесі кімдермен сұхбат жүргізілгенін сипаттайды."),
        .noTestGroups: ("No test: fewer than two column groups have participants.", "Без теста: меньше двух групп столбцов с участниками.", "Тест жоқ: қатысушылары бар баған топтары екіден аз."),
        .testsNote: (
            "Tests per row (mentioned / not mentioned × the {groups} groups with participants): Fisher's exact test (two-sided as in R; MC = seeded Monte Carlo with that many draws where exact enumeration is infeasible), Pearson's χ² and the likelihood ratio G² without continuity correction, Cramér's V; min E = smallest expected count, E<5 = cells with expected count below 5. adj. p = Fisher p adjusted with Benjamini–Hochberg within: {families}.",
            "Тесты по строкам (назвали / не назвали × группы с участниками, число групп: {groups}): точный тест Фишера (двусторонний, как в R; MC — Монте-Карло с фиксированным зерном и указанным числом выборок, если полный перебор невозможен), χ² Пирсона и отношение правдоподобия G² без поправки на непрерывность, V Крамера; min E — наименьшая ожидаемая частота, E<5 — ячейки с ожидаемой частотой меньше 5. adj. p — p Фишера с поправкой Бенджамини–Хохберга внутри: {families}.",
            "Жолдар бойынша тесттер (атады / атамады × қатысушылары бар {groups} топ): Фишердің нақты тесті (R-дағыдай екі жақты; MC — толық санау мүмкін болмаса, бекітілген бастапқы мәнмен Монте-Карло), үздіксіздікке түзетусіз Пирсон χ² және шындыққа ұқсастық қатынасы G², Крамер V; min E — ең аз күтілетін жиілік, E<5 — күтілетін жиілігі 5-тен аз ұяшықтар. adj. p — Бенджамини–Хохберг бойынша түзетілген Фишер p: {families}."),
        .withheldNote: (" withheld = fewer than two groups of the row have published counts, and a test or an effect size could give a hidden count away.", " не приводится — опубликованные значения есть меньше чем у двух групп строки, а тест или размер эффекта могли бы раскрыть скрытое значение.", " келтірілмейді — жолдың жарияланған сандары бар топтары екіден аз, ал тест немесе әсер өлшемі жасырылған санды ашып қоюы мүмкін."),
        .oddsRatioNote: (
            " OR = odds ratio of mentioning in the first group against the second (Woolf interval; † = 0.5 added to every cell because one was 0); RD = risk difference, first minus second.",
            " ОШ — отношение шансов упоминания в первой группе по сравнению со второй (интервал Вулфа; † — ко всем ячейкам добавлено 0,5, так как одна была равна 0); RD — разность рисков, первая минус вторая.",
            " МҚ — бірінші топта атау мүмкіндігінің екіншіге қатынасы (Вулф аралығы; † — бір ұяшық 0 болғандықтан, барлық ұяшыққа 0,5 қосылған); RD — тәуекелдер айырмасы, біріншісі минус екіншісі."),
        .withheld: ("withheld", "не приводится", "келтірілмейді"),
        .method: ("method", "метод", "әдіс"),
        .contents: ("Contents", "Содержание", "Мазмұны"),
        .summary: ("Summary", "Сводка", "Қорытынды"),
        .charts: ("Charts", "Диаграммы", "Диаграммалар"),
        .tables: ("Tables", "Таблицы", "Кестелер"),
        .provenance: ("Provenance", "Происхождение данных", "Деректердің шығу тегі"),
        .inputs: ("Inputs (SHA-256)", "Входные файлы (SHA-256)", "Кіріс файлдары (SHA-256)"),
        .version: ("Version {version}; codebook {codebook}; analyze {tool}.", "Версия {version}; кодовая книга {codebook}; analyze {tool}.", "Нұсқа {version}; кодтар кітабы {codebook}; analyze {tool}."),
        .comparisonTitle: ("{rows}: {groups}, within each {within} and pooled", "{rows}: {groups}, внутри каждой категории «{within}» и в целом", "{rows}: {groups}, әр «{within}» ішінде және жалпы"),
        .comparisonNote: (
            "Cells: participants who mentioned the row's codes / all participants of the group (%). Within each {within}: Fisher's exact test and the odds ratio of {group0} against {group1} (Woolf interval; † = 0.5 added to every cell because one was 0). Pooled: the Cochran–Mantel–Haenszel χ² (1 df, no continuity correction) stratified by {within}, with the Mantel–Haenszel common odds ratio (Robins–Breslow–Greenland interval), where every stratum's counts are published; otherwise Fisher's exact test of the pooled counts with their odds ratio (Woolf interval); the pooled p adjusted with Benjamini–Hochberg within: {families}.",
            "Ячейки: участники, назвавшие коды строки / все участники группы (%). Внутри каждой категории «{within}»: точный тест Фишера и отношение шансов ({group0} / {group1}; интервал Вулфа; † — ко всем ячейкам добавлено 0,5, так как одна была равна 0). В целом: χ² Кохрана–Мантеля–Хензеля (1 ст. св., без поправки на непрерывность) со стратификацией по «{within}», общее отношение шансов Мантеля–Хензеля (интервал Робинса–Бреслоу–Гренланда), если значения всех страт опубликованы; иначе точный тест Фишера по объединённым значениям с отношением шансов (интервал Вулфа); p объединённого теста с поправкой Бенджамини–Хохберга внутри: {families}.",
            "Ұяшықтар: жолдың кодтарын атаған қатысушылар / топтың барлық қатысушылары (%). Әр «{within}» ішінде: Фишердің нақты тесті және мүмкіндіктер қатынасы ({group0} / {group1}; Вулф аралығы; † — бір ұяшық 0 болғандықтан, барлық ұяшыққа 0,5 қосылған). Жалпы: «{within}» бойынша жіктелген Кохран–Мантель–Хензель χ² (1 еркіндік дәрежесі, үздіксіздікке түзетусіз), Мантель–Хензельдің ортақ мүмкіндіктер қатынасы (Робинс–Бреслоу–Гренланд аралығы), егер барлық страталардың сандары жарияланса; әйтпесе біріктірілген сандар бойынша Фишердің нақты тесті мүмкіндіктер қатынасымен (Вулф аралығы); Бенджамини–Хохберг бойынша түзетілген жалпы тест p: {families}."),
        .pooled: ("Pooled", "В целом", "Жалпы"),
        .agreementNote: (
            "{n} participants were coded by more than one coder ({coders}). Unit: the participant; a code is present for a coder who applied it at least once. Cohen's κ and percent agreement for {pair} on the {units} participants both coded; Krippendorff's α (nominal) over all coders, missing codings allowed. Overall α over all codes: {alpha}. Codes with κ below {t} are flagged{flagged}",
            "Участников, закодированных более чем одним кодировщиком ({coders}), — {n}. Единица — участник; код присутствует у кодировщика, если он применил его хотя бы раз. κ Коэна и процент согласия для пары {pair} по участникам, закодированным обоими ({units}); α Криппендорфа (номинальная) по всем кодировщикам, с пропусками. Общий α по всем кодам: {alpha}. Коды с κ ниже {t} отмечены{flagged}",
            "Бірнеше кодтаушы кодтаған қатысушылар ({coders}) — {n}. Бірлік — қатысушы; кодтаушы кодты кемінде бір рет қолданса, код бар деп саналады. Екеуі де кодтаған қатысушылар ({units}) бойынша {pair} үшін Коэн κ және келісім пайызы; барлық кодтаушылар бойынша Криппендорф α (номиналды), өткізіп алулармен. Барлық кодтар бойынша жалпы α: {alpha}. κ мәні {t}-ден төмен кодтар белгіленген{flagged}"),
        .agreementNoUnits: ("No participant was coded by two coders: agreement cannot be computed.", "Ни один участник не закодирован двумя кодировщиками: согласованность вычислить нельзя.", "Бірде-бір қатысушыны екі кодтаушы кодтамаған: келісімді есептеу мүмкін емес."),
        .agreementFlagNone: ("; none is.", "; таких нет.", "; ондайлар жоқ."),
        .agreementFlagList: (": {list}.", ": {list}.", ": {list}."),
        .present: ("present ({pair})", "присутствует ({pair})", "бар ({pair})"),
        .agree: ("% agree", "% согласия", "% келісім"),
        .flag: ("flag", "отметка", "белгі"),
        .below: ("below {t}", "ниже {t}", "{t}-ден төмен"),
        .notObserved: ("not observed", "не встречался", "кездеспеді"),
        .surveyNote: (
            "Cells: respondents (% of the column's respondents who answered the item) and, in brackets, the adjusted standardized residual (|r| > 1.96: the cell drives the association). Below each item: Pearson's χ² of responses × groups; for ordinal items, Mann–Whitney U (two-sided as R's wilcox.test: exact without ties for n < 50, else normal with continuity correction) with the rank-biserial r.",
            "Ячейки: респонденты (% от ответивших на вопрос в столбце) и в скобках скорректированный стандартизованный остаток (|r| > 1,96: ячейка определяет связь). Под каждым вопросом: χ² Пирсона ответов × групп; для порядковых вопросов — U Манна–Уитни (двусторонний, как wilcox.test в R: точный без совпадений при n < 50, иначе нормальное приближение с поправкой на непрерывность) с рангово-бисериальным r.",
            "Ұяшықтар: респонденттер (бағанда сұраққа жауап бергендерден %) және жақшада түзетілген стандартталған қалдық (|r| > 1,96: ұяшық байланысты анықтайды). Әр сұрақтың астында: жауаптар × топтар бойынша Пирсон χ²; реттік сұрақтар үшін — Манн–Уитни U (R-дағы wilcox.test сияқты екі жақты: n < 50 және қайталанулар болмаса нақты, әйтпесе үздіксіздікке түзетілген қалыпты жуықтау) рангтық-бисериалдық r-мен."),
        .answered: ("Answered", "Ответили", "Жауап бергендер"),
        .noAnswer: ("No answer", "Нет ответа", "Жауап жоқ"),
        .chartBarriersByCountry: ("Barriers by country", "Барьеры по странам", "Елдер бойынша кедергілер"),
        .captionBarriersByCountry: ("Barriers by country: share of all participants of each country who mentioned each barrier, with 95% intervals. * = suppressed.", "Барьеры по странам: доля всех участников каждой страны, назвавших барьер, с 95% интервалами. * — скрыто.", "Елдер бойынша кедергілер: әр елдің кедергіні атаған қатысушыларының үлесі, 95% аралықтарымен. * — жасырылған."),
        .chartFathersMothers: ("Fathers and mothers by barrier", "Отцы и матери по барьерам", "Кедергілер бойынша әкелер мен аналар"),
        .captionFathersMothers: ("Fathers next to mothers, within each country: share who mentioned each barrier, with 95% intervals. * = suppressed.", "Отцы рядом с матерями внутри каждой страны: доля назвавших барьер, с 95% интервалами. * — скрыто.", "Әр ел ішінде әкелер аналардың қасында: кедергіні атағандардың үлесі, 95% аралықтарымен. * — жасырылған."),
        .chartHeatMap: ("Barriers by country and role", "Барьеры по странам и ролям", "Елдер мен рөлдер бойынша кедергілер"),
        .captionHeatMap: ("Heat map of barriers × country × role: percentage of the group who mentioned the barrier. Grey * = suppressed; — = no participant in the group.", "Тепловая карта барьеры × страна × роль: процент группы, назвавшей барьер. Серое * — скрыто; — — в группе нет участников.", "Кедергілер × ел × рөл жылу картасы: кедергіні атаған топтың пайызы. Сұр * — жасырылған; — — топта қатысушы жоқ."),
        .chartAgreement: ("Intercoder agreement per code", "Согласованность кодировщиков по кодам", "Кодтаушылар келісімі кодтар бойынша"),
        .captionAgreement: ("Cohen's κ per code ({pair}, {n} participants coded by both); the dashed line is the threshold {t}; red = below it.", "κ Коэна по кодам ({pair}, участников, закодированных обоими, — {n}); пунктир — порог {t}; красным — ниже порога.", "Кодтар бойынша Коэн κ ({pair}, екеуі де кодтаған қатысушылар — {n}); үзік сызық — {t} шегі; қызыл — шектен төмен."),
        .axisMentioning: ("participants mentioning the barrier (%), with 95% Wilson intervals", "участники, назвавшие барьер (%), с 95% интервалами Уилсона", "кедергіні атаған қатысушылар (%), Уилсонның 95% аралықтарымен"),
        .itemChiSquare: ("χ²({df}) = {x}, {p}, V = {v}; {k} of {n} cells expected < 5 (minimum {m})", "χ²({df}) = {x}, {p}, V = {v}; ожидаемая частота < 5 в {k} из {n} ячеек (минимум {m})", "χ²({df}) = {x}, {p}, V = {v}; {n} ұяшықтың {k} ұяшығында күтілетін жиілік < 5 (ең азы {m})"),
        .itemChiWithheld: ("χ²: withheld (a suppressed count could be recovered from it)", "χ²: не приводится (по нему можно восстановить скрытое значение)", "χ²: келтірілмейді (ол арқылы жасырылған санды қалпына келтіруге болады)"),
        .itemChiNone: ("χ²: not computed (fewer than two groups or responses observed)", "χ²: не вычислен (меньше двух групп или ответов)", "χ²: есептелмеді (топтар немесе жауаптар екіден аз)"),
        .itemMannWhitney: ("{groups} (n = {ns}): W = {w}, {p} ({method}), r = {r}; adjusted {adjusted} (Benjamini–Hochberg over the {k} items tested)", "{groups} (n = {ns}): W = {w}, {p} ({method}), r = {r}; с поправкой {adjusted} (Бенджамини–Хохберг по проверенным вопросам: {k})", "{groups} (n = {ns}): W = {w}, {p} ({method}), r = {r}; түзетілген {adjusted} (тексерілген сұрақтар бойынша Бенджамини–Хохберг: {k})"),
        .itemMannWhitneyNone: ("{groups}: not computed (a group has no answer)", "{groups}: не вычислен (в группе нет ответов)", "{groups}: есептелмеді (топта жауап жоқ)"),
        .exact: ("exact", "точный", "нақты"),
        .normalCC: ("normal, cc", "нормальное приближение, поправка", "қалыпты жуықтау, түзету"),
        .scalesNote: ("Scales (Cronbach's α over respondents who answered every item; reversed items reversed first):", "Шкалы (α Кронбаха по респондентам, ответившим на все вопросы; обратные вопросы предварительно перевёрнуты):", "Шкалалар (барлық сұраққа жауап бергендер бойынша Кронбах α; кері сұрақтар алдымен аударылған):"),
        .scaleNone: ("{label}: α not computed (fewer than two complete respondents).", "{label}: α не вычислен (меньше двух полных респондентов).", "{label}: α есептелмеді (толық респонденттер екіден аз)."),
        .scaleLine: ("{label} ({k} items, n = {n}{reversed}): α = {alpha}", "{label} (вопросов: {k}, n = {n}{reversed}): α = {alpha}", "{label} (сұрақтар: {k}, n = {n}{reversed}): α = {alpha}"),
        .scaleReversed: ("; reversed: {items}", "; обратные: {items}", "; кері: {items}"),
        .item: ("item", "вопрос", "сұрақ"),
        .itemRest: ("item–rest r", "r с остальными", "қалғанымен r"),
        .alphaIfDeleted: ("α if deleted", "α без вопроса", "сұрақсыз α"),
        .segNote: (" seg = analysed segments.", " seg — анализируемые фрагменты.", " seg — талданатын үзінділер."),
        .ci95: ("95% CI", "95% ДИ", "95% СА"),
        .groupsTested: ("groups", "группы", "топтар"),
        .groupsTestedNote: (" groups = the groups tested of those with participants: a row is tested on the groups whose counts are published.", " группы — сколько групп из имеющих участников проверено: строка проверяется на группах с опубликованными значениями.", " топтар — қатысушылары бар топтардың қаншасы тексерілді: жол сандары жарияланған топтарда тексеріледі."),
        .adjustedP: ("adj. p", "p с попр.", "түз. p"),
        .pooledTest: ("test", "тест", "тест"),
        .pooledCMH: ("CMH χ² = {x}", "CMH χ² = {x}", "CMH χ² = {x}"),
        .pooledFisher: ("Fisher (pooled)", "Фишер (в целом)", "Фишер (жалпы)"),
        .itemChiSubset: ("χ² over the {n} groups whose counts are published: ", "χ² по группам с опубликованными значениями ({n}): ", "сандары жарияланған топтар бойынша χ² ({n}): "),
        .itemMannWhitneyWithheld: ("{groups}: withheld (W with the published margins could give a hidden count away)", "{groups}: не приводится (W вместе с опубликованными итогами мог бы раскрыть скрытое значение)", "{groups}: келтірілмейді (W жарияланған қорытындылармен бірге жасырылған санды ашып қоюы мүмкін)"),
        .scaleWithheld: ("{label}: α withheld (an item's answers over all respondents are not published).", "{label}: α не приводится (ответы на вопрос по всем респондентам не опубликованы).", "{label}: α келтірілмейді (барлық респонденттер бойынша сұрақ жауаптары жарияланбаған)."),
        .agreementWithheld: ("withheld", "не приводится", "келтірілмейді"),
        .overallAlphaWithheld: ("withheld (a code's agreement is withheld)", "не приводится (согласие по одному из кодов не приводится)", "келтірілмейді (бір кодтың келісімі келтірілмейді)"),
        .fullCellsHidden: (", and so are counts equal to the size of a group of fewer than {g} (all of a small group)", ", как и значения, равные размеру группы меньше {g} (вся небольшая группа)", ", сондай-ақ мүшелері {g} санынан аз топтың мөлшеріне тең сандар (бүкіл шағын топ)"),
        .comparisonItemPooled: ("{label}: {share1} against {share2} over both countries; odds ratio {or}, Fisher (pooled counts) {p}, adjusted {adjusted}", "{label}: {share1} против {share2} в обеих странах вместе; отношение шансов {or}, Фишер (объединённые значения) {p}, с поправкой {adjusted}", "{label}: екі елде бірге {share1} және {share2}; мүмкіндіктер қатынасы {or}, Фишер (біріктірілген сандар) {p}, түзетілген {adjusted}"),
        .factorCategoriesName: ("Factor categories (Hornby and Lafaele)", "Категории факторов (Хорнби и Лафаэле)", "Фактор санаттары (Хорнби мен Лафаэле)"),
        .activityTypesName: ("Activity types", "Типы мероприятий", "Іс-шара түрлері"),
        .groupRowsLead: ("{rows} by {columns}: {items}.", "{rows} по признакам «{columns}»: {items}.", "«{columns}» бойынша {rows}: {items}."),
        .notTested: ("{label}: not tested (fewer than two groups with published counts)", "{label}: без теста (опубликованные значения есть меньше чем у двух групп)", "{label}: тест жоқ (жарияланған сандары бар топтар екіден аз)"),
        .rangeItem: ("{label}: from {lowShare} ({low}) to {highShare} ({high}); Fisher over the {n} of {m} groups with published counts {p}, adjusted {adjusted}", "{label}: от {lowShare} ({low}) до {highShare} ({high}); Фишер по группам с опубликованными значениями ({n} из {m}) {p}, с поправкой {adjusted}", "{label}: {low} — {lowShare}, {high} — {highShare}; жарияланған сандары бар топтар бойынша Фишер ({m} ішінен {n}) {p}, түзетілген {adjusted}"),
        .testsWithheld: (" Tests withheld by disclosure control: {n} of {m} rows (fewer than two groups with published counts).", " Тесты не приводятся из-за контроля раскрытия: строк — {n} из {m} (опубликованные значения есть меньше чем у двух групп).", " Ашып көрсетуді бақылау салдарынан тесттер келтірілмейді: {m} жолдың {n} (жарияланған сандары бар топтар екіден аз)."),
        .withinGroup: ("within {group}: {items}", "в группе «{group}»: {items}", "«{group}» ішінде: {items}"),
        .differencesWithin: ("{m} of {n} {whats} differed between {between} after adjustment (odds ratios of {first} against {second}), {items}.", "После поправки различались {m} из {n} ({whats}) между {between} (отношения шансов: {first} / {second}), {items}.", "Түзетуден кейін {between} арасында {n} ішінен {m} көрсеткіш ({whats}) ерекшеленді (мүмкіндіктер қатынасы: {first} / {second}), {items}."),
        .differencesWithinMany: ("{m} of {n} {whats} differed across {between} after adjustment, {items}.", "После поправки различались {m} из {n} ({whats}) по признакам «{between}», {items}.", "Түзетуден кейін «{between}» бойынша {n} ішінен {m} көрсеткіш ({whats}) ерекшеленді, {items}."),
        .surveyRespondentsHidden: ("{title}: the number of respondents per group is not published (with the numbers who answered each item it would give small no-answer counts away); each item gives its own.", "{title}: число респондентов по группам не публикуется (вместе с числом ответивших на каждый вопрос оно раскрыло бы малые числа пропусков); у каждого вопроса указано своё.", "{title}: топтар бойынша респонденттер саны жарияланбайды (әр сұраққа жауап бергендер санымен бірге ол жауапсыздардың шағын сандарын ашып қояр еді); әр сұрақта өз саны берілген."),
        .family: ("{rows} rows of {table} ({n} tests)", "строки «{rows}» таблицы {table} (тестов: {n})", "{table} кестесінің «{rows}» жолдары (тесттер: {n})"),
        .oddsRatioCI: ("OR (95% CI)", "ОШ (95% ДИ)", "МҚ (95% СА)"),
        .heatLegend: ("share of the group who mentioned the barrier; grey * = suppressed; — = no participant", "доля группы, назвавшей барьер; серый * — скрыто; — нет участников", "кедергіні атаған топ үлесі; сұр * — жасырылған; — қатысушы жоқ"),
        .untestedNote: (" Shown but kept out of the tests (publication.untested): {list}.", " Показаны, но не входят в тесты (publication.untested): {list}.", " Көрсетілген, бірақ тесттерге кірмейді (publication.untested): {list}."),
        .inputFile: ("file", "файл", "файл"),
        .inputKind: ("kind", "вид", "түрі"),
        .inputRecords: ("records", "записи", "жазбалар"),
        .auditLine: (" Hidden counts: {n}; the narrowest can still take {w} values (disclosure-audit.csv).", " Скрытых значений: {n}; самое узкое всё ещё может принимать {w} значений (disclosure-audit.csv).", " Жасырылған сандар: {n}; ең тары әлі де {w} мән қабылдай алады (disclosure-audit.csv)."),
    ]

    /// The phrase in this language with its slots filled; `{Name}` fills with a capitalized first letter.
    /// A slot without a value stays as it is.
    func callAsFunction(_ key: Key, _ values: [String: String] = [:]) -> String {
        let entry = Self.phrases[key]!
        let template = switch language {
        case .en: entry.en
        case .ru: entry.ru
        case .kk: entry.kk
        }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            let lowered = name.prefix(1).lowercased() + name.dropFirst()
            if let value = values[name] {
                out += value
            } else if let value = values[lowered], name != lowered {
                out += value.prefix(1).uppercased() + value.dropFirst()
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// "a, b and c" in this language.
    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "—"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " " + self(.and) + " " + items.last!
        }
    }
}

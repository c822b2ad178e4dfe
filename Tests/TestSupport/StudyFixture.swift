import Foundation

/// A small study folder written to a temporary directory, for tests: a codebook of a few codes, an
/// optional survey instrument, and the CSV texts a test gives.
public struct StudyFixture {
    /// The study folder.
    public let directory: String

    public static let codebook = """
        version: "test-1"
        codes:
          - {id: bar_busy_job, category: barrier, factor: parent, label: {en: Busy job, ru: Занятость, kk: Жұмыс}, description: d}
          - {id: bar_low_efficacy, category: barrier, factor: parent, label: {en: Low efficacy, ru: Неуверенность, kk: Сенімсіздік}, description: d}
          - {id: bar_child_reluctance, category: barrier, factor: child, label: {en: Child reluctance, ru: Нежелание ребёнка, kk: Баланың қаламауы}, description: d}
          - {id: bar_instruction_language, category: barrier, factor: parent_teacher, label: {en: Language, ru: Язык, kk: Тіл}, description: d}
          - {id: bar_fundraising, category: barrier, factor: societal, label: {en: Fund-raising, ru: Сбор денег, kk: Ақша жинау}, description: d}
          - {id: role_communicator, category: involvement_role, label: {en: Communicator, ru: Коммуникатор, kk: Коммуникатор}, description: d}
          - {id: act_open_day, category: activity, type: informal, label: {en: Open day, ru: День открытых дверей, kk: Ашық есік күні}, description: d}
          - {id: act_parent_meetings, category: activity, type: formal, label: {en: Parent meetings, ru: Собрания, kk: Жиналыстар}, description: d}
        """

    public static let instrument = """
        id: mini
        version: "1"
        title: {en: Mini survey, ru: Мини-анкета, kk: Шағын сауалнама}
        respondents: parent
        scales:
          - id: yesno
            level: nominal
            values:
              - {value: 1, label: {en: "Yes", ru: "Да", kk: "Иә"}}
              - {value: 2, label: {en: "No", ru: "Нет", kk: "Жоқ"}}
        items:
          - {id: q1, text: {en: Q1, ru: В1, kk: С1}, scale: yesno}
          - {id: q2, text: {en: Q2, ru: В2, kk: С2}, scale: yesno}
        """

    public static let participants = """
        participant_id,country,role,setting
        KZ-1,KZ,mother,urban
        KZ-2,KZ,father,rural
        KZ-3,KZ,father,urban
        UK-1,UK,mother,urban
        UK-2,UK,mother,
        UK-3,UK,teacher,urban

        """

    /// Three segments of one code for KZ-2 (counts once), a double-coded participant (UK-1: C2 only
    /// counts where C1 did not code), and KZ-3 / UK-3 with no segments at all.
    public static let segments = """
        segment_id,participant_id,code,coder,document,start,end,excerpt,language
        S1,KZ-1,bar_busy_job,C1,INT-KZ-1,0,40,"I work late, so ""school"" waits",en
        S1,KZ-1,role_communicator,C1,INT-KZ-1,0,40,"I work late, so ""school"" waits",en
        S2,KZ-2,bar_busy_job,C1,INT-KZ-2,0,10,Работаю допоздна,ru
        S3,KZ-2,bar_busy_job,C1,INT-KZ-2,11,20,"Жұмыс
        көп",kk
        S4,KZ-2,bar_busy_job,C1,INT-KZ-2,21,30,again,en
        S5,KZ-2,bar_fundraising,C1,INT-KZ-2,31,40,money,en
        S6,UK-1,bar_instruction_language,C1,INT-UK-1,0,10,English is hard,en
        S6,UK-1,bar_instruction_language,C2,INT-UK-1,0,10,English is hard,en
        S7,UK-1,bar_child_reluctance,C2,INT-UK-1,11,20,She does not want me there,en
        S8,UK-2,act_open_day,C2,INT-UK-2,0,10,The open day was lovely,en

        """

    public static let survey = """
        respondent_id,country,role,q1,q2
        R1,KZ,mother,1,2
        R2,KZ,father,1,
        R3,UK,mother,2,2

        """

    /// The `publication:` settings of the fixture: the names of its levels (the tool has none built in).
    public static let publication = """
          labels:
            KZ: {en: Kazakhstan, ru: Казахстан, kk: Қазақстан}
            UK: {en: United Kingdom, ru: Великобритания, kk: Ұлыбритания}
            mother: {en: Mothers, ru: Матери, kk: Аналар}
            father: {en: Fathers, ru: Отцы, kk: Әкелер}
            grandparent: {en: Grandparents, ru: Бабушки и дедушки, kk: Ата-әжелер}
            guardian: {en: Guardians, ru: Опекуны, kk: Қамқоршылар}
            teacher: {en: Teachers, ru: Учителя, kk: Мұғалімдер}
            other: {en: Others, ru: Другие, kk: Басқалар}
          locatives:
            KZ: {en: in Kazakhstan, ru: в Казахстане, kk: Қазақстанда}
            UK: {en: in the United Kingdom, ru: в Великобритании, kk: Ұлыбританияда}
          sentence_labels:
            UK: {en: the United Kingdom}

        """

    /// Writes the study. Texts left `nil` take the defaults above; `publication` is the manifest's
    /// `publication:` block (without its first line); `manifestTail` is appended to the manifest (an
    /// `analysis:` block, say); `coverage`, when given, is written as `coverage.csv` and named by
    /// `coding.coverage`.
    public init(
        participants: String = StudyFixture.participants, segments: String = StudyFixture.segments,
        survey: String? = StudyFixture.survey, codebook: String = StudyFixture.codebook,
        analysedCoders: [String] = ["C1", "C2"], publication: String = StudyFixture.publication, manifestTail: String = "",
        coverage: String? = nil
    ) throws {
        let root = try TestScratch.folder("analyze-fixture")
        directory = root.path
        var manifest = """
            name: Fixture study
            version: "0.1"
            codebook: codebook.yml
            levels:
              country: [KZ, UK]
              role: [mother, father, grandparent, guardian, teacher, other]
            sources:
              - {file: participants.csv, kind: participants}
              - {file: segments.csv, kind: segments}

            """
        if survey != nil {
            manifest += "  - {file: survey.csv, kind: survey, instrument: mini.yml}\n"
        }
        manifest += "coding:\n  analysed_coders: [\(analysedCoders.joined(separator: ", "))]\n"
        if coverage != nil { manifest += "  coverage: coverage.csv\n" }
        manifest += "publication:\n" + publication + manifestTail
        try write(manifest, to: "study.yml")
        try write(codebook, to: "codebook.yml")
        try write(Self.instrument, to: "mini.yml")
        try write(participants, to: "participants.csv")
        try write(segments, to: "segments.csv")
        if let survey { try write(survey, to: "survey.csv") }
        if let coverage { try write(coverage, to: "coverage.csv") }
    }

    /// Writes `text` to a file of the study folder.
    public func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// Writes raw bytes to a file of the study folder.
    public func write(bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path(name)))
    }

    /// The path of a file of the study folder.
    public func path(_ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
}

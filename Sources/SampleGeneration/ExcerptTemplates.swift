import StudyModel

/// Interview sentences in English, Russian and Kazakh.
struct ExcerptPhrases: Sendable {
    var en: [String]
    var ru: [String]
    var kk: [String]

    subscript(language: Language) -> [String] {
        language == .ru ? ru : language == .kk ? kk : en
    }
}

/// The words of the synthetic interviews: first-person sentences per code (two per barrier, one per
/// involvement role and activity, in each language), plus openers, follow-up lines and the frames in
/// which teachers report what parents tell them. Codes without a sentence of their own get one made
/// from their label.
enum ExcerptTemplates {
    /// Sentences by code id (see `ExcerptTemplates+Barriers.swift`, `+RolesAndActivities.swift`).
    static let byCode: [String: ExcerptPhrases] = barriers.merging(rolesAndActivities) { first, _ in first }

    /// Put before a first sentence (empty: none), which then starts in lower case.
    static let openers = ExcerptPhrases(
        en: ["", "", "", "Well, ", "To be fair, ", "You know, ", "I suppose ", "Look, "],
        ru: ["", "", "", "Ну, ", "Знаете, ", "Если честно, ", "В общем, ", "Скажу так: "],
        kk: ["", "", "", "Негізі, ", "Білесіз бе, ", "Шынын айтсам, ", "Қысқасы, ", "Айтайын, "])

    /// A second line added after a pause in the interview (the excerpt then holds a line break).
    static let followUps = ExcerptPhrases(
        en: [
            "That's just how it is.", "I don't know what else to say.", "Maybe it will change next year.",
            "(laughs) Anyway, that's us.", "Other parents say the same, by the way.",
        ],
        ru: [
            "Вот так и живём.", "Не знаю, что ещё сказать.", "Может, в следующем году будет по-другому.",
            "(смеётся) Ну, как-то так.", "Другие родители, кстати, говорят то же самое.",
        ],
        kk: [
            "Осылай өмір сүріп жатырмыз.", "Тағы не айтарымды білмеймін.", "Мүмкін, келесі жылы басқаша болар.",
            "(күледі) Міне, осындай.", "Басқа ата-аналар да солай дейді.",
        ])

    /// How a teacher reports a parent's words: the text before and after the parent's sentences.
    static let teacherFrames: [Language: [(before: String, after: String)]] = [
        .en: [
            ("Parents often tell me: \"", "\""), ("One parent said to me, \"", "\""),
            ("I hear this a lot: \"", "\""), ("A mother told me last term: \"", "\" And she is not the only one."),
        ],
        .ru: [
            ("Родители часто говорят мне: \"", "\""), ("Один родитель сказал мне: \"", "\""),
            ("Я это слышу постоянно: \"", "\""), ("Одна мама в прошлой четверти сказала: \"", "\" И она не одна такая."),
        ],
        .kk: [
            ("Ата-аналар маған жиі айтады: \"", "\""), ("Бір ата-ана маған: \"", "\" деді."),
            ("Мұны жиі естимін: \"", "\""), ("Өткен тоқсанда бір ана: \"", "\" деді. Ол жалғыз емес."),
        ],
    ]

    /// The sentences for `code` in `language`, or one made from its label if it has none.
    static func sentences(for code: Code, in language: Language) -> [String] {
        if let phrases = byCode[code.id] { return phrases[language] }
        let label = code.label[language]
        return language == .ru ? ["Для меня главное здесь вот что: \(lowercasingFirst(label))."]
            : language == .kk ? ["Менің ойымша, мәселе мынада: \(lowercasingFirst(label))."]
            : ["For me it comes down to this: \(lowercasingFirst(label))."]
    }

    /// `text` with its first letter in lower case, unless it is the English pronoun "I".
    static func lowercasingFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        if first == "I", text.dropFirst().first.map({ $0 == " " || $0 == "'" }) ?? true { return text }
        return first.lowercased() + text.dropFirst()
    }
}

import Statistics
import StudyModel

/// Builds an excerpt for a segment from the sentences of its codes, in the speaker's language:
/// an optional opener, one sentence per code, sometimes a line break (a pause in the interview), and
/// for teachers a frame quoting what parents tell them.
enum ExcerptComposer {
    /// Chance that the sentences of a multi-code segment are separated by a line break.
    static let lineBreakBetweenSentences = 0.15
    /// Chance that a single-code segment gets a follow-up line after a line break.
    static let followUpLine = 0.08

    /// The excerpt of a segment carrying `codes`, said by `speaker` in `language`. Sentences in `used`
    /// (earlier in the same interview) are avoided while the code has others; the chosen ones are added.
    static func excerpt(
        for codes: [Code], speaker: SyntheticParticipant, language: Language, used: inout [String],
        random: inout SeededGenerator
    ) -> String {
        var text = ""
        for (position, code) in codes.enumerated() {
            let all = ExcerptTemplates.sentences(for: code, in: language)
            let fresh = all.filter { !used.contains($0) }
            let sentence = random.element(of: fresh.isEmpty ? all : fresh)
            used.append(sentence)
            if position == 0 {
                let opener = random.element(of: ExcerptTemplates.openers[language])
                text = opener.isEmpty ? sentence : opener + ExcerptTemplates.lowercasingFirst(sentence)
            } else {
                text += random.chance(lineBreakBetweenSentences) ? "\n" : " "
                text += sentence
            }
        }
        if codes.count == 1, random.chance(followUpLine) {
            text += "\n" + random.element(of: ExcerptTemplates.followUps[language])
        }
        guard !speaker.isParent, let frames = ExcerptTemplates.teacherFrames[language] else { return text }
        let frame = random.element(of: frames)
        return frame.before + singleQuoted(text) + frame.after
    }

    /// A quotation inside a quotation: the parent's own double quotation marks become single ones.
    static func singleQuoted(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return text }
        return String(decoding: text.utf8.map { $0 == UInt8(ascii: "\"") ? UInt8(ascii: "'") : $0 }, as: UTF8.self)
    }
}

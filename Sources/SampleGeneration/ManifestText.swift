import Foundation

/// The text of a generated study's `study.yml` (format: `docs/formats.md`), with paths relative to the
/// study folder where the codebook and instruments share a parent with it.
enum ManifestText {
    static func make(
        configuration: SampleStudy, directory: String, codebookPath: String, surveys: [(file: String, instrument: String)]
    ) -> String {
        let name =
            configuration == .sample
            ? "Kazakhstan–UK parental involvement study (synthetic sample)"
            : "Kazakhstan–UK parental involvement study (synthetic, \(configuration.participants) participants, seed \(configuration.seed))"
        var lines = [
            "name: \"\(name)\"",
            "version: \"1.0.0\"",
            "codebook: \(yamlScalar(relativePath(from: directory, to: codebookPath)))",
            "levels:",
            "  country: [\(SampleRoles.countries.joined(separator: ", "))]",
            "  role: [\(SampleRoles.all.joined(separator: ", "))]",
            "sources:",
            "  - {file: participants.csv, kind: participants}",
            "  - {file: segments.csv, kind: segments}",
        ]
        for survey in surveys {
            let instrument = yamlScalar(relativePath(from: directory, to: survey.instrument))
            lines.append("  - {file: \(yamlScalar(survey.file)), kind: survey, instrument: \(instrument)}")
        }
        lines += [
            "coding:",
            "  analysed_coders: [C1, C2]",
            "  agreement_threshold: 0.6",
            "analysis:",
            "  minimum_base: 10",
            "publication:",
            "  groups:",
            "    role: {carers: [grandparent, guardian, other]}",
            "  untested: {role: [teacher]}",
            "  labels:",
            "    KZ: {en: Kazakhstan, ru: Казахстан, kk: Қазақстан}",
            "    UK: {en: United Kingdom, ru: Великобритания, kk: Ұлыбритания}",
            "    mother: {en: Mothers, ru: Матери, kk: Аналар}",
            "    father: {en: Fathers, ru: Отцы, kk: Әкелер}",
            "    grandparent: {en: Grandparents, ru: Бабушки и дедушки, kk: Ата-әжелер}",
            "    guardian: {en: Guardians, ru: Опекуны, kk: Қамқоршылар}",
            "    teacher: {en: Teachers, ru: Учителя, kk: Мұғалімдер}",
            "    other: {en: Others, ru: Другие, kk: Басқалар}",
            "    carers: {en: Other carers, ru: \"Бабушки, дедушки, опекуны и др.\", kk: \"Ата-әжелер, қамқоршылар және басқалар\"}",
            "  locatives:",
            "    KZ: {en: in Kazakhstan, ru: в Казахстане, kk: Қазақстанда}",
            "    UK: {en: in the United Kingdom, ru: в Великобритании, kk: Ұлыбританияда}",
            "  sentence_labels:",
            "    UK: {en: the United Kingdom}",
            "  singular_labels:",
            "    mother: {en: mother, ru: мать, kk: ана}",
            "    father: {en: father, ru: отец, kk: әке}",
            "    grandparent: {en: grandparent, ru: бабушка или дедушка, kk: ата немесе әже}",
            "    guardian: {en: guardian, ru: опекун, kk: қамқоршы}",
            "    teacher: {en: teacher, ru: учитель, kk: мұғалім}",
            "    other: {en: other carer, ru: другой взрослый, kk: басқа қамқоршы}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path` relative to `directory`; absolute when the two share nothing but the root.
    static func relativePath(from directory: String, to path: String) -> String {
        func components(_ path: String) -> [String] {
            let absolute =
                (path as NSString).isAbsolutePath
                ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
            var result: [String] = []
            for part in absolute.split(separator: "/") where part != "." && !part.isEmpty {
                if part == ".." { if !result.isEmpty { result.removeLast() } } else { result.append(String(part)) }
            }
            return result
        }
        let from = components(directory), to = components(path)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        if common == 0 { return "/" + to.joined(separator: "/") }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }

    /// A YAML flow scalar: plain when safe, double-quoted otherwise.
    static func yamlScalar(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "./_-".unicodeScalars.contains($0)
        }
        if safe && !text.isEmpty { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

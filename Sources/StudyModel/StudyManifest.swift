import Foundation
import Yams

/// The kinds of source files a study folder holds.
public enum SourceKind: String, CaseIterable, Codable, Sendable {
    case participants, segments, survey
    /// Coded segments as Taguette exports them: its highlights CSV (`id,document,tag,content`).
    case taguette
    /// A REFI-QDA project (`.qdpx`, written by NVivo, MAXQDA, ATLAS.ti, QualCoder): its users are the coders,
    /// its cases the participants (unless a `participants` file is listed), its coded text selections the segments.
    case qdpx
}

/// What an ingest does with a tool's code that the code map does not map to a code of the codebook.
public enum UnmappedCodes: String, CaseIterable, Codable, Sendable {
    /// The ingest fails, listing each unmapped code with its number of rows (the default).
    case fail
    /// The code's rows are left out of the store; the ingest lists each such code with its count.
    case ignore
    /// The code becomes a code of the study of category ``CodeCategory/uncategorised`` (its id derived from
    /// the tool's name by ``UncategorisedCode/id(for:)``, its label the name); the ingest lists each with its count.
    case keep
}

/// How a `.qdpx` project's offsets count a Windows line end (`\r\n`).
public enum LineEnds: String, CaseIterable, Codable, Sendable {
    /// Two characters, as REFI-QDA's code points and QualCoder count it (the default).
    case crlfAsTwo = "crlf_as_two"
    /// One character, as some tools count it: the offsets are read so, and stored as code points.
    case crlfAsOne = "crlf_as_one"
}

/// The units a `.qdpx` project's offsets count.
public enum OffsetUnits: String, CaseIterable, Codable, Sendable {
    /// Unicode code points, as REFI-QDA counts characters and QualCoder writes them (the default).
    case codePoints = "code_points"
    /// UTF-16 code units, as NVivo writes them: a character outside the Basic Multilingual Plane (an emoji) takes
    /// two. The offsets are read so, and stored as code points.
    case utf16
}

/// One source file of the study, as the manifest lists it.
public struct SourceFile: Codable, Sendable, Equatable {
    /// Path relative to the study folder.
    public var file: String
    public var kind: SourceKind
    /// For surveys: the instrument definition, relative to the study folder.
    public var instrument: String?
    /// For Taguette's export (`taguette`): the tool's own codebook export (Taguette's codebook CSV or `.qdc`);
    /// every code of the segments must be in it.
    public var codebook: String?
    /// For a coding tool's export: a YAML file mapping the tool's code names or paths to codebook ids
    /// (`barrier/busy-job: bar_busy_job`); see ``CodeMap``.
    public var codeMap: String?
    /// For Taguette's export: the coder the segments are recorded under (Taguette records none; a `.qdpx`'s
    /// users are its coders).
    public var coder: String?
    /// For a coding tool's export: the participant id of each document name (required for Taguette; for a
    /// `.qdpx`, of the sources no case holds and of nameless cases).
    public var documents: [String: String]?
    /// For a coding tool's export: what to do with codes the code map does not map.
    public var unmapped: UnmappedCodes?
    /// For a CSV file: its delimiter and encoding, when not comma-separated UTF-8.
    public var dialect: CSVDialect?
    /// For a `.qdpx` project: how its offsets count a Windows line end (`crlf_as_two` when absent).
    public var lineEnds: LineEnds?
    /// For a `.qdpx` project: the units its offsets count (`code_points` when absent).
    public var offsets: OffsetUnits?

    enum CodingKeys: String, CodingKey {
        case file, kind, instrument, codebook, coder, documents, unmapped, dialect, offsets
        case lineEnds = "line_ends"
        case codeMap = "code_map"
    }

    public init(
        file: String, kind: SourceKind, instrument: String? = nil, codebook: String? = nil, codeMap: String? = nil,
        coder: String? = nil, documents: [String: String]? = nil, unmapped: UnmappedCodes? = nil,
        dialect: CSVDialect? = nil, lineEnds: LineEnds? = nil, offsets: OffsetUnits? = nil
    ) {
        self.file = file
        self.kind = kind
        self.instrument = instrument
        self.codebook = codebook
        self.codeMap = codeMap
        self.coder = coder
        self.documents = documents
        self.unmapped = unmapped
        self.dialect = dialect
        self.lineEnds = lineEnds
        self.offsets = offsets
    }

    /// Whether the file holds the study's coded segments (`segments`, or a coding tool's export).
    public var holdsSegments: Bool { kind == .segments || isCodingToolExport }

    /// Whether the file is a coding tool's export (`taguette`, `qdpx`), read through a code map.
    public var isCodingToolExport: Bool { kind == .taguette || kind == .qdpx }
}

/// Which coder's segments count for analysis when a participant was coded more than once.
public struct CodingPolicy: Codable, Sendable, Equatable {
    /// Coders in order of preference: for each participant, the segments of the first listed coder
    /// who coded that participant are analysed (list a consensus coder first to prefer consensus
    /// codings). A coder not listed is used for agreement only.
    public var analysedCoders: [String]
    /// Codes whose intercoder agreement (Cohen's κ) falls below this are flagged.
    public var agreementThreshold: Double?
    /// The coder-coverage list (a CSV of `participant_id,coder`, relative to the study folder): the
    /// participants each coder was assigned, so one a coder coded with no code is a unit of agreement.
    /// `nil`: a coder's units are the participants with a segment by that coder.
    public var coverage: String? = nil

    enum CodingKeys: String, CodingKey {
        case analysedCoders = "analysed_coders"
        case agreementThreshold = "agreement_threshold"
        case coverage
    }
}

/// The study manifest (`study.yml`): what the study is, its declared levels, its files, its
/// coder policy and its analysis plan (format: `docs/formats.md`).
public struct StudyManifest: Sendable, Equatable {
    public var name: String
    public var version: String
    /// The study folder, to which all paths are relative.
    public var directory: String
    /// Path of the codebook, relative to the study folder.
    public var codebook: String
    /// Declared countries, in table order.
    public var countries: [String]
    /// Declared roles, in table order.
    public var roles: [String]
    public var sources: [SourceFile]
    public var coding: CodingPolicy
    /// The tables to compute, in report order.
    public var plan: [TableSpec]
    /// A column base below this is called too small to conclude anything in the summary.
    public var minimumBase: Int
    /// Disclosure control: published counts n with 0 < n < minimumCount are suppressed (5 by default;
    /// the ONS and the UK Data Service use 10).
    public var minimumCount: Int
    /// Disclosure control: whether a count equal to its group's size, greater than 0 ("all 5
    /// grandparents"), is hidden (`disclosure.full_cells: suppress`, the default) or published (`publish`).
    public var suppressFullCells: Bool
    /// Publication groups: levels of `country` or `role` that tables and tests show as one group
    /// (`publication.groups`: `{role: {carers: [grandparent, guardian, other]}}`), by variable and name.
    public var publicationGroups: [String: [String: [String]]]
    /// Display names of levels and publication groups (`publication.labels`, `locatives`, `sentence_labels`):
    /// the tool has no built-in names of a study's levels.
    public var levelLabels: LevelLabels
    /// Levels shown in tables but kept out of their tests (`publication.untested`: `{role: [teacher]}`),
    /// by variable: a row is tested on the other groups.
    public var untestedLevels: [String: [String]]
    /// Quotes: the participant attribute that records consent to be quoted, and the values that mean yes.
    /// Without the attribute, nobody is quoted.
    public var quoteConsentAttribute: String
    public var quoteConsentValues: [String]
    /// A secret that orders the pseudonyms of quoted participants; when absent, the SHA-256 of
    /// `participants.csv` serves (known only to whoever holds the data).
    public var pseudonymKey: String?

    /// The manifest's file name inside a study folder.
    public static let fileName = "study.yml"

    private struct File: Decodable {
        struct Levels: Decodable {
            var country: [String]
            var role: [String]
        }
        struct Analysis: Decodable {
            var tables: [PlanEntry]?
            var minimumBase: Int?
            enum CodingKeys: String, CodingKey {
                case tables
                case minimumBase = "minimum_base"
            }
        }
        var name: String
        var version: String
        var codebook: String
        var levels: Levels
        var sources: [SourceFile]
        var coding: CodingPolicy
        var analysis: Analysis?
        var disclosure: Disclosure?
        var quotes: Quotes?
        var publication: Publication?
    }

    private struct Publication: Decodable {
        var groups: [String: [String: [String]]]?
        var labels: [String: LocalizedText]?
        var locatives: [String: LocalizedText]?
        var sentenceLabels: [String: LocalizedText]?
        var singularLabels: [String: LocalizedText]?
        enum CodingKeys: String, CodingKey {
            case groups, labels, untested, locatives
            case sentenceLabels = "sentence_labels"
            case singularLabels = "singular_labels"
        }
        var untested: [String: [String]]?
    }

    private struct Quotes: Decodable {
        var consentAttribute: String?
        var consentValues: [String]?
        var pseudonymKey: String?
        enum CodingKeys: String, CodingKey {
            case consentAttribute = "consent_attribute"
            case consentValues = "consent_values"
            case pseudonymKey = "pseudonym_key"
        }
    }

    private struct Disclosure: Decodable {
        var minimumCount: Int?
        var fullCells: String?
        enum CodingKeys: String, CodingKey {
            case minimumCount = "minimum_count"
            case fullCells = "full_cells"
        }
    }

    /// Reads and checks `study.yml` in a study folder.
    /// - Throws: ``InputProblems`` naming the manifest and every broken rule.
    public init(directory: String) throws(InputProblems) {
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        // The file is read and parsed once: the checks below use the text and the tree that were decoded.
        let file: File
        let text: String
        let tree: Node
        do {
            (file, text, tree) = try YAMLFile.decodeWithText(File.self, path: path)
        } catch {
            throw InputProblems([error])
        }
        var problems: [InputProblem] = []
        /// A broken rule, at the line of the setting its message starts with (`coding.agreement_threshold:`,
        /// `analysis.tables 'id':`).
        func complain(_ message: String) {
            let place = Self.place(of: message, in: text)
            problems.append(InputProblem(file: path, line: place?.line ?? 0, column: place?.column, message: message))
        }
        problems += ManifestKeys.problems(in: text, tree: tree, path: path)

        self.directory = directory
        name = file.name
        version = file.version
        codebook = file.codebook
        countries = file.levels.country
        roles = file.levels.role
        sources = file.sources
        coding = file.coding
        minimumBase = file.analysis?.minimumBase ?? 10
        minimumCount = file.disclosure?.minimumCount ?? 5
        quoteConsentAttribute = file.quotes?.consentAttribute ?? "quote_consent"
        quoteConsentValues = file.quotes?.consentValues ?? ["yes"]
        pseudonymKey = file.quotes?.pseudonymKey
        publicationGroups = file.publication?.groups ?? [:]
        levelLabels = LevelLabels(
            names: file.publication?.labels ?? [:], locatives: file.publication?.locatives ?? [:],
            inSentence: file.publication?.sentenceLabels ?? [:], singular: file.publication?.singularLabels ?? [:])
        untestedLevels = file.publication?.untested ?? [:]
        for variable in publicationGroups.keys.sorted() {
            guard let declared = variable == "country" ? file.levels.country : variable == "role" ? file.levels.role : nil else {
                complain("publication.groups: '\(variable)' is neither country nor role")
                continue
            }
            var seen = Set<String>()
            for (name, members) in publicationGroups[variable]!.sorted(by: { $0.key < $1.key }) {
                if declared.contains(name) { complain("publication.groups.\(variable).\(name): the name is a declared level") }
                if members.count < 2 { complain("publication.groups.\(variable).\(name): a group needs two levels or more") }
                for member in members {
                    if !declared.contains(member) {
                        complain("publication.groups.\(variable).\(name): '\(member)' is not a declared level (\(declared.joined(separator: ", ")))")
                    }
                    if !seen.insert(member).inserted { complain("publication.groups.\(variable): '\(member)' is in two groups") }
                }
            }
        }
        if minimumCount < 1 { complain("disclosure.minimum_count: must be at least 1 (1 suppresses nothing)") }
        for (variable, levels) in untestedLevels.sorted(by: { $0.key < $1.key }) {
            let declared = (variable == "country" ? file.levels.country : variable == "role" ? file.levels.role : nil) ?? []
            let shown = declared + (file.publication?.groups?[variable]?.keys.sorted() ?? [])
            for level in levels where !shown.contains(level) {
                complain("publication.untested.\(variable): '\(level)' is not a level or a publication group of \(variable)")
            }
        }
        suppressFullCells = file.disclosure?.fullCells != "publish"
        if let rule = file.disclosure?.fullCells, rule != "suppress", rule != "publish" {
            complain("disclosure.full_cells: '\(rule)' is neither 'suppress' nor 'publish'")
        }

        for (variable, levels) in [("country", countries), ("role", roles)] {
            if levels.isEmpty { complain("levels.\(variable): no levels declared") }
            if Set(levels).count != levels.count { complain("levels.\(variable): a level is declared twice") }
        }
        let participantFiles = sources.filter({ $0.kind == .participants }).count
        if sources.contains(where: { $0.kind == .qdpx }) {
            if participantFiles > 1 { complain("sources: at most one file of kind 'participants' (a qdpx project's cases can be the participants)") }
        } else if participantFiles != 1 {
            complain("sources: exactly one file of kind 'participants' is required")
        }
        if sources.filter(\.holdsSegments).count != 1 {
            complain("sources: exactly one file of kind 'segments' (or 'taguette' or 'qdpx', a coding tool's export) is required")
        }
        for source in sources where source.kind != .qdpx {
            for (key, given) in [("line_ends", source.lineEnds != nil), ("offsets", source.offsets != nil)] where given {
                complain("sources: '\(source.file)': \(key) is a setting of a REFI-QDA project (kind: qdpx)")
            }
        }
        for source in sources where source.kind == .qdpx && (source.coder != nil || source.codebook != nil) {
            complain("sources: qdpx '\(source.file)': coder and codebook are not settings of a REFI-QDA project (its users are the coders, its code tree is in it)")
        }
        for source in sources where source.kind == .taguette {
            if source.coder?.isEmpty ?? true { complain("sources: taguette '\(source.file)' needs a coder (Taguette records none)") }
            if source.documents?.isEmpty ?? true {
                complain("sources: taguette '\(source.file)' needs documents: the participant id of each document name")
            }
        }
        for source in sources where !source.isCodingToolExport
            && (source.codebook != nil || source.codeMap != nil || source.coder != nil || source.documents != nil || source.unmapped != nil)
        {
            complain("sources: '\(source.file)': codebook, code_map, coder, documents and unmapped are settings of a coding tool's export (kind: taguette or qdpx)")
        }
        for source in sources {
            for problem in source.dialect?.problems ?? [] { complain("sources: '\(source.file)': dialect: \(problem)") }
            let lowered = source.file.lowercased()
            if source.dialect != nil, [".sav", ".zsav", ".dta"].contains(where: { lowered.hasSuffix($0) }) {
                complain("sources: '\(source.file)': dialect is a setting of CSV files, not of SPSS or Stata files")
            }
        }
        for source in sources where source.kind == .survey && source.instrument == nil {
            complain("sources: survey '\(source.file)' needs an instrument")
        }
        if coding.analysedCoders.isEmpty { complain("coding.analysed_coders: name at least one coder") }
        if Set(coding.analysedCoders).count != coding.analysedCoders.count { complain("coding.analysed_coders: a coder is named twice") }
        if let coverage = coding.coverage, coverage.trimmingCharacters(in: .whitespaces).isEmpty {
            complain("coding.coverage: name a CSV file of participant_id,coder (or leave the setting out)")
        }
        if let threshold = coding.agreementThreshold, !(threshold >= -1 && threshold <= 1) {
            complain("coding.agreement_threshold: \(threshold) is not a value of κ (from -1 to 1; 0.6 is usual)")
        }
        if minimumBase < 0 { complain("analysis.minimum_base: must be 0 or more") }
        /// The levels a table can name for a variable: its declared levels and publication groups.
        let groupNames = publicationGroups
        func shownLevels(of variable: String) -> [String]? {
            guard let declared = variable == "country" ? file.levels.country : variable == "role" ? file.levels.role : nil else { return nil }
            return declared + (groupNames[variable]?.keys.sorted() ?? [])
        }

        var plan: [TableSpec] = []
        for entry in file.analysis?.tables ?? TableSpec.defaultPlan.map({ PlanEntry(spec: $0) }) {
            if let id = entry.defaultID {
                if let spec = TableSpec.defaultPlan.first(where: { $0.id == id }) {
                    plan.append(spec)
                } else {
                    complain("analysis.tables: '\(id)' is not a default table; give rows and columns")
                }
            } else if let spec = entry.spec {
                plan.append(spec)
            }
        }
        if Set(plan.map(\.id)).count != plan.count { complain("analysis.tables: a table id is used twice") }
        for spec in plan {
            for variable in spec.columns + (spec.filter?.keys.sorted() ?? []) where variable.isEmpty {
                complain("analysis.tables '\(spec.id)': empty variable name")
            }
            if spec.rows == .surveyItems && spec.columns.contains(where: { $0 != "country" && $0 != "role" }) {
                complain("analysis.tables '\(spec.id)': survey tables group by country or role only")
            }
            if spec.ordered == true && (spec.rows != .surveyItems || spec.columns.count != 1) {
                complain("analysis.tables '\(spec.id)': ordered: true is for a survey table of one column variable")
            }
            if spec.rows == .jointDisplay && (spec.columns.count != 1 || !["country", "role"].contains(spec.columns[0]) || spec.filter != nil) {
                complain("analysis.tables '\(spec.id)': a joint display groups by one variable, country or role, with no where")
            }
            if spec.rows == .cooccurrence {
                if spec.columns.count > 1 || spec.compare != nil {
                    complain("analysis.tables '\(spec.id)': a co-occurrence table groups by at most one variable, with no compare")
                }
                if !RowSet.codeSets.contains(spec.pairedCodes) {
                    complain("analysis.tables '\(spec.id)': of: '\(spec.pairedCodes.rawValue)' has no codes to pair (it can: \(RowSet.codeSets.map(\.rawValue).joined(separator: ", ")))")
                }
            } else if let of = spec.of {
                complain("analysis.tables '\(spec.id)': of: \(of.rawValue) is for a co-occurrence table")
            }
            for chart in spec.charts where !spec.possibleCharts.contains(chart) {
                complain("analysis.tables '\(spec.id)': a table of \(spec.rows.rawValue) cannot draw '\(chart.rawValue)' (it can: \(spec.possibleCharts.map(\.rawValue).joined(separator: ", ")))")
            }
            for finding in spec.findings where !spec.possibleFindings.contains(finding) {
                complain("analysis.tables '\(spec.id)': a table of \(spec.rows.rawValue) cannot give the finding '\(finding.rawValue)' (it can: \(spec.possibleFindings.map(\.rawValue).joined(separator: ", ")))")
            }
            for (variable, values) in (spec.filter ?? [:]).sorted(by: { $0.key < $1.key }) {
                if values.isEmpty { complain("analysis.tables '\(spec.id)': where \(variable): names no level, so it selects nothing") }
                guard let shown = shownLevels(of: variable) else { continue }
                for value in values where !shown.contains(value) {
                    complain("analysis.tables '\(spec.id)': where \(variable): '\(value)' is not a level of \(variable) (\(shown.joined(separator: ", ")))")
                }
            }
            if let compare = spec.compare {
                if compare.groups.count != 2 { complain("analysis.tables '\(spec.id)': compare two groups") }
                if Set(compare.groups).count != compare.groups.count { complain("analysis.tables '\(spec.id)': compare two different groups") }
                if compare.variable == compare.within { complain("analysis.tables '\(spec.id)': compare within another variable than \(compare.variable)") }
                if let shown = shownLevels(of: compare.variable) {
                    for group in compare.groups where !shown.contains(group) {
                        complain("analysis.tables '\(spec.id)': compare: '\(group)' is not a level of \(compare.variable) (\(shown.joined(separator: ", ")))")
                    }
                }
                if [RowSet.sample, .surveyItems, .intercoderAgreement, .jointDisplay, .cooccurrence].contains(spec.rows) {
                    complain("analysis.tables '\(spec.id)': only code rows can be compared")
                }
            }
        }
        self.plan = plan
        if !problems.isEmpty { throw InputProblems(problems) }
    }

    /// A problem of a setting found against the study's files (at ingest), at the setting's line in
    /// `study.yml`: the message starts with the setting (`coding.analysed_coders: …`).
    public func settingProblem(_ message: String) -> InputProblem {
        let file = path(of: Self.fileName)
        let place = Self.place(of: message, in: (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
        return InputProblem(file: file, line: place?.line ?? 0, column: place?.column, message: message)
    }

    /// Where the setting a problem's message names stands in `study.yml`: the table entry with that id
    /// (`analysis.tables 'id': …`), or the key path before the first colon (`publication.groups.role: …`).
    static func place(of message: String, in text: String) -> (line: Int, column: Int)? {
        if message.hasPrefix("analysis.tables '"), let id = message.dropFirst("analysis.tables '".count).split(separator: "'").first {
            return ManifestKeys.place(ofTable: String(id), in: text)
        }
        let setting = message.prefix { $0 != ":" && $0 != " " }
        return ManifestKeys.place(of: setting.split(separator: ".").map(String.init), in: text)
    }

    /// The absolute or working-directory-relative path of a file named relative to the study folder.
    public func path(of relativePath: String) -> String {
        (relativePath as NSString).isAbsolutePath
            ? relativePath : (directory as NSString).appendingPathComponent(relativePath)
    }

    /// The levels tables show for a variable: the declared levels, each publication group in the place
    /// of its first member; `nil` for variables without declared levels.
    public func publishedLevels(of variable: String) -> [String]? {
        guard let declared = declaredLevels(of: variable) else { return nil }
        var levels: [String] = []
        for level in declared {
            let shown = publishedLevel(level, of: variable)
            if !levels.contains(shown) { levels.append(shown) }
        }
        return levels
    }

    /// The level a table shows for a participant's value: its publication group, or the value itself.
    public func publishedLevel(_ value: String, of variable: String) -> String {
        publicationGroups[variable]?.first { $0.value.contains(value) }?.key ?? value
    }

    /// The declared levels a shown level stands for (a publication group's members, or itself).
    public func members(of level: String, of variable: String) -> [String] {
        publicationGroups[variable]?[level] ?? [level]
    }

    /// The declared levels of `country` or `role`; `nil` for other variables (their levels are the
    /// values observed, sorted).
    public func declaredLevels(of variable: String) -> [String]? {
        switch variable {
        case "country": countries
        case "role": roles
        default: nil
        }
    }
}

extension PlanEntry {
    init(spec: TableSpec) {
        self.spec = spec
        self.defaultID = nil
    }
}

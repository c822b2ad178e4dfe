import Crypto
import Foundation
import QDAExchange
import Storage
import StudyModel

/// Validates and stores a REFI-QDA project (`.qdpx`) as participants and coded segments.
///
/// - Coders: the project's users, by name (a coding's `creatingUser`, or its selection's); every coder of
///   `coding.analysed_coders` must have coded something.
/// - Codes: each coding's code path in the project's tree (`Barriers/Time`) through the study's ``CodeMap``.
/// - Participants: the project's cases, unless the study lists a `participants` file. A named case is the
///   participant of that name, its variables `country` and `role` (any case) its levels, its other variables its
///   attributes; a nameless case holding one source (MAXQDA, Quirkos) is the participant of that source (its name,
///   or the id `documents:` gives it), with the source's variables too. Which source belongs to whom: the cases'
///   `SourceRef`s, else the source's `documents:` in study.yml (QualCoder exports none).
/// - Segments: one per coding of a text selection: the selection's GUID, the source's name as document, start and
///   end in code points, the excerpt from the source's text. Two codings of one selection mapped to the same code
///   by one coder count once; selections of one text with the same range and user (NVivo writes one per code) are
///   one segment, under the first one's GUID.
struct QDPXLoader {
    let manifest: StudyManifest
    let codebook: Codebook
    /// The participant ids of the study's `participants` file, or `nil` when it lists none (then the cases are
    /// the participants) or it could not be read in full (``participantsListed`` tells which).
    let listedParticipants: IDTable?
    let participantsListed: Bool
    var progress: IngestProgressHandler?
    /// Participants stored from the project's cases.
    private(set) var participantsStored = 0
    /// The ids of the participants the cases gave.
    private(set) var caseParticipantIDs: Set<String> = []
    private(set) var stored = 0
    /// Every user who coded a text selection.
    private(set) var coders: Set<String> = []
    /// What the ingest tells without failing: tolerated quirks, codes left out under `unmapped: ignore` or kept
    /// under `keep`.
    private(set) var notices: [String] = []
    /// The code paths kept as uncategorised codes (`unmapped: keep`), in the order first seen.
    private(set) var keptCodes: [Code] = []

    init(manifest: StudyManifest, codebook: Codebook, listedParticipants: IDTable?, participantsListed: Bool) {
        self.manifest = manifest
        self.codebook = codebook
        self.listedParticipants = listedParticipants
        self.participantsListed = participantsListed
    }

    /// A participant the project's cases give, with where it comes from.
    private struct CaseParticipant {
        var id: String
        var values: [QDPXProjectContents.VariableValue]
        var place: QDPXElementPlace
        var nameless: Bool
    }

    mutating func load(
        _ source: SourceFile, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws -> [SourceFileRecord] {
        let codeMap: CodeMap
        do {
            codeMap = try CodeMap(codebook: codebook, mappingPath: source.codeMap.map { manifest.path(of: $0) })
        } catch {
            log.add(contentsOf: error)
            return []
        }
        let path = manifest.path(of: source.file)
        let project: QDPXProjectContents
        do {
            project = try QDPXProjectReader.read(
                path: path, crlfAsOne: source.lineEnds == .crlfAsOne, utf16Units: source.offsets == .utf16)
        } catch {
            log.add(contentsOf: error)
            return []
        }
        notices += project.notes.map { "\(source.file): \($0)" }
        let (digest, byteCount) = hash(of: path)
        progress?(IngestProgress(file: path, bytesRead: byteCount, totalBytes: byteCount))
        let fingerprint = SourceFileRecord(
            path: source.file, kind: source.kind.rawValue, sha256: digest, byteCount: byteCount,
            recordCount: project.textSources.reduce(0) { $0 + $1.selections.reduce(0) { $0 + $1.codings.count } })
        if !participantsListed, project.cases.isEmpty {
            log.add(InputProblem(
                file: project.file,
                message: "/Project: the project has no cases, so no participants: list a participants file (kind: participants)"
                    + " and give each document's participant id with documents: in study.yml"))
            return [fingerprint]
        }
        let (owners, cases) = assignSources(project, source: source, log: &log)
        if !participantsListed {
            try storeParticipants(cases, project: project, into: transaction, log: &log)
        } else if !project.cases.isEmpty {
            notices.append("\(source.file): the cases' variables are not read: the participants are those of the study's participants file")
        }

        var unmapped = UnmappedTally<QDPXElementPlace>(setting: source.unmapped, codebook: codebook, unit: ("coding", "codings"))
        // NVivo writes one selection per coding: selections of one text with the same range and user are one segment.
        var sameRange = 0
        for text in project.textSources {
            var segmentOfRange: [String: String] = [:]
            let codedSelections = text.selections.filter { !$0.codings.isEmpty }
            guard !codedSelections.isEmpty else { continue }
            guard let participant = owners[text.guid] else {
                log.add(project.problem(
                    at: text.place,
                    "the text source '\(text.name)' belongs to no case and is not in the source's documents in study.yml,"
                        + " so its \(codedSelections.count) coded selection\(codedSelections.count == 1 ? "" : "s") have no participant"))
                continue
            }
            for selection in codedSelections {
                var merged = false
                for coding in selection.codings {
                    coders.insert(coding.user)
                    let codePath = coding.codePath.joined(separator: "/")
                    guard let code = codeMap.id(for: codePath)
                        ?? unmapped.count(codePath, at: codePlace(of: coding.codePath, in: project.codes) ?? coding.place)
                    else { continue }
                    let range = "\(selection.start) \(selection.end) \(coding.user)"
                    let segmentID = segmentOfRange[range] ?? selection.guid
                    if segmentID != selection.guid { merged = true } else { segmentOfRange[range] = segmentID }
                    let segment = CodedSegment(
                        segmentID: segmentID, participantID: participant, code: code, coder: coding.user,
                        document: text.name, start: selection.start, end: selection.end, excerpt: selection.excerpt,
                        language: nil, line: selection.place.line)
                    if try transaction.insert(segment) { stored += 1 }
                }
                if merged { sameRange += 1 }
            }
        }
        if sameRange > 0 {
            notices.append("\(source.file): \(sameRange) selection\(sameRange == 1 ? "" : "s") with the range and user of an earlier selection of its text (NVivo writes one selection per code) read as that segment, with its codes")
        }
        let mapName = source.codeMap ?? "a code map (code_map:)"
        if unmapped.setting == .fail {
            for (codePath, count, place) in unmapped.codes {
                log.add(project.problem(
                    at: place,
                    "code '\(codePath)' (on \(unmapped.counted(count))) is mapped to no code of codebook \(codebook.version); map it in \(mapName)"
                        + " or as an alias in the codebook, or set unmapped: ignore or keep"))
            }
        }
        let (said, collisions, kept) = unmapped.outcome(file: source.file, what: "code")
        notices += said
        for (message, place) in collisions { log.add(project.problem(at: place, "code " + message)) }
        keptCodes = kept
        checkAnalysedCoders(file: source.file, log: &log)
        if stored == 0, log.isEmpty {
            // Never a report of zeros without a word.
            let left = unmapped.total
            log.add(InputProblem(
                file: project.file,
                message: "/Project: no coded text selection became a segment (\(fingerprint.recordCount) coding\(fingerprint.recordCount == 1 ? "" : "s") of text"
                    + " selections in the project, \(left) of them of codes mapped to no codebook id)"))
        }
        return [fingerprint]
    }

    /// The participant of each text source (by GUID), and the participants the cases give.
    private mutating func assignSources(
        _ project: QDPXProjectContents, source: SourceFile, log: inout ProblemLog
    ) -> (owners: [String: String], cases: [CaseParticipant]) {
        let documents = source.documents ?? [:]
        let textByGUID = Dictionary(project.textSources.map { ($0.guid, $0) }) { first, _ in first }
        var owners: [String: String] = [:]
        var ownerPlace: [String: QDPXElementPlace] = [:]
        var participants: [CaseParticipant] = []
        var indexOfID: [String: Int] = [:]
        var nameless = 0
        for found in project.cases {
            var id = found.name
            var values = found.values
            if id == nil {
                guard found.sources.count == 1, let text = textByGUID[found.sources[0].sourceGUID] else {
                    log.add(project.problem(
                        at: found.place,
                        "a case without a name must hold one text source (as MAXQDA's and Quirkos' document cases do); this one holds \(found.sources.count)"))
                    continue
                }
                nameless += 1
                id = documents[text.name] ?? text.name
                values += text.values
            }
            guard let id else { continue }
            if let index = indexOfID[id] {
                let first = participants[index]
                if !(first.nameless && found.name == nil) {
                    log.add(project.problem(at: found.place, "a second case for participant '\(id)' (the first at line \(first.place.line))"))
                    continue
                }
                participants[index].values += values.filter { value in !first.values.contains { $0.variable == value.variable } }
            } else {
                indexOfID[id] = participants.count
                participants.append(CaseParticipant(id: id, values: values, place: found.place, nameless: found.name == nil))
            }
            for ref in found.sources {
                if let owner = owners[ref.sourceGUID], owner != id {
                    log.add(project.problem(
                        at: ref.place,
                        "the source '\(textByGUID[ref.sourceGUID]?.name ?? ref.sourceGUID)' is in the cases of two participants, '\(owner)' (line \(ownerPlace[ref.sourceGUID]!.line)) and '\(id)'"))
                    continue
                }
                owners[ref.sourceGUID] = id
                ownerPlace[ref.sourceGUID] = ref.place
            }
        }
        if nameless > 0 {
            notices.append("\(source.file): \(nameless) case\(nameless == 1 ? "" : "s") without a name, each holding one source (MAXQDA's and Quirkos' document variables), read as the participant of that source")
        }
        // Sources no case holds: the manifest's documents.
        let known = participantsListed ? listedParticipants : IDTable(participants.map(\.id))
        var viaDocuments = 0
        for text in project.textSources where owners[text.guid] == nil {
            guard let id = documents[text.name] else { continue }
            if let known, !known.contains(id) {
                log.add(manifest.settingProblem(
                    "sources: qdpx '\(source.file)': documents: '\(text.name)' is given participant '\(id)', which is "
                        + (participantsListed ? "not in the participants file" : "not a case of the project")))
                continue
            }
            owners[text.guid] = id
            viaDocuments += 1
        }
        let sourceNames = Set(project.textSources.map(\.name))
        let strays = documents.keys.filter { !sourceNames.contains($0) }.sorted()
        if !strays.isEmpty {
            notices.append("\(source.file): documents: in study.yml names \(strays.count == 1 ? "a document" : "documents") the project has no text source of: \(strays.map { "'\($0)'" }.joined(separator: ", "))")
        }
        if viaDocuments > 0, !project.cases.isEmpty {
            notices.append("\(source.file): \(viaDocuments) source\(viaDocuments == 1 ? "" : "s") held by no case's SourceRef (QualCoder exports none) given \(viaDocuments == 1 ? "its participant" : "their participants") by documents: in study.yml")
        }
        if participantsListed, let listedParticipants {
            for (guid, id) in owners.sorted(by: { $0.key < $1.key }) where !listedParticipants.contains(id) {
                if let place = ownerPlace[guid] {
                    log.add(project.problem(at: place, "the case's participant '\(id)' is not in the participants file"))
                }
            }
        }
        return (owners, participants)
    }

    /// Stores the cases' participants: `country` and `role` from their variables, the other variables as attributes.
    private mutating func storeParticipants(
        _ participants: [CaseParticipant], project: QDPXProjectContents, into transaction: StoreTransaction, log: inout ProblemLog
    ) throws {
        let planVariables = PlanVariables(manifest: manifest)
        var variablesSeen: Set<String> = []
        var valuesSeen: [String: Set<String>] = [:]
        let checks = IdentityChecks(who: "participant")
        for participant in participants {
            var levels: [String: String] = [:]
            var attributes: [String: String] = [:]
            for value in participant.values {
                let key = value.variable.trimmingCharacters(in: .whitespaces).lowercased()
                if key == "country" || key == "role" {
                    if let text = value.value { levels[key] = text }
                } else if let text = value.value {
                    attributes[value.variable] = text
                    variablesSeen.insert(value.variable)
                    if planVariables.selected[value.variable] != nil { valuesSeen[value.variable, default: []].insert(text) }
                }
            }
            var valid = true
            for (variable, declared) in [("country", manifest.countries), ("role", manifest.roles)] {
                guard let level = levels[variable] else {
                    let names = participant.values.map(\.variable)
                    log.add(project.problem(
                        at: participant.place,
                        "missing variable: the case '\(participant.id)' has no value of '\(variable)'"
                            + " (its variables: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"))
                    valid = false
                    continue
                }
                if let problem = checks.problem(withLevel: level, of: variable, declared: declared) {
                    log.add(project.problem(at: participant.place, "case '\(participant.id)': \(variable): \(problem)"))
                    valid = false
                }
            }
            caseParticipantIDs.insert(participant.id)
            guard valid, let country = levels["country"], let role = levels["role"] else { continue }
            let stored = Participant(id: participant.id, country: country, role: role, attributes: attributes)
            if try transaction.insert(stored, position: participantsStored, line: participant.place.line) { participantsStored += 1 }
        }
        for (setting, variable) in planVariables.uses where !variablesSeen.contains(variable) {
            log.add(manifest.settingProblem("\(setting): '\(variable)' is not a variable of any case of \(project.file)"))
        }
        for (setting, variable, value) in planVariables.selections
        where variablesSeen.contains(variable) && valuesSeen[variable]?.contains(value) != true {
            log.add(manifest.settingProblem("\(setting): no case of \(project.file) has \(variable) '\(value)', so it selects nobody"))
        }
    }

    /// Every coder `coding.analysed_coders` names must have coded something in the project.
    private func checkAnalysedCoders(file: String, log: inout ProblemLog) {
        guard !coders.isEmpty else { return }
        let known = coders.sorted()
        for coder in manifest.coding.analysedCoders where !coders.contains(coder) {
            let meant = known.first { $0.lowercased() == coder.lowercased() }
            log.add(manifest.settingProblem(
                "coding.analysed_coders: '\(coder)' is no user who coded in \(file)"
                    + (meant.map { " (did you mean '\($0)'?)" } ?? "") + "; its coding users: \(known.joined(separator: ", "))"))
        }
    }

    /// The SHA-256 and size of the file, read in blocks (a project may hold large media files).
    private func hash(of path: String) -> (sha256: String, byteCount: Int) {
        var hasher = SHA256()
        var byteCount = 0
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            while let block = try? handle.read(upToCount: 1 << 20), !block.isEmpty {
                hasher.update(data: block)
                byteCount += block.count
            }
        }
        return (hasher.finalize().lowercaseHexadecimal, byteCount)
    }

    /// The place of the code at `path` in the code tree.
    private func codePlace(of path: [String], in codes: [QDCCode]) -> QDPXElementPlace? {
        guard let first = path.first, let code = codes.first(where: { $0.name == first }) else { return nil }
        if path.count == 1 { return QDPXElementPlace(line: code.line, xmlPath: code.xmlPath) }
        return codePlace(of: Array(path.dropFirst()), in: code.children)
    }
}

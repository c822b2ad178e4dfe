import Foundation
import Storage
import StudyModel

/// Everything the analysis needs, read from the store once: participants, the codebook, and for each
/// participant the segment count of every code in the participant's *analysed* coding (the coder
/// policy of the manifest applied).
public struct StudyData: Sendable {
    public var study: StoredStudy
    public var sourceFiles: [SourceFileRecord]
    public var participants: ParticipantList
    public var codebook: Codebook
    /// Segments of code `codebook.codes[c]` in participant `p`'s analysed coding, at `(p, c)` (a bit per
    /// participant and code, and a byte per count present).
    private var analysedSegments: SegmentCounts
    /// The coder whose coding is analysed, per participant: 1 + the coder's place in the policy's
    /// analysed coders, 0 for none (2 bytes a participant, not a string; see ``analysedCoder(of:)``).
    private var analysedCoderRanks: [UInt16]
    /// The policy's analysed coders, in order of preference.
    private var analysedCoders: [String]
    /// Intercoder agreement's tallies over the units (every participant coded, or assigned by the coverage
    /// list, to two or more coders), gathered as the store was read: no unit is kept.
    public var agreement: AgreementTally
    /// Where the coders of the units of ``agreement`` come from: the coverage list (with the segments), or the
    /// segments alone.
    public var agreementUnitSource: AgreementUnitSource = .segments
    public var surveys: [(instrument: Instrument, respondents: [SurveyRespondent])]
    /// Distinct segments in the analysed coding (a segment carrying three codes is one segment and
    /// three code applications).
    public var codedSegments: Int
    /// The analysed coding's sets of two or more codes, kept from the pass when they fit their budget
    /// (`nil`: co-occurrence reads the store's summary again).
    var analysedCodeSets: AnalysedCodeSets?
    /// Whether the pass over the summary of the coding was the ingest's (``IngestedStudy``), not the store's.
    var passWasIngested = false

    /// Reads the study from the store and applies the coder policy.
    ///
    /// For each participant, the analysed coding is that of the first coder in `policy.analysedCoders`
    /// who coded the participant; codings of other coders are ignored here (they serve agreement).
    /// - Throws: ``AnalysisError/emptyStore`` when nothing was ingested.
    /// - Complexity: one ordered pass over the store's summary of the coding (``StoreReader/forEachCoding(participants:_:)``:
    ///   a row per participant and coder, not the segment table), split by participant over `parts`
    ///   connections read at once (``StudyStore/connections(_:)``; by default one per core from
    ///   5,000 participants), beside the participants and the surveys on one more (the participants
    ///   first when the coverage list names them); memory O(participants × codes).
    /// - Parameter attributes: the participant attributes to load (`nil`: all of them).
    /// - Parameter codeSetBudget: the bytes the analysed coding's sets of two or more codes may take to be
    ///   kept for co-occurrence (``AnalysedCodeSets``; 4 MiB: M's 20,000 participants need about 1.1 MB).
    /// - Parameter definitions: the codebook and the instruments the store holds, when the caller has them
    ///   (`analyze run`: the values its ingest stored, ``StoredDefinitions``); else they are read from the store.
    /// - Parameter ingested: what `analyze run`'s ingest of the store kept (``IngestedStudy``): the pass over the
    ///   summary made as its rows were checked, and the survey respondents; each where it holds, else read.
    public init(
        store: StudyStore, policy: CodingPolicy, attributes: Set<String>? = nil, parts: Int? = nil,
        codeSetBudget: Int = 4 << 20, definitions: StoredDefinitions? = nil, ingested: IngestedStudy? = nil
    ) throws {
        let head = try store.read { reader -> (StoredStudy, [SourceFileRecord], Codebook, Int, [String])? in
            guard let study = try reader.study() else { return nil }
            return (
                study, try reader.sourceFiles(), try definitions?.codebook ?? reader.codebook(), try reader.participantCount(),
                try reader.coders())
        }
        guard let (study, sourceFiles, codebook, count, coderIDs) = head else { throw AnalysisError.emptyStore }
        // The coverage list names participants by id, and the pass needs the coders each was assigned: with
        // one, the participants are read first; without, beside the pass.
        let (known, assigned) = try policy.coverage == nil ? (nil, [:]) : store.read { reader -> (ParticipantList?, [Int: Set<String>]) in
            let participants = ParticipantList(try reader.participants(attributes: attributes))
            var participantIndex = ParticipantsByID(participants)
            var assigned: [Int: Set<String>] = [:]
            for (participantID, coder) in try reader.coverage() {
                if let participant = participantIndex.index(of: participantID) { assigned[participant, default: []].insert(coder) }
            }
            return (participants, assigned)
        }
        let codeCount = codebook.codes.count
        if policy.coverage == nil,
            let coding = ingested?.coding?.finished(participants: count, codes: codeCount, coders: coderIDs)
        {
            // The pass made as the ingest checked the rows: the participants and the surveys read here (or
            // kept by the ingest too).
            let instruments = definitions?.instruments
            let kept = ingested?.respondents.flatMap { kept in
                instruments.flatMap { IngestedStudy.respondents(kept, of: $0) }
            }
            let participants = try store.read { ParticipantList(try $0.participants(attributes: attributes)) }
            let surveys = try kept ?? store.read { reader in
                try (instruments ?? reader.instruments()).map { ($0, try reader.respondents(of: $0)) }
            }
            self.init(
                study: study, sourceFiles: sourceFiles, participants: participants, codebook: codebook, policy: policy,
                coding: coding, surveys: surveys)
            passWasIngested = true
            return
        }
        let parts = Self.passParts(participants: count, parts: parts)
        // Read at once, on all cores: the participants (unless read already), the pass over the store's
        // summary of the coding participant by participant in `parts` consecutive ranges (keep the preferred
        // coder's codes, gather the units of agreement), then the surveys. Each range is read on a
        // connection of its own; the participants and the surveys on one more.
        let stores = try store.connections(parts + 1)
        let pieces = ConcurrentMap.map(0..<(parts + 2)) { job in
            Result { () throws -> ReadPiece in
                switch job {
                case 0: return .participants(try known ?? stores[parts].read { ParticipantList(try $0.participants(attributes: attributes)) })
                case parts + 1:
                    return .surveys(try stores[parts].read { reader in
                        try (definitions?.instruments ?? reader.instruments()).map { ($0, try reader.respondents(of: $0)) }
                    })
                default:
                    let part = job - 1
                    return .coding(try stores[part].read { reader in
                        let range = (part * count / parts)..<((part + 1) * count / parts)
                        var pass = CodingPass(
                            participants: count, codes: codeCount, coders: coderIDs, policy: policy, assigned: assigned,
                            range: range, codeSetBudget: codeSetBudget / parts)
                        try reader.forEachCoding(participants: range) { pass.add($0) }
                        pass.finish()
                        return pass
                    })
                }
            }
        }
        var participants: ParticipantList?
        var coding: CodingPass?
        var surveys: [(instrument: Instrument, respondents: [SurveyRespondent])] = []
        for piece in pieces {
            switch try piece.get() {
            case .participants(let list): participants = list
            case .coding(let pass): if coding == nil { coding = pass } else { coding!.append(pass) }
            case .surveys(let read): surveys = read
            }
        }
        guard var coding, let participants else { preconditionFailure("every piece read") }
        // Participants assigned to two or more coders, none of whom applied a code.
        for (participant, coders) in assigned where !coding.seen[participant] && coders.count >= 2 {
            coding.agreement.add(coders: coders.sorted(), codes: Array(repeating: [], count: coders.count))
        }
        self.init(
            study: study, sourceFiles: sourceFiles, participants: participants, codebook: codebook, policy: policy,
            coding: coding, surveys: surveys)
    }

    /// The parts a pass over the summary of `participants` participants is split into (`parts`: asked for;
    /// by default one per core from 5,000 participants).
    static func passParts(participants count: Int, parts: Int?) -> Int {
        max(1, min(parts ?? (count >= 5_000 ? ProcessInfo.processInfo.activeProcessorCount : 1), count))
    }

    /// The study data of a finished pass over the summary of the coding.
    private init(
        study: StoredStudy, sourceFiles: [SourceFileRecord], participants: ParticipantList, codebook: Codebook,
        policy: CodingPolicy, coding: CodingPass, surveys: [(instrument: Instrument, respondents: [SurveyRespondent])]
    ) {
        self.init(
            study: study, sourceFiles: sourceFiles, participants: participants, codebook: codebook,
            analysedSegments: coding.segments, analysedCoderRanks: coding.ranks, analysedCoders: policy.analysedCoders,
            agreement: coding.agreement, surveys: surveys, codedSegments: coding.codedSegments)
        analysedCodeSets = coding.codeSets
        agreementUnitSource = policy.coverage == nil ? .segments : .coverage
    }

    init(
        study: StoredStudy, sourceFiles: [SourceFileRecord], participants: ParticipantList, codebook: Codebook,
        analysedSegments: SegmentCounts, analysedCoderRanks: [UInt16], analysedCoders: [String], agreement: AgreementTally,
        surveys: [(instrument: Instrument, respondents: [SurveyRespondent])], codedSegments: Int
    ) {
        self.study = study
        self.sourceFiles = sourceFiles
        self.participants = participants
        self.codebook = codebook
        self.analysedSegments = analysedSegments
        self.analysedCoderRanks = analysedCoderRanks
        self.analysedCoders = analysedCoders
        self.agreement = agreement
        self.surveys = surveys
        self.codedSegments = codedSegments
    }
}

extension StudyData {
    /// Analysed segments of code `code` (a codebook index) for participant `participant`.
    @inline(__always)
    public func segments(participant: Int, code: Int) -> Int {
        analysedSegments[participant, code]
    }

    /// The coder whose coding is analysed for participant `participant` (`nil`: none of the policy's
    /// analysed coders coded the participant).
    public func analysedCoder(of participant: Int) -> String? {
        let rank = Int(analysedCoderRanks[participant])
        return rank == 0 ? nil : analysedCoders[rank - 1]
    }

    /// Calls `body` with each code (a codebook index) of which `participant` has analysed segments, in
    /// codebook order, and the segments.
    @inline(__always)
    func forEachCode(participant: Int, _ body: (_ code: Int, _ segments: Int) -> Void) {
        analysedSegments.forEachCount(participant: participant, body)
    }

    /// All analysed segments of a participant.
    public func segments(participant: Int) -> Int {
        analysedSegments.sum(participant: participant)
    }

    /// All analysed segments of the study.
    public var totalSegments: Int { analysedSegments.total }
}

/// What one of the reads of ``StudyData/init(store:policy:attributes:parts:codeSetBudget:)`` gives.
private enum ReadPiece: @unchecked Sendable {
    case participants(ParticipantList)
    case coding(CodingPass)
    case surveys([(instrument: Instrument, respondents: [SurveyRespondent])])
}

/// Why an analysis cannot run.
public enum AnalysisError: Error, Equatable, CustomStringConvertible {
    case emptyStore
    case unknownVariable(table: String, variable: String)
    case staleStore(file: String)

    public var description: String {
        switch self {
        case .emptyStore: "the store is empty: run 'analyze ingest' first"
        case .unknownVariable(let table, let variable):
            "table '\(table)': '\(variable)' is not a participant variable (country, role, or a column of participants.csv)"
        case .staleStore(let file): "\(file) changed since the last ingest: run 'analyze ingest' again"
        }
    }
}
